package eu.delisting.gateway.notices;

import eu.delisting.gateway.orders.Agency;
import eu.delisting.gateway.orders.OrderService;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which notices a caller may read: its own as engine or claimant, its audited orders' as auditor, its
 * principals' (on the orders their mandates cover) as agent, all as operator.
 */
@ApplicationScoped
class NoticeVisibility {

    private final OrderService orders;

    NoticeVisibility(OrderService orders) {
        this.orders = orders;
    }

    boolean mayRead(Notice notice, Caller caller) {
        if (caller.isOperator()) {
            return true;
        }
        String org = caller.organisation();
        return (caller.is(Role.SEARCH_ENGINE) && notice.addressee().equals(org))
                || (caller.is(Role.RIGHTS_HOLDER) && notice.claimant().equals(org))
                || (caller.is(Role.AUDITOR) && orders.ordersAuditedNow(caller).contains(notice.orderId()))
                || (caller.is(Role.AGENT) && orders.actingFor(notice.orderId(), caller).contains(notice.claimant()));
    }

    /** A JPQL condition on Notice and its parameters. */
    record Clause(String clause, Parameters parameters) {
        /** Sees nothing (a new instance each time: Parameters are mutable). */
        static Clause none() {
            return new Clause("1 = 0", new Parameters());
        }
    }

    /** The notices the caller may read, as a condition; empty when its role reads no notices at all. */
    Optional<Clause> of(Caller caller) {
        if (caller.isOperator()) {
            return Optional.of(new Clause("1 = 1", new Parameters()));
        }
        List<String> clauses = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (caller.is(Role.SEARCH_ENGINE)) {
            clauses.add("addressee = :org");
        }
        if (caller.is(Role.RIGHTS_HOLDER)) {
            clauses.add("claimant = :org");
        }
        if (caller.is(Role.AUDITOR)) {
            List<String> audited = orders.ordersAuditedNow(caller);
            if (!audited.isEmpty()) {
                clauses.add("orderId in :audited");
                parameters = parameters.and("audited", audited);
            }
        }
        if (caller.is(Role.AGENT)) {
            // The notices of the principals it acts for, on the orders their mandates in force cover.
            int n = 0;
            for (Agency.Cover cover : orders.mandatesInForce(caller)) {
                if (cover.allOrders()) {
                    clauses.add("claimant = :principal" + n);
                } else {
                    clauses.add("(claimant = :principal" + n + " and orderId in :orders" + n + ")");
                    parameters = parameters.and("orders" + n, cover.orders());
                }
                parameters = parameters.and("principal" + n, cover.principal());
                n++;
            }
        }
        if (clauses.isEmpty()) {
            return caller.is(Role.AUDITOR) || caller.is(Role.AGENT) ? Optional.of(new Clause("1 = 0", parameters)) : Optional.empty();
        }
        if (clauses.stream().anyMatch(c -> c.contains(":org"))) {
            parameters = parameters.and("org", caller.organisation());
        }
        return Optional.of(new Clause(String.join(" or ", clauses), parameters));
    }
}
