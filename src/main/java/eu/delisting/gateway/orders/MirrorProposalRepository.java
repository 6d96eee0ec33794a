package eu.delisting.gateway.orders;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
class MirrorProposalRepository implements PanacheRepositoryBase<MirrorProposal, String> {

    List<MirrorProposal> ofOrder(String orderId) {
        return list("orderId = ?1 order by createdAt", orderId);
    }

    /** The proposal, row-locked until commit, so that it is decided once. */
    Optional<MirrorProposal> lock(String id) {
        List<?> locked = getEntityManager().createNativeQuery("SELECT id FROM mirror_proposal WHERE id = ?1 FOR UPDATE")
                .setParameter(1, id).getResultList();
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        MirrorProposal proposal = findById(id);
        getEntityManager().refresh(proposal);
        return Optional.of(proposal);
    }

    List<MirrorProposal> pending(String orderId) {
        return list("orderId = ?1 and status = ?2", orderId, MirrorProposal.Status.PENDING);
    }

    /** Every proposal still to be decided, oldest first. */
    List<MirrorProposal> allPending(int limit) {
        return find("status = ?1 order by createdAt, id", MirrorProposal.Status.PENDING).page(0, limit).list();
    }
}
