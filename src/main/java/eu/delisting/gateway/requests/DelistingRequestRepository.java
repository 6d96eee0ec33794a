package eu.delisting.gateway.requests;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.panache.common.Parameters;

import java.time.Instant;
import java.util.List;

@ApplicationScoped
class DelistingRequestRepository implements PanacheRepositoryBase<DelistingRequest, String> {

    /**
     * A page of the order's requests (of the given claimants, or all when {@code claimants} is null), oldest
     * first, after the position ({@code afterAt}, {@code afterId}) of the previous page's last one.
     */
    List<DelistingRequest> pageOfOrder(String orderId, java.util.Collection<String> claimants, Instant afterAt,
                                       String afterId, int limit) {
        StringBuilder where = new StringBuilder("orderId = :order");
        Parameters parameters = Parameters.with("order", orderId);
        if (claimants != null) {
            if (claimants.isEmpty()) {
                return List.of();
            }
            where.append(" and claimant in :claimants");
            parameters = parameters.and("claimants", claimants);
        }
        if (afterAt != null) {
            where.append(" and (filedAt > :at or (filedAt = :at and id > :id))");
            parameters = parameters.and("at", afterAt).and("id", afterId);
        }
        return find(where + " order by filedAt, id", parameters).page(0, limit).list();
    }

    /**
     * The request if the caller may read it: its own (when {@code claimant} is set) or of an order in
     * {@code overseen}. One query, so an absent request and someone else's cost the same.
     */
    java.util.Optional<DelistingRequest> findVisible(String id, String claimant, List<String> overseen) {
        List<String> clauses = new java.util.ArrayList<>();
        Parameters parameters = Parameters.with("id", id);
        if (claimant != null) {
            clauses.add("claimant = :claimant");
            parameters = parameters.and("claimant", claimant);
        }
        if (!overseen.isEmpty()) {
            clauses.add("orderId in :overseen");
            parameters = parameters.and("overseen", overseen);
        }
        if (clauses.isEmpty()) {
            clauses.add("1 = 0");
        }
        return find("id = :id and (" + String.join(" or ", clauses) + ")", parameters).firstResultOptional();
    }
}
