package eu.delisting.gateway.idempotency;

import eu.delisting.gateway.database.DatabaseTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;

/** The idempotency_key table and its lock rows (migration V5). */
@ApplicationScoped
class IdempotencyRepository {

    /** A claimed key: the request it was first used for and, once that committed, its answer. */
    record Row(String requestHash, Integer status, String response) {
    }

    private final EntityManager em;

    IdempotencyRepository(EntityManager em) {
        this.em = em;
    }

    /** Waits for and holds the lock row until commit. */
    void lockStripe(int stripe) {
        em.createNativeQuery("SELECT stripe FROM idempotency_lock WHERE stripe = ?1 FOR UPDATE")
                .setParameter(1, stripe).getResultList();
    }

    /** Inserts the key unless it exists, then reads it back (ours when its status is still empty). */
    Row insertIfAbsent(String organisation, String operation, String key, String requestHash, Instant now) {
        em.createNativeQuery("""
                        INSERT IGNORE INTO idempotency_key
                            (organisation_id, operation, idempotency_key, request_hash, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, organisation).setParameter(2, operation).setParameter(3, key)
                .setParameter(4, requestHash).setParameter(5, DatabaseTime.toColumn(now))
                .executeUpdate();
        Object[] row = (Object[]) em.createNativeQuery("""
                        SELECT request_hash, status_code, response FROM idempotency_key
                        WHERE organisation_id = ?1 AND operation = ?2 AND idempotency_key = ?3""")
                .setParameter(1, organisation).setParameter(2, operation).setParameter(3, key)
                .getSingleResult();
        return new Row((String) row[0], row[1] == null ? null : ((Number) row[1]).intValue(), (String) row[2]);
    }

    /** Deletes at most {@code limit} keys created before {@code before} (through idempotency_by_age). */
    int deleteCreatedBefore(Instant before, int limit) {
        return em.createNativeQuery("DELETE FROM idempotency_key WHERE created_at < ?1 LIMIT ?2")
                .setParameter(1, DatabaseTime.toColumn(before)).setParameter(2, limit).executeUpdate();
    }

    void storeAnswer(String organisation, String operation, String key, int status, String body) {
        em.createNativeQuery("""
                        UPDATE idempotency_key SET status_code = ?1, response = ?2
                        WHERE organisation_id = ?3 AND operation = ?4 AND idempotency_key = ?5""")
                .setParameter(1, status).setParameter(2, body).setParameter(3, organisation)
                .setParameter(4, operation).setParameter(5, key).executeUpdate();
    }
}
