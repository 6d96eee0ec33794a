package eu.delisting.gateway.events;

import eu.delisting.gateway.database.DatabaseTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;

/** The event table and its sequence, in plain SQL: events are written in bulk and read as a feed. */
@ApplicationScoped
class EventRepository {

    /** An event row as stored; {@code payload} is its JSON text. */
    record Row(long seq, String organisation, String type, String orderId, String noticeId, Instant occurredAt,
               String payload) {
    }

    private static final int INSERT_CHUNK = 500;

    private final EntityManager em;

    EventRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Reserves {@code count} consecutive feed positions and returns the first. The sequence row stays locked
     * until commit, so positions become visible in order.
     */
    long reserve(int count) {
        long next = ((Number) em.createNativeQuery("SELECT next FROM event_sequence WHERE id = 1 FOR UPDATE")
                .getSingleResult()).longValue();
        em.createNativeQuery("UPDATE event_sequence SET next = next + ?1 WHERE id = 1")
                .setParameter(1, count).executeUpdate();
        return next;
    }

    /** Inserts the rows, a multi-row statement per chunk of 500. */
    void insert(List<Row> rows) {
        for (int from = 0; from < rows.size(); from += INSERT_CHUNK) {
            List<Row> part = rows.subList(from, Math.min(rows.size(), from + INSERT_CHUNK));
            StringBuilder sql = new StringBuilder("INSERT INTO event (seq, organisation_id, type, order_id, notice_id,"
                    + " occurred_at, payload) VALUES ");
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?)");
            }
            var query = em.createNativeQuery(sql.toString());
            int p = 1;
            for (Row r : part) {
                query.setParameter(p++, r.seq()).setParameter(p++, r.organisation()).setParameter(p++, r.type())
                        .setParameter(p++, r.orderId()).setParameter(p++, r.noticeId())
                        .setParameter(p++, DatabaseTime.toColumn(r.occurredAt())).setParameter(p++, r.payload());
            }
            query.executeUpdate();
        }
    }

    /** The organisation's events after {@code seq}, in feed order. */
    List<Row> feed(String organisation, long seq, int limit) {
        return em.createNativeQuery("SELECT seq, organisation_id, type, order_id, notice_id, occurred_at, payload"
                        + " FROM event WHERE organisation_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3")
                .setParameter(1, organisation).setParameter(2, seq).setParameter(3, limit).getResultList().stream()
                .map(r -> {
                    Object[] c = (Object[]) r;
                    return new Row(((Number) c[0]).longValue(), (String) c[1], (String) c[2], (String) c[3],
                            (String) c[4], DatabaseTime.toInstant(c[5]), (String) c[6]);
                }).toList();
    }
}
