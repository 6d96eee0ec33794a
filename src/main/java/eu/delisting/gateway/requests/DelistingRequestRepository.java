package eu.delisting.gateway.requests;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
class DelistingRequestRepository implements PanacheRepositoryBase<DelistingRequest, String> {

    List<DelistingRequest> ofOrder(String orderId, int limit) {
        return find("orderId = ?1 order by filedAt, id", orderId).page(0, limit).list();
    }

    List<DelistingRequest> ofOrderByClaimant(String orderId, String claimant, int limit) {
        return find("orderId = ?1 and claimant = ?2 order by filedAt, id", orderId, claimant).page(0, limit).list();
    }
}
