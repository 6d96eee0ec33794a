package eu.delisting.gateway.orders;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
class MirrorProposalRepository implements PanacheRepositoryBase<MirrorProposal, String> {

    List<MirrorProposal> ofOrder(String orderId) {
        return list("orderId = ?1 order by createdAt", orderId);
    }

    List<MirrorProposal> pending(String orderId) {
        return list("orderId = ?1 and status = ?2", orderId, MirrorProposal.Status.PENDING);
    }
}
