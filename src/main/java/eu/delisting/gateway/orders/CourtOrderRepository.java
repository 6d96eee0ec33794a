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
    /** The order with its parties, in one query. */
    Optional<CourtOrder> withParties(String id) {
        return find("from CourtOrder o left join fetch o.parties where o.id = ?1", id).firstResultOptional();
    }

    Optional<CourtOrder> lock(String id, Lock mode) {
        List<?> locked = getEntityManager().createNativeQuery("SELECT id FROM court_order WHERE id = ?1"
                        + (mode == Lock.EXCLUSIVE ? " FOR UPDATE" : " LOCK IN SHARE MODE"))
                .setParameter(1, id).getResultList();
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(findById(id));
    }

    /** What an organisation is to an order, as far as reading it goes. */
    enum Standing {
        NONE, PARTY, AUDITOR
    }

    /**
     * The organisation's standing on the order, from the party and appointment indexes alone: the same two
     * index lookups whether the order is absent or someone else's, so the two cannot be told apart by time.
     */
    Standing standingOf(String orderId, String organisation) {
        Object[] row = (Object[]) getEntityManager().createNativeQuery("""
                        SELECT (SELECT COUNT(*) FROM order_party WHERE organisation_id = ?2 AND order_id = ?1),
                               (SELECT COUNT(*) FROM auditor_appointment WHERE auditor_id = ?2 AND order_id = ?1)""")
                .setParameter(1, orderId).setParameter(2, organisation).getSingleResult();
        if (((Number) row[0]).longValue() > 0) {
            return Standing.PARTY;
        }
        return ((Number) row[1]).longValue() > 0 ? Standing.AUDITOR : Standing.NONE;
    }

    /**
     * Which of {@code organisations} are claimants of the order: one index lookup, the same work whether the
     * order is absent or someone else's. Empty when none (or when the order does not exist).
     */
    java.util.Set<String> claimantsAmong(String orderId, java.util.Collection<String> organisations) {
        if (organisations.isEmpty()) {
            return java.util.Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> found = getEntityManager().createNativeQuery("""
                        SELECT organisation_id FROM order_party
                        WHERE order_id = ?1 AND role = 'CLAIMANT' AND organisation_id IN (?2)""")
                .setParameter(1, orderId).setParameter(2, organisations).getResultList();
        return new java.util.HashSet<>(found);
    }

    /** Orders listed by id, or where one of {@code claimants} is a claimant; oldest first. */
    List<CourtOrder> listClaimedBy(java.util.Collection<String> claimants, java.util.Collection<String> ids, int limit) {
        return find("""
                where id in (select p.order.id from OrderParty p where p.organisation in ?1 and p.role = ?3)
                   or id in ?2
                order by createdAt, id""", claimants.isEmpty() ? List.of("") : claimants,
                ids.isEmpty() ? List.of("") : ids, PartyRole.CLAIMANT).page(0, limit).list();
    }

    List<CourtOrder> listAll(int limit) {
        return find("order by createdAt, id").page(0, limit).list();
    }

    /** Orders the organisation is a party to, or audits under a mandate in force at {@code now}. */
    List<CourtOrder> listVisibleTo(String organisation, java.time.Instant now, int limit) {
        return find("""
                where id in (select p.order.id from OrderParty p where p.organisation = ?1)
                   or id in (select a.orderId from AuditorAppointment a
                             where a.auditor = ?1 and a.from <= ?2 and a.until > ?2)
                order by createdAt, id""", organisation, now).page(0, limit).list();
    }
}
