package eu.delisting.gateway.notices;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The notice tally (V16): counts of notices by addressee, state and overdue flag, kept by the database's
 * triggers as appended changes and folded into {@code notice_tally} by {@link NoticeTally}.
 */
@ApplicationScoped
class NoticeTallyRepository {

    /** Notices of one addressee in one state, overdue or not. */
    record Count(String addressee, NoticeStatus status, boolean overdue, long notices) {
    }

    /** What a change adds to: the tally's key. */
    record Key(String addressee, String status, boolean overdue) {
    }

    /** One appended change: +1 or -1 on a key. */
    record Change(long id, Key key, int delta) {
    }

    private final EntityManager em;
    private final AgroalDataSource db;

    NoticeTallyRepository(EntityManager em, AgroalDataSource db) {
        this.em = em;
        this.db = db;
    }

    /** Takes the fold's turn until commit: replicas fold one at a time. */
    void lockFold() {
        em.createNativeQuery("SELECT id FROM notice_tally_fold WHERE id = 1 FOR UPDATE").getSingleResult();
    }

    /**
     * The oldest committed changes. A plain read (read committed): changes of transactions still running are
     * not seen and not waited for; they are folded by a later round once committed.
     */
    List<Change> oldestChanges(int limit) {
        List<?> rows = em.createNativeQuery("SELECT id, addressee_id, status, overdue, delta FROM notice_tally_change"
                + " ORDER BY id LIMIT ?1").setParameter(1, limit).getResultList();
        return rows.stream().map(r -> {
            Object[] c = (Object[]) r;
            return new Change(((Number) c[0]).longValue(), new Key((String) c[1], (String) c[2], flag(c[3])),
                    ((Number) c[4]).intValue());
        }).toList();
    }

    /** Adds each key's sum to the tally, in key order (two folds never lock tally rows in opposite orders). */
    void add(Map<Key, Long> sums) {
        if (sums.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO notice_tally (addressee_id, status, overdue, notices) VALUES ");
        for (int i = 0; i < sums.size(); i++) {
            sql.append(i == 0 ? "(?,?,?,?)" : ",(?,?,?,?)");
        }
        sql.append(" ON DUPLICATE KEY UPDATE notices = notices + VALUES(notices)");
        var insert = em.createNativeQuery(sql.toString());
        int p = 1;
        for (Map.Entry<Key, Long> e : sums.entrySet()) {
            insert.setParameter(p++, e.getKey().addressee());
            insert.setParameter(p++, e.getKey().status());
            insert.setParameter(p++, e.getKey().overdue());
            insert.setParameter(p++, e.getValue());
        }
        insert.executeUpdate();
    }

    /** Removes folded changes, one primary-key delete each (sent as one batch), and notes the fold's instant. */
    void remove(List<Long> ids, java.time.Instant now) {
        try (Connection c = db.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM notice_tally_change WHERE id = ?")) {
            for (long id : ids) {
                delete.setLong(1, id);
                delete.addBatch();
            }
            int removed = 0;
            for (int n : delete.executeBatch()) {
                removed += n == Statement.SUCCESS_NO_INFO ? 1 : n;
            }
            if (removed != ids.size()) {
                throw new IllegalStateException("Tally changes were folded elsewhere: removed " + removed + " of "
                        + ids.size());
            }
        } catch (SQLException e) {
            throw new PersistenceException("Folded tally changes could not be removed", e);
        }
        em.createNativeQuery("UPDATE notice_tally_fold SET folded_at = ?1 WHERE id = 1")
                .setParameter(1, eu.delisting.gateway.database.DatabaseTime.toColumn(now)).executeUpdate();
    }

    /** The tally: a few rows per addressee, whatever the number of notices. */
    List<Count> counts() {
        List<?> rows = em.createNativeQuery("SELECT addressee_id, status, overdue, notices FROM notice_tally"
                + " WHERE notices <> 0 ORDER BY addressee_id, status, overdue").getResultList();
        return rows.stream().map(r -> {
            Object[] c = (Object[]) r;
            return new Count((String) c[0], NoticeStatus.valueOf((String) c[1]), flag(c[2]), ((Number) c[3]).longValue());
        }).toList();
    }

    private static boolean flag(Object column) {
        return column instanceof Boolean b ? b : ((Number) column).intValue() != 0;
    }
}
