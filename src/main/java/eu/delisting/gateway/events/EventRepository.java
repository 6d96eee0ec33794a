package eu.delisting.gateway.events;

import eu.delisting.gateway.database.DatabaseTime;
import jakarta.enterprise.context.ApplicationScoped;
import io.agroal.api.AgroalDataSource;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

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
    private final AgroalDataSource db;

    EventRepository(EntityManager em, AgroalDataSource db) {
        this.em = em;
        this.db = db;
    }

    /**
     * Writes the transaction's pending entity changes now: a publisher's rows are locked before it takes the
     * feed's position, so a staged event about one of them either committed before (and is relayed ahead of
     * the publisher's events) or waits for the publisher's commit.
     */
    void flushChanges() {
        em.flush();
    }

    /** Locks the feed's position until commit and returns the next free one. */
    long lockPosition() {
        return ((Number) em.createNativeQuery("SELECT next FROM event_sequence WHERE id = 1 FOR UPDATE")
                .getSingleResult()).longValue();
    }

    /** Moves the locked position on by {@code count}. */
    void advance(int count) {
        em.createNativeQuery("UPDATE event_sequence SET next = next + ?1 WHERE id = 1")
                .setParameter(1, count).executeUpdate();
    }

    /** Inserts the rows, a multi-row statement per chunk of 500. */
    void insert(List<Row> rows) {
        insert("event", true, rows);
    }

    /**
     * Stages the rows (their {@code seq} is ignored) for {@link #staged}: no lock beyond the inserted rows, so
     * the transaction staging them never waits for the feed's position.
     */
    void stage(List<Row> rows) {
        insert("event_staged", false, rows);
    }

    /** Whether anything waits for a feed position; reads without locking. */
    boolean anyStaged() {
        return !em.createNativeQuery("SELECT id FROM event_staged LIMIT 1").getResultList().isEmpty();
    }

    /** A staged event: its staging id and the row it becomes (without its position yet). */
    record Staged(long id, Row row) {
    }

    /**
     * The oldest committed staged events, in staging order, locked until commit. Called with the feed's position
     * held (see {@link #lockPosition}), so relays run one at a time and each staged row is relayed once; rows of
     * transactions still running are skipped (they are locked by their insert) rather than waited for.
     */
    List<Staged> staged(int limit) {
        return em.createNativeQuery("SELECT id, organisation_id, type, order_id, notice_id, occurred_at, payload"
                        + " FROM event_staged ORDER BY id LIMIT ?1 FOR UPDATE SKIP LOCKED")
                .setParameter(1, limit).getResultList().stream()
                .map(r -> {
                    Object[] c = (Object[]) r;
                    return new Staged(((Number) c[0]).longValue(), new Row(0, (String) c[1], (String) c[2],
                            (String) c[3], (String) c[4], DatabaseTime.toInstant(c[5]), (String) c[6]));
                }).toList();
    }

    /**
     * Removes relayed events from the stage, one primary-key delete each (sent as one batch): a statement
     * over a list or a range could be planned as a scan and wait on the uncommitted rows of running
     * transactions while the feed's position is held.
     */
    void unstage(List<Long> ids) {
        try (Connection c = db.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM event_staged WHERE id = ?")) {
            for (long id : ids) {
                delete.setLong(1, id);
                delete.addBatch();
            }
            int removed = 0;
            for (int n : delete.executeBatch()) {
                removed += n == Statement.SUCCESS_NO_INFO ? 1 : n;
            }
            if (removed != ids.size()) {
                throw new IllegalStateException("Staged events were relayed elsewhere: removed " + removed + " of "
                        + ids.size());
            }
        } catch (SQLException e) {
            throw new PersistenceException("Relayed events could not be removed from the stage", e);
        }
    }

    private void insert(String table, boolean withSeq, List<Row> rows) {
        for (int from = 0; from < rows.size(); from += INSERT_CHUNK) {
            List<Row> part = rows.subList(from, Math.min(rows.size(), from + INSERT_CHUNK));
            StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (" + (withSeq ? "seq, " : "")
                    + "organisation_id, type, order_id, notice_id, occurred_at, payload) VALUES ");
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "" : ",").append(withSeq ? "(?,?,?,?,?,?,?)" : "(?,?,?,?,?,?)");
            }
            var query = em.createNativeQuery(sql.toString());
            int p = 1;
            for (Row r : part) {
                if (withSeq) {
                    query.setParameter(p++, r.seq());
                }
                query.setParameter(p++, r.organisation()).setParameter(p++, r.type())
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

    /** The position of the organisation's last event removed after the retention period (0: none). */
    long purgedThrough(String organisation) {
        List<?> rows = em.createNativeQuery("SELECT purged_through FROM event_retention WHERE organisation_id = ?1")
                .setParameter(1, organisation).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }

    /**
     * The positions of at most {@code limit} events that occurred before {@code before}, oldest first, locked
     * until commit; events another replica's purge holds are skipped, so purges on several replicas share the
     * work instead of waiting for each other.
     */
    List<Long> olderThan(Instant before, int limit) {
        return em.createNativeQuery("SELECT seq FROM event WHERE occurred_at < ?1 ORDER BY occurred_at, seq LIMIT ?2"
                        + " FOR UPDATE SKIP LOCKED")
                .setParameter(1, DatabaseTime.toColumn(before)).setParameter(2, limit).getResultList().stream()
                .map(n -> ((Number) n).longValue()).toList();
    }

    /**
     * Removes these events, first recording per organisation the position of its last one removed (in the
     * organisations' order, as every purge does, so two purges wait for each other instead of deadlocking).
     */
    int delete(List<Long> seqs, Instant now) {
        em.createNativeQuery("""
                        INSERT INTO event_retention (organisation_id, purged_through, purged_at)
                        SELECT removed.organisation_id, removed.last_seq, :now FROM (
                            SELECT organisation_id, MAX(seq) AS last_seq FROM event WHERE seq IN (:seqs)
                            GROUP BY organisation_id) removed
                        ORDER BY removed.organisation_id
                        ON DUPLICATE KEY UPDATE purged_through = GREATEST(purged_through, removed.last_seq),
                                                purged_at = :now""")
                .setParameter("seqs", seqs).setParameter("now", DatabaseTime.toColumn(now)).executeUpdate();
        return em.createNativeQuery("DELETE FROM event WHERE seq IN (:seqs)").setParameter("seqs", seqs).executeUpdate();
    }
}
