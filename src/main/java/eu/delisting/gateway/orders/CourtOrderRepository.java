package eu.delisting.gateway.orders;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
class CourtOrderRepository implements PanacheRepositoryBase<CourtOrder, String> {

    /** How a use case holds the order row until it commits. */
    enum Lock {
        /** Filings: many at once, but never while the order is being amended. */
        SHARED,
        /** Amendments and mirror decisions: one at a time, and no filing in between. */
        EXCLUSIVE
    }

    /**
     * The order, its row locked until commit, read after the lock so that it is the state every
     * competing writer will see. Filings hold the shared lock and amendments the exclusive one, so
     * a filing and an amendment of the same order run one after the other. Called first in a
     * transaction, before anything loads the order.
     */
    Optional<CourtOrder> lock(String id, Lock mode) {
        List<?> locked = getEntityManager().createNativeQuery("SELECT id FROM court_order WHERE id = ?1"
                        + (mode == Lock.EXCLUSIVE ? " FOR UPDATE" : " LOCK IN SHARE MODE"))
                .setParameter(1, id).getResultList();
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(findById(id));
    }

    List<CourtOrder> listAll(int limit) {
        return find("order by createdAt, id").page(0, limit).list();
    }

    /** Orders where the organisation is a claimant or an addressee, or to which it is appointed auditor. */
    List<CourtOrder> listVisibleTo(String organisation, int limit) {
        return find("""
                where id in (select p.order.id from OrderParty p where p.organisation = ?1)
                   or id in (select a.orderId from AuditorAppointment a where a.auditor = ?1)
                order by createdAt, id""", organisation).page(0, limit).list();
    }
}
