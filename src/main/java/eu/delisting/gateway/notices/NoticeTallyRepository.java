package eu.delisting.gateway.notices;

import eu.delisting.gateway.database.DatabaseTime;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The notice tally (V16): counts of notices by addressee and state, kept as appended changes (the filing's inserts
 * and the notice table's triggers) and folded into {@code notice_tally} by {@link NoticeTally}.
 */
@ApplicationScoped
class NoticeTallyRepository {

    /** Notices of one addressee in one state. */
    record Count(String addressee, NoticeStatus status, long notices) {
    }

    /** What a change adds to: the tally's key. */
    record Key(String addressee, String status) {
    }

    /** One appended change: a signed number of notices on a key. */
    record Change(long id, Key key, long delta) {
    }

    private final EntityManager em;
    private final AgroalDataSource db;

    NoticeTallyRepository(EntityManager em, AgroalDataSource db) {
        this.em = em;
        this.db = db;
    }

    /**
     * Takes the fold's turn until commit, unless another replica holds it (then false: that one folds). Uncounted
     * (as V16 leaves the tally) is false too: {@link #countIfUncounted} comes first.
     */
    boolean takeFoldTurn() {
        List<?> row = em.createNativeQuery("SELECT counted_at FROM notice_tally_fold WHERE id = 1 FOR UPDATE SKIP LOCKED")
                .getResultList();
        return !row.isEmpty() && row.get(0) != null;
    }

    /**
     * The oldest committed changes. A plain read (read committed): changes of transactions still running are
     * not seen and not waited for; they are folded by a later round once committed.
     */
    List<Change> oldestChanges(int limit) {
        List<?> rows = em.createNativeQuery("SELECT id, addressee_id, status, delta FROM notice_tally_change"
                + " ORDER BY id LIMIT ?1").setParameter(1, limit).getResultList();
        return rows.stream().map(r -> {
            Object[] c = (Object[]) r;
            return new Change(((Number) c[0]).longValue(), new Key((String) c[1], (String) c[2]),
                    ((Number) c[3]).longValue());
        }).toList();
    }

    /** Adds each key's sum to the tally, in the map's order (folds never lock tally rows in opposite orders). */
    void add(Map<Key, Long> sums) {
        if (sums.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO notice_tally (addressee_id, status, notices) VALUES ");
        for (int i = 0; i < sums.size(); i++) {
            sql.append(i == 0 ? "(?,?,?)" : ",(?,?,?)");
        }
        sql.append(" ON DUPLICATE KEY UPDATE notices = notices + VALUES(notices)");
        var insert = em.createNativeQuery(sql.toString());
        int p = 1;
        for (Map.Entry<Key, Long> e : sums.entrySet()) {
            insert.setParameter(p++, e.getKey().addressee());
            insert.setParameter(p++, e.getKey().status());
            insert.setParameter(p++, e.getValue());
        }
        insert.executeUpdate();
    }

    /**
     * Removes folded changes, one primary-key delete each (sent as one batch), and notes the fold's instant. A
     * statement over a list or a range of ids can be planned as a scan of the change table (under the benchmark's load
     * a 5,000-id and then a 500-id list were), which waits on the rows of running filings and acknowledgements
     * until the socket timeout; a delete by one key reads that row alone.
     */
    void remove(List<Long> ids, Instant now) {
        int removed;
        try (Connection c = db.getConnection()) {
            removed = NoticeTallyCount.deleteChanges(c, ids);
        } catch (SQLException e) {
            throw new PersistenceException("Folded tally changes could not be removed", e);
        }
        if (removed != ids.size()) {
            throw new IllegalStateException("Tally changes were folded elsewhere: removed " + removed + " of " + ids.size());
        }
        em.createNativeQuery("UPDATE notice_tally_fold SET folded_at = ?1 WHERE id = 1")
                .setParameter(1, DatabaseTime.toColumn(now)).executeUpdate();
    }

    /** The tally: a few rows per addressee, whatever the number of notices. */
    List<Count> counts() {
        List<?> rows = em.createNativeQuery("SELECT addressee_id, status, notices FROM notice_tally"
                + " WHERE notices <> 0 ORDER BY addressee_id, status").getResultList();
        return rows.stream().map(r -> {
            Object[] c = (Object[]) r;
            return new Count((String) c[0], NoticeStatus.valueOf((String) c[1]), ((Number) c[2]).longValue());
        }).toList();
    }

    /**
     * Counts the notices into the tally if it is uncounted (as V16 leaves it, or an operator after a bulk load), on a
     * connection of its own (see {@link NoticeTallyCount}); returns whether it counted. Called outside any transaction.
     */
    boolean countIfUncounted(Instant now) {
        try (Connection c = db.getConnection()) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT counted_at FROM notice_tally_fold WHERE id = 1")) {
                if (!rs.next() || rs.getObject(1) != null) {
                    return false;
                }
            }
            return NoticeTallyCount.count(c, now, false);
        } catch (SQLException e) {
            throw new PersistenceException("The notices could not be counted into the tally", e);
        }
    }
}
