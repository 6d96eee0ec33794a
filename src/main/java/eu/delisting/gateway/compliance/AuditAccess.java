package eu.delisting.gateway.compliance;

import eu.delisting.gateway.audit.AuditTrail;
import eu.delisting.gateway.orders.OrderHeading;
import eu.delisting.gateway.orders.OrderService;
import eu.delisting.gateway.paging.Paging;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.tenants.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;

/** Who reads which part of the audit log: the operator all of it, an auditor the orders it audits now. */
@ApplicationScoped
public class AuditAccess {

    private final AuditTrail trail;
    private final OrderService orders;

    AuditAccess(AuditTrail trail, OrderService orders) {
        this.trail = trail;
        this.orders = orders;
    }

    @Transactional
    public AuditTrail.EventPage events(Caller caller, String orderId, String after, Integer limit) {
        checkPage(after, limit);
        boolean hasOrder = orderId != null && !orderId.isBlank();
        if (!caller.isOperator()) {
            if (!hasOrder) {
                throw GatewayProblem.invalid(List.of(new FieldError("orderId", "REQUIRED",
                        "an auditor reads the audit log of one order it audits")));
            }
            orders.requireReadable(orderId, caller);
            requireOverseer(orderId, caller);
        }
        return read(caller, orderId, after, limit);
    }

    /** A page of an order's audit trail with the order's heading (the console's page), access checked once. */
    public record OrderTrail(OrderHeading order, AuditTrail.EventPage events) {
    }

    @Transactional
    public OrderTrail orderTrail(Caller caller, String orderId, String after, Integer limit) {
        checkPage(after, limit);
        OrderHeading order = orders.heading(orderId, caller);
        requireOverseer(orderId, caller);
        return new OrderTrail(order, read(caller, orderId, after, limit));
    }

    private static void checkPage(String after, Integer limit) {
        List<FieldError> errors = new ArrayList<>();
        Paging.sequenceCursor(after, errors);
        Paging.limit(limit, errors);
        if (!errors.isEmpty()) {
            // A malformed page is a bad question, whoever asks it (checked before access, as every list does).
            throw GatewayProblem.invalid(errors);
        }
    }

    private void requireOverseer(String orderId, Caller caller) {
        if (!orders.oversees(orderId, caller)) {
            throw new GatewayProblem(ProblemCode.FORBIDDEN, "Only the order's auditors and the operator read its audit log");
        }
    }

    private AuditTrail.EventPage read(Caller caller, String orderId, String after, Integer limit) {
        AuditTrail.EventPage page = trail.page(orderId, after, limit);
        orders.recordAuditorRead(caller, "audit-log", orderId, orderId);
        return page;
    }
}
