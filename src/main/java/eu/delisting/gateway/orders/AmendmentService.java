package eu.delisting.gateway.orders;

import eu.delisting.gateway.audit.Actor;
import eu.delisting.gateway.audit.AuditLog;
import eu.delisting.gateway.database.Retried;
import eu.delisting.gateway.deadlines.Deadlines;
import eu.delisting.gateway.events.EventLog;
import eu.delisting.gateway.events.EventType;
import eu.delisting.gateway.events.NewEvent;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.IsoInstant;
import eu.delisting.gateway.problems.OneOf;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.problems.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Later decisions on an order: each makes a new version (suspend, resume, lift, cost bearers, notification
 * dates) under the order row's exclusive lock, so that no filing runs in between.
 */
@ApplicationScoped
public class AmendmentService {

    private final CourtOrderRepository orders;
    private final OrderService orderService;
    private final AuditLog audit;
    private final EventLog events;
    private final jakarta.enterprise.event.Event<OrderAmended> amended;
    private final Clock clock;

    private final eu.delisting.gateway.problems.Shapes shapes;

    AmendmentService(CourtOrderRepository orders, OrderService orderService, AuditLog audit, EventLog events, jakarta.enterprise.event.Event<OrderAmended> amended, Clock clock, eu.delisting.gateway.problems.Shapes shapes) {
        this.shapes = shapes;
        this.orders = orders;
        this.orderService = orderService;
        this.audit = audit;
        this.events = events;
        this.amended = amended;
        this.clock = clock;
    }

    /** The column's width: the reference of the court decision behind an amendment. */
    static final int MAX_DECISION_REFERENCE = 500;

    private static final String TYPES = "UNKNOWN_VALUE: type is SUSPEND, RESUME, LIFT, SET_COST_BEARER or"
            + " SET_NOTIFICATION_DATE";

    /**
     * An amendment as the operator sends it. The addressee changes are checked by the service against the
     * order (each must name one of its addressees, with a cost bearer or a notification date as the type asks).
     */
    public record Amendment(
            @NotNull(message = TYPES) @OneOf(value = AmendmentType.class, message = TYPES) String type,
            @IsoInstant String effectiveAt,
            @NotBlank(message = "REQUIRED: the decision that makes this amendment")
            @Text(max = MAX_DECISION_REFERENCE) String decisionReference,
            List<AddresseeChange> addressees) {
    }

    public record AddresseeChange(String organisation, String costBearer, String notifiedOn) {
    }

    /**
     * Makes a new version of the order from a later decision: suspend, resume, lift, change cost
     * bearers, or record notification dates. The previous versions stay as they were; parties are
     * told through their event feeds, and notices follow through {@link OrderAmended}.
     */
    @Retried
    @Transactional
    public OrderView amend(String orderId, Amendment amendment, Actor actor) {
        CourtOrder order = orders.lock(orderId, CourtOrderRepository.Lock.EXCLUSIVE)
                .orElseThrow(() -> GatewayProblem.notFound("Order"));
        shapes.check(amendment);
        List<FieldError> errors = new ArrayList<>();
        AmendmentType type = AmendmentType.valueOf(amendment.type());
        Instant now = clock.instant();
        Instant effectiveAt = amendment.effectiveAt() == null ? now : Instant.parse(amendment.effectiveAt());
        if (effectiveAt.isAfter(now.plus(Deadlines.CLOCK_SKEW))) {
            errors.add(new FieldError("effectiveAt", "IN_THE_FUTURE",
                    "file an amendment when it takes effect, not before"));
        }
        List<AddresseeChange> changes = amendment.addressees() == null ? List.of() : amendment.addressees();
        boolean perAddressee = type == AmendmentType.SET_COST_BEARER || type == AmendmentType.SET_NOTIFICATION_DATE;
        if (perAddressee && changes.isEmpty()) {
            errors.add(new FieldError("addressees", "REQUIRED", "name the addressees this amendment changes"));
        }
        Map<String, LocalDate> served = new java.util.LinkedHashMap<>();
        for (int i = 0; i < changes.size() && perAddressee; i++) {
            AddresseeChange change = changes.get(i);
            String field = "addressees[" + i + "]";
            if (change == null || !order.isAddressee(change.organisation())) {
                errors.add(new FieldError(field + ".organisation", "NOT_ADDRESSEE", "not an addressee of this order"));
                continue;
            }
            if (type == AmendmentType.SET_COST_BEARER) {
                try {
                    order.changeCostBearer(change.organisation(), CostBearer.valueOf(String.valueOf(change.costBearer())));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(field + ".costBearer", "UNKNOWN_VALUE", "costBearer is CLAIMANTS or ADDRESSEE"));
                }
            } else {
                try {
                    LocalDate day = LocalDate.parse(String.valueOf(change.notifiedOn()));
                    order.serve(change.organisation(), day);
                    served.put(change.organisation(), day);
                } catch (java.time.format.DateTimeParseException e) {
                    errors.add(new FieldError(field + ".notifiedOn", "INVALID_DATE", "notifiedOn is a date as YYYY-MM-DD"));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(field + ".notifiedOn", "BEFORE_DECISION", e.getMessage()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw GatewayProblem.invalid(errors);
        }
        try {
            switch (type) {
                case SUSPEND -> order.suspend();
                case RESUME -> order.resume();
                case LIFT -> order.lift();
                default -> { }
            }
        } catch (IllegalStateException e) {
            throw new GatewayProblem(ProblemCode.ORDER_STATE_CONFLICT, e.getMessage());
        }
        order.recordVersion(effectiveAt, now, amendment.decisionReference().strip(), type.name(),
                orderService.snapshotOf(order), orderService.publicSuffixListVersion());
        orders.flush();
        amended.fire(new OrderAmended(order.id(), order.version(), type, effectiveAt, served, order.deadlineTerms()));
        java.util.Set<String> parties = new java.util.LinkedHashSet<>(order.claimants());
        order.addressees().forEach(a -> parties.add(a.organisation()));
        parties.addAll(orderService.auditorsNow(order.id()));
        Map<String, Object> payload = Map.of("version", order.version(), "change", type.name(),
                "effectiveAt", effectiveAt.toString(), "decisionReference", amendment.decisionReference().strip(),
                "status", order.status().name());
        events.publish(parties.stream().map(org -> new NewEvent(org, EventType.ORDER_AMENDED, order.id(), null, payload))
                .toList());
        audit.record(actor, "ORDER_AMENDED", "order", order.id(), order.id(), payload);
        return orderService.view(order, true);
    }
}
