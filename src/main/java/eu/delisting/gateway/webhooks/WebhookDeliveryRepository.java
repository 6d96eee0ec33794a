package eu.delisting.gateway.webhooks;

import eu.delisting.gateway.database.DatabaseTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Webhook deliveries in plain SQL: written in bulk with their events, claimed with SKIP LOCKED. */
@ApplicationScoped
class WebhookDeliveryRepository {

    record Key(String subscriptionId, long seq) {
    }

    /** A delivery claimed for an attempt, with the event it carries. */
    record Claimed(String subscriptionId, long seq, int attempt, Instant firstAttemptAt, String type, String orderId,
                   String noticeId, Instant occurredAt, String payload) {
    }

    /** A delivery as its subscriber reads it in the log. */
    record Logged(long seq, String type, String status, int attempts, Instant nextAttemptAt, Instant lastAttemptAt,
                  Integer lastStatusCode, Integer lastLatencyMs, String lastError, Instant deliveredAt) {
    }

    private static final int INSERT_CHUNK = 500;

    private final EntityManager em;

    WebhookDeliveryRepository(EntityManager em) {
        this.em = em;
    }

    /** Deletes every delivery of these events (through the foreign key's index on event_seq). */
    int deleteOf(List<Long> events) {
        return em.createNativeQuery("DELETE FROM webhook_delivery WHERE event_seq IN (:events)")
                .setParameter("events", events).executeUpdate();
    }

