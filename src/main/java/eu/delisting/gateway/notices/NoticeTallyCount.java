package eu.delisting.gateway.notices;

import eu.delisting.gateway.database.DatabaseTime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the notices into the gauges' tally (V16) from one consistent snapshot, by plain JDBC: the fold's first step
 * when the tally is uncounted, and a bulk loader's last (the benchmark's). One repeatable-read transaction takes the
 * fold's turn first (a locking read, which waits for a running fold to commit), and only then takes its snapshot (at
 * its first plain read): it counts the notices and reads the ids of the changes that snapshot sees, sets the tally to
 * the counts and removes exactly those changes. No fold runs between the snapshot and the commit, so every change is
 * either in the snapshot's count and removed here, or committed after it and folded later; a snapshot taken before
 * the turn would miss a change a fold committing meanwhile adds and removes. The count waits without the connection's
 * socket timeout (it scans an index of every notice); the timeout is put back after.
 */
public final class NoticeTallyCount {

    private NoticeTallyCount() {
    }

    /** Counts if the tally is uncounted, or whatever it holds when {@code again}; returns whether it counted. */
    public static boolean count(Connection c, Instant now, boolean again) throws SQLException {
        int timeout = c.getNetworkTimeout();
        boolean autoCommit = c.getAutoCommit();
        c.setNetworkTimeout(Runnable::run, 0);
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            // Not WITH CONSISTENT SNAPSHOT: InnoDB takes the snapshot at the first plain read, after the turn.
            st.execute("START TRANSACTION");
            try {
                boolean counted = countInSnapshot(c, st, now, again);
                st.execute("COMMIT");
                return counted;
            } catch (SQLException | RuntimeException e) {
                st.execute("ROLLBACK");
                throw e;
            }
        } finally {
            c.setAutoCommit(autoCommit);
            c.setNetworkTimeout(Runnable::run, timeout);
        }
    }

    /**
     * Deletes these changes, one primary-key delete each, sent as one batch (see {@link NoticeTallyRepository#remove});
     * returns how many were deleted.
     */
    static int deleteChanges(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        int removed = 0;
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM notice_tally_change WHERE id = ?")) {
            for (long id : ids) {
                delete.setLong(1, id);
                delete.addBatch();
            }
            for (int n : delete.executeBatch()) {
                removed += n == Statement.SUCCESS_NO_INFO ? 1 : n;
            }
        }
        return removed;
    }

    private static boolean countInSnapshot(Connection c, Statement st, Instant now, boolean again) throws SQLException {
        // The turn, by a locking read (it takes no snapshot): a fold running now commits before this goes on.
        try (ResultSet rs = st.executeQuery("SELECT counted_at FROM notice_tally_fold WHERE id = 1 FOR UPDATE")) {
            if (!rs.next() || (rs.getObject(1) != null && !again)) {
                return false;
            }
        }
        List<Object[]> counts = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(
                "SELECT addressee_id, status, COUNT(*) FROM notice GROUP BY addressee_id, status")) {
            while (rs.next()) {
                counts.add(new Object[]{rs.getString(1), rs.getString(2), rs.getLong(3)});
            }
        }
        List<Long> seen = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT id FROM notice_tally_change")) {
            while (rs.next()) {
                seen.add(rs.getLong(1));
            }
        }
        st.executeUpdate("DELETE FROM notice_tally");
        if (!counts.isEmpty()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO notice_tally (addressee_id, status, notices) VALUES (?, ?, ?)")) {
                for (Object[] row : counts) {
                    insert.setString(1, (String) row[0]);
                    insert.setString(2, (String) row[1]);
                    insert.setLong(3, (Long) row[2]);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        if (deleteChanges(c, seen) != seen.size()) {
            throw new IllegalStateException("Tally changes were removed elsewhere while the notices were counted");
        }
        try (PreparedStatement done = c.prepareStatement(
                "UPDATE notice_tally_fold SET counted_at = ?, folded_at = ? WHERE id = 1")) {
            done.setObject(1, DatabaseTime.toColumn(now));
            done.setObject(2, DatabaseTime.toColumn(now));
            done.executeUpdate();
        }
        return true;
    }
}
