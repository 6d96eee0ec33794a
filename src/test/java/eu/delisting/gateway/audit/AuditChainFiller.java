package eu.delisting.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Extends a gateway's audit chain with well-formed entries straight through JDBC, following the
 * gateway's own protocol (head row locked, entries chained, head moved), so that verification can be
 * measured over a long log without a million API calls, and baselines can write what the gateway writes.
 */
public final class AuditChainFiller {

    private AuditChainFiller() {
    }

    /** The entry to chain after {@code seq} and {@code hash}, at {@code at}. */
    private interface NextEntry {
        AuditEvent after(long seq, String hash, Instant at);
    }

    /** Appends {@code count} acknowledgement-like entries, one transaction per chunk; returns the new head sequence. */
    public static long append(Connection db, long count, int chunk) throws SQLException {
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        long appended = 0;
        long head = 0;
        try {
            while (appended < count) {
                int n = (int) Math.min(chunk, count - appended);
                head = chain(db, n, (seq, hash, at) -> AuditEvent.append(seq, hash, at, "google",
                        "service-account-google", "NOTICE_ACKNOWLEDGED", "notice", java.util.UUID.randomUUID().toString(),
                        null, "{\"effectiveAt\":\"" + at + "\",\"status\":\"RECEIVED\",\"territories\":[\"FR\"]}"));
                db.commit();
                appended += n;
            }
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
        return head;
    }

    /**
     * Appends one entry in the caller's open transaction, as the gateway's {@code AuditLog} does: the head row
     * locked, the entry chained to it, the head moved. Not committed here.
     */
    public static void appendOne(Connection db, String organisation, String subject, String action, String recordType,
                                 String recordId, String orderId, String detail) throws SQLException {
        chain(db, 1, (seq, hash, at) -> AuditEvent.append(seq, hash, at, organisation, subject, action, recordType,
                recordId, orderId, detail));
    }

    /** Locks the head, inserts {@code n} entries chained to it (one batch), moves the head; returns its sequence. */
    private static long chain(Connection db, int n, NextEntry next) throws SQLException {
        try (PreparedStatement lock = db.prepareStatement(
                "SELECT last_seq, last_hash, last_at FROM audit_chain WHERE id = 1 FOR UPDATE");
             PreparedStatement insert = db.prepareStatement("INSERT INTO audit_event (seq, occurred_at,"
                     + " organisation_id, subject, action, record_type, record_id, order_id, detail, digest,"
                     + " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement move = db.prepareStatement(
                     "UPDATE audit_chain SET last_seq = ?, last_hash = ?, last_at = ? WHERE id = 1")) {
            long seq;
            String hash;
            Instant at;
            try (ResultSet r = lock.executeQuery()) {
                r.next();
                seq = r.getLong(1);
                hash = r.getString(2);
                Timestamp last = r.getTimestamp(3);
                at = last == null ? Instant.EPOCH : last.toLocalDateTime().toInstant(ZoneOffset.UTC);
            }
            // Never before the previous entry.
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            if (at.isBefore(now)) {
                at = now;
            }
            for (int i = 0; i < n; i++) {
                AuditEvent e = next.after(seq, hash, at);
                insert.setLong(1, e.seq());
                insert.setTimestamp(2, column(e.occurredAt()));
                insert.setString(3, e.organisation());
                insert.setString(4, e.subject());
                insert.setString(5, e.action());
                insert.setString(6, e.recordType());
                insert.setString(7, e.recordId());
                insert.setString(8, e.orderId());
                insert.setString(9, e.detail());
                insert.setString(10, e.digest());
                insert.setString(11, e.prevHash());
                insert.setString(12, e.hash());
                insert.addBatch();
                seq = e.seq();
                hash = e.hash();
            }
            insert.executeBatch();
            move.setLong(1, seq);
            move.setString(2, hash);
            move.setTimestamp(3, column(at));
            move.executeUpdate();
            return seq;
        }
    }

    private static Timestamp column(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
