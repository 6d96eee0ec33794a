package eu.delisting.gateway.notices;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
class NoticeRepository implements PanacheRepositoryBase<Notice, String> {

    /**
     * Takes the filing lock and reserves {@code count} feed positions. Held until commit, so feed
     * positions become visible in the order they were handed out.
     */
    long reserveSequence(int count) {
        var em = getEntityManager();
        Number next = (Number) em.createNativeQuery("SELECT next FROM notice_sequence WHERE id = 1 FOR UPDATE")
                .getSingleResult();
        em.createNativeQuery("UPDATE notice_sequence SET next = next + ?1 WHERE id = 1")
                .setParameter(1, count).executeUpdate();
        return next.longValue();
    }

    List<Notice> active(String orderId, Collection<String> addressees, Collection<String> urlHashes) {
        if (addressees.isEmpty() || urlHashes.isEmpty()) {
            return List.of();
        }
        return list("orderId = :order and addressee in :addressees and activeUrlHash in :hashes",
                Parameters.with("order", orderId).and("addressees", addressees).and("hashes", urlHashes));
    }

    /**
     * The notice, row-locked until commit. A plain {@code FOR UPDATE} (Hibernate's MySQL 8 form,
     * {@code FOR UPDATE OF alias}, is not understood by MariaDB).
     */
    Optional<Notice> lockById(String id) {
        List<?> locked = getEntityManager().createNativeQuery("SELECT id FROM notice WHERE id = ?1 FOR UPDATE")
                .setParameter(1, id).getResultList();
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        Notice notice = findById(id);
        getEntityManager().refresh(notice);
        return Optional.of(notice);
    }

    /** A page of the feed, loaded read-only: a poll never changes a notice, so nothing is snapshotted or dirty-checked. */
    List<Notice> page(String where, Parameters parameters, int limit) {
        return find(where + " order by seq", parameters).withHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true)
                .page(0, limit).list();
    }

    List<Notice> ofRequest(String requestId) {
        return list("requestId = ?1 order by seq", requestId);
    }

    /** The order's notices for these canonical URLs filed by other claimants, oldest first. */
    List<Notice> ofOtherClaimants(String orderId, String claimant, java.util.Collection<String> canonicalUrls) {
        return list("orderId = ?1 and claimant <> ?2 and canonicalUrl in ?3 order by seq", orderId, claimant, canonicalUrls);
    }
}