    /** Inserts deliveries in {@code status}: PENDING, or HELD for a disabled subscription. */
    void enqueue(List<Key> keys, String status, Instant now) {
        for (int from = 0; from < keys.size(); from += INSERT_CHUNK) {
            List<Key> part = keys.subList(from, Math.min(keys.size(), from + INSERT_CHUNK));
            StringBuilder sql = new StringBuilder("INSERT INTO webhook_delivery (subscription_id, event_seq, status,"
                    + " attempts, next_attempt_at, created_at) VALUES ");
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "" : ",").append("(?, ?, '" + ("HELD".equals(status) ? "HELD" : "PENDING")
                        + "', 0, ?, ?)");
            }
            var query = em.createNativeQuery(sql.toString());
            int p = 1;
            Object at = DatabaseTime.toColumn(now);
            for (Key k : part) {
                query.setParameter(p++, k.subscriptionId()).setParameter(p++, k.seq()).setParameter(p++, at)
                        .setParameter(p++, at);
            }
            query.executeUpdate();
        }
    }

    /**
     * Up to {@code limit} due deliveries of the given (enabled, not saturated) subscriptions, locked with SKIP
     * LOCKED so that replicas claiming at once take different ones, at most {@code perSubscription.get(id)} of
     * each; those are leased until {@code leaseUntil} (their next attempt, should this replica stop before it
     * records the outcome) and counted as an attempt.
     */
    List<Claimed> claim(Instant now, int limit, Instant leaseUntil, java.util.Map<String, Integer> perSubscription) {
        if (perSubscription.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("""
                        SELECT subscription_id, event_seq, attempts, first_attempt_at FROM webhook_delivery
                        WHERE status = 'PENDING' AND next_attempt_at <= ?1 AND subscription_id IN (?3)
                        ORDER BY next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, DatabaseTime.toColumn(now)).setParameter(2, limit)
                .setParameter(3, perSubscription.keySet()).getResultList();
        java.util.Map<String, Integer> room = new java.util.HashMap<>(perSubscription);
        List<Object[]> kept = due.stream().filter(r -> room.merge((String) r[0], -1, Integer::sum) >= 0).toList();
        if (kept.isEmpty()) {
            return List.of();
        }
        StringBuilder where = new StringBuilder();
        List<Long> seqs = new ArrayList<>();
        for (Object[] r : kept) {
            where.append(where.isEmpty() ? "" : " OR ").append("(subscription_id = ? AND event_seq = ?)");
            seqs.add(((Number) r[1]).longValue());
        }
        var update = em.createNativeQuery("UPDATE webhook_delivery SET attempts = attempts + 1,"
                + " first_attempt_at = COALESCE(first_attempt_at, ?), next_attempt_at = ? WHERE " + where);
        int p = 1;
        update.setParameter(p++, DatabaseTime.toColumn(now)).setParameter(p++, DatabaseTime.toColumn(leaseUntil));
        for (Object[] r : kept) {
            update.setParameter(p++, r[0]).setParameter(p++, ((Number) r[1]).longValue());
        }
        update.executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> events = em.createNativeQuery("SELECT seq, type, order_id, notice_id, occurred_at, payload"
                        + " FROM event WHERE seq IN (?1)")
                .setParameter(1, seqs).getResultList();
        java.util.Map<Long, Object[]> bySeq = new java.util.HashMap<>();
        events.forEach(e -> bySeq.put(((Number) e[0]).longValue(), e));
        List<Claimed> claimed = new ArrayList<>();
        for (Object[] r : kept) {
            Object[] e = bySeq.get(((Number) r[1]).longValue());
            claimed.add(new Claimed((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).intValue() + 1,
                    r[3] == null ? now : DatabaseTime.toInstant(r[3]), (String) e[1], (String) e[2], (String) e[3],
                    DatabaseTime.toInstant(e[4]), (String) e[5]));
        }
        return claimed;
    }

    /** The attempt {@code attempt} succeeded (recorded only if the delivery is still that attempt's). */
    void delivered(Key key, int attempt, int statusCode, int latencyMs, Instant now) {
        em.createNativeQuery("""
                        UPDATE webhook_delivery SET status = 'DELIVERED', delivered_at = ?1, last_attempt_at = ?1,
                          last_status_code = ?2, last_latency_ms = ?3, last_error = NULL
                        WHERE subscription_id = ?4 AND event_seq = ?5 AND status = 'PENDING' AND attempts = ?6""")
                .setParameter(1, DatabaseTime.toColumn(now)).setParameter(2, statusCode).setParameter(3, latencyMs)
                .setParameter(4, key.subscriptionId()).setParameter(5, key.seq()).setParameter(6, attempt).executeUpdate();
    }

    /** A failed attempt: retried at {@code nextAttemptAt}, or failed for good when that is null. */
    void attemptFailed(Key key, int attempt, Integer statusCode, int latencyMs, String error, Instant now,
                       Instant nextAttemptAt) {
        em.createNativeQuery("""
                        UPDATE webhook_delivery SET status = ?1, next_attempt_at = ?2, last_attempt_at = ?3,
                          last_status_code = ?4, last_latency_ms = ?5, last_error = ?6
                        WHERE subscription_id = ?7 AND event_seq = ?8 AND status = 'PENDING' AND attempts = ?9""")
                .setParameter(1, nextAttemptAt == null ? "FAILED" : "PENDING")
                .setParameter(2, DatabaseTime.toColumn(nextAttemptAt == null ? now : nextAttemptAt))
                .setParameter(3, DatabaseTime.toColumn(now)).setParameter(4, statusCode).setParameter(5, latencyMs)
                .setParameter(6, error == null || error.length() <= 500 ? error : error.substring(0, 500))
                .setParameter(7, key.subscriptionId()).setParameter(8, key.seq()).setParameter(9, attempt).executeUpdate();
    }

    /**
     * A subscription is disabled: its waiting deliveries are held until a replay. An attempt still running then
     * records nothing (its row is no longer its attempt's), and the replay sends it again: at least once.
     */
    void hold(String subscriptionId) {
        em.createNativeQuery("UPDATE webhook_delivery SET status = 'HELD' WHERE subscription_id = ?1 AND status = 'PENDING'")
                .setParameter(1, subscriptionId).executeUpdate();
    }

    /**
     * Due again now, as new: the subscription's failed and held deliveries of events after {@code afterSeq}
     * (every event since it subscribed has one); those up to {@code afterSeq} are given up (FAILED, skipped by
     * the replay). Deliveries being attempted and delivered ones are left alone. How many were made due.
     */
    int replay(WebhookSubscription s, long afterSeq, Instant now) {
        em.createNativeQuery("""
                        UPDATE webhook_delivery SET status = 'FAILED', last_error = 'skipped by a replay after this event'
                        WHERE subscription_id = ?1 AND status = 'HELD' AND event_seq <= ?2""")
                .setParameter(1, s.id()).setParameter(2, afterSeq).executeUpdate();
        return em.createNativeQuery("""
                        UPDATE webhook_delivery SET status = 'PENDING', attempts = 0, first_attempt_at = NULL,
                          next_attempt_at = ?1 WHERE subscription_id = ?2 AND status IN ('FAILED', 'HELD')
                          AND event_seq > ?3""")
                .setParameter(1, DatabaseTime.toColumn(now)).setParameter(2, s.id()).setParameter(3, afterSeq)
                .executeUpdate();
    }

    /** The subscription's latest deliveries, newest event first. */
    List<Logged> log(String subscriptionId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT d.event_seq, e.type, d.status, d.attempts, d.next_attempt_at, d.last_attempt_at,
                               d.last_status_code, d.last_latency_ms, d.last_error, d.delivered_at
                        FROM webhook_delivery d JOIN event e ON e.seq = d.event_seq
                        WHERE d.subscription_id = ?1 ORDER BY d.event_seq DESC LIMIT ?2""")
                .setParameter(1, subscriptionId).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new Logged(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                ((Number) r[3]).intValue(), "PENDING".equals(r[2]) ? DatabaseTime.toInstant(r[4]) : null,
                r[5] == null ? null : DatabaseTime.toInstant(r[5]), r[6] == null ? null : ((Number) r[6]).intValue(),
                r[7] == null ? null : ((Number) r[7]).intValue(), (String) r[8],
                r[9] == null ? null : DatabaseTime.toInstant(r[9]))).toList();
    }
}
