package eu.delisting.gateway.mandates;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.delisting.gateway.audit.AuditLog;
import eu.delisting.gateway.database.Retried;
import eu.delisting.gateway.orders.OrderService;
import eu.delisting.gateway.paging.Paging;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.problems.Slug;
import eu.delisting.gateway.problems.Text;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.OrganisationKind;
import eu.delisting.gateway.tenants.OrganisationService;
import eu.delisting.gateway.tenants.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Granting and revoking agents' mandates. The principal grants for itself, the operator for anyone;
 * both may revoke; the agent and the principal read theirs. Every change is in the audit log.
 */
@ApplicationScoped
public class MandateService {

    static final int MAX_REASON = 2000;

    private final MandateRepository mandates;
    private final OrganisationService organisations;
    private final OrderService orders;
    private final AuditLog audit;
    private final Clock clock;

    MandateService(MandateRepository mandates, OrganisationService organisations, OrderService orders, AuditLog audit,
                   Clock clock) {
        this.mandates = mandates;
        this.organisations = organisations;
        this.orders = orders;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A mandate as granted: {@code principal} defaults to the calling rights holder; no {@code orders} means
     * all of the principal's orders; {@code from} defaults to now; no {@code until} means until revoked.
     */
    public record NewMandate(
            @NotBlank(message = "REQUIRED: agent is the agent organisation's id") @Slug String agent,
            @Slug String principal,
            @Size(min = 1, max = Paging.MAX_ITEMS, message = "SIZE: list 1 to " + Paging.MAX_ITEMS
                    + " orders, or leave orders out for all of the principal's orders")
            List<@NotBlank(message = "REQUIRED: an order id") String> orders,
            String from,
            String until) {
    }

    public record Revocation(@NotBlank(message = "REQUIRED: reason says why the mandate ends") @Text(max = MAX_REASON)
                             String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MandateView(String id, String agent, String principal, boolean allOrders, List<String> orders,
                              Instant from, Instant until, boolean inForce, Instant grantedAt, String grantedBy,
                              Instant revokedAt, String revokedBy, String revocationReason) {

        static MandateView of(Mandate m, Instant now) {
            return new MandateView(m.id(), m.agent(), m.principal(), m.allOrders(),
                    m.allOrders() ? null : List.copyOf(m.orders()), m.from(), m.until(), m.inForceAt(now), m.grantedAt(),
                    m.grantedBy(), m.revokedAt(), m.revokedBy(), m.revocationReason());
        }
    }

    public record MandateList(List<MandateView> items) {
    }

    @Retried
    @Transactional
    public MandateView grant(@NotNull(message = "REQUIRED: a JSON object is required") @Valid NewMandate mandate,
                             Caller caller) {
        String principal = mandate.principal() == null || mandate.principal().isBlank() ? null : mandate.principal();
        if (!caller.isOperator()) {
            if (principal != null && !principal.equals(caller.organisation())) {
                throw new GatewayProblem(ProblemCode.FORBIDDEN, "A rights holder grants mandates for itself only");
            }
            principal = caller.organisation();
        }
        List<FieldError> errors = new ArrayList<>();
        organisations.kindError("agent", mandate.agent(), OrganisationKind.AGENT).ifPresent(errors::add);
        if (principal == null) {
            errors.add(new FieldError("principal", "REQUIRED", "principal is the rights holder the agent files for"));
        } else {
            organisations.kindError("principal", principal, OrganisationKind.RIGHTS_HOLDER).ifPresent(errors::add);
        }
        Set<String> listed = null;
        if (mandate.orders() != null) {
            listed = new TreeSet<>();
            for (int i = 0; i < mandate.orders().size(); i++) {
                String order = mandate.orders().get(i);
                // An absent order and one the principal is not a claimant of get the same answer.
                if (principal != null && !orders.isClaimant(order, principal)) {
                    errors.add(new FieldError("orders[" + i + "]", "NOT_A_PARTY",
                            "the principal is not a claimant of order '" + order + "'"));
                }
                listed.add(order);
            }
        }
        Instant now = clock.instant();
        Instant from = mandate.from() == null ? now : OrderService.instant("from", mandate.from(), errors);
        Instant until = mandate.until() == null ? null : OrderService.instant("until", mandate.until(), errors);
        if (from != null && until != null && !until.isAfter(from)) {
            errors.add(new FieldError("until", "BEFORE_FROM", "a mandate ends after it starts"));
        } else if (until != null && !until.isAfter(now)) {
            errors.add(new FieldError("until", "IN_THE_PAST", "a mandate granted now ends in the future"));
        }
        if (!errors.isEmpty()) {
            throw GatewayProblem.invalid(errors);
        }
        Mandate granted = Mandate.grant(mandate.agent(), principal, listed, from, until, now, caller.organisation());
        mandates.persist(granted);
        mandates.flush();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("agent", granted.agent());
        details.put("principal", granted.principal());
        details.put("orders", granted.allOrders() ? "ALL" : List.copyOf(granted.orders()));
        details.put("from", from.toString());
        if (until != null) {
            details.put("until", until.toString());
        }
        audit.record(caller.actor(), "MANDATE_GRANTED", "mandate", granted.id(), null, details);
        return MandateView.of(granted, now);
    }

    /**
     * Ends the mandate at once: its row is locked exclusively, so filings under it that are running finish
     * first and every later one is refused. The operator or the principal revokes; a second revocation is 409.
     */
    @Retried
    @Transactional
    public MandateView revoke(String id, @NotNull(message = "REQUIRED: a JSON object is required") @Valid Revocation revocation,
                              Caller caller) {
        Mandate mandate = mandates.lock(id).filter(m -> visible(m, caller))
                .orElseThrow(() -> GatewayProblem.notFound("Mandate"));
        if (!caller.isOperator() && !mandate.principal().equals(caller.organisation())) {
            throw new GatewayProblem(ProblemCode.FORBIDDEN, "The principal or the operator revokes a mandate");
        }
        Instant now = clock.instant();
        if (!mandate.revoke(now, caller.organisation(), revocation.reason().strip())) {
            throw new GatewayProblem(ProblemCode.CONFLICT, "The mandate was revoked at " + mandate.revokedAt());
        }
        mandates.flush();
        audit.record(caller.actor(), "MANDATE_REVOKED", "mandate", mandate.id(), null, Map.of(
                "agent", mandate.agent(), "principal", mandate.principal(), "reason", mandate.revocationReason()));
        return MandateView.of(mandate, now);
    }

    @Transactional
    public MandateView read(String id, Caller caller) {
        return mandates.findByIdOptional(id).filter(m -> visible(m, caller)).map(m -> MandateView.of(m, clock.instant()))
                .orElseThrow(() -> GatewayProblem.notFound("Mandate"));
    }

    /** The operator's: all; a rights holder's: those it granted as principal; an agent's: those it holds. */
    @Transactional
    public MandateList list(Caller caller) {
        Instant now = clock.instant();
        return new MandateList(mandates.involving(caller.isOperator() ? null : caller.organisation(), Paging.MAX_PAGE)
                .stream().filter(m -> visible(m, caller)).map(m -> MandateView.of(m, now)).toList());
    }

    private static boolean visible(Mandate m, Caller caller) {
        return caller.isOperator()
                || (caller.is(Role.RIGHTS_HOLDER) && m.principal().equals(caller.organisation()))
                || (caller.is(Role.AGENT) && m.agent().equals(caller.organisation()));
    }
}
