package eu.delisting.gateway.compliance;

import eu.delisting.gateway.database.DatabaseTime;
import eu.delisting.gateway.notices.NoticeStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order's compliance figures aggregated by the database: each query reads the order's entries of the
 * {@code notice_compliance} index (order, state, addressee, flags, due and filing instants; V15), and the rows
 * and first or last delisting of its delisted notices only, and answers a handful of rows per addressee,
 * whatever the order's size.
 * A notice's delisting instant is the effective instant of its first {@code DELISTED} acknowledgement, the
 * territories it covers those of its last one (the rules of {@link ComplianceService#report}).
 */
@ApplicationScoped
class ComplianceRepository {

    /** Notices of one addressee in one state; of them, how many are overdue now and how many were late. */
    record StateCount(String addressee, NoticeStatus status, long notices, long overdue, long late) {
    }

    /** A value of an addressee's ordered delays at a rank (1-based) among {@code total}. */
    record RankedDelay(String addressee, long rank, long total, long seconds) {
    }

    /** How many of an addressee's delisted notices were delisted within a bucket of delays. */
    record DelayBucket(String addressee, int bucket, long notices) {
    }

    /** How many of an addressee's delisted notices cover exactly these territories. */
    record Coverage(String addressee, String territories, long notices) {
    }

    private static final String DELISTED_AT = """
            (SELECT MIN(f.id) FROM acknowledgement f WHERE f.notice_id = n.id AND f.status = 'DELISTED')""";

    /** Each delisted notice's addressee and time from filing to delisting, in whole seconds, never negative. */
    private static final String DELAYS = """
            SELECT n.addressee_id AS addressee,
                   GREATEST(0, TIMESTAMPDIFF(SECOND, n.created_at, a.effective_at)) AS seconds
            FROM notice n JOIN acknowledgement a ON a.id = """ + DELISTED_AT + """

            WHERE n.order_id = ?1 AND n.status = 'DELISTED'""";

    private final EntityManager em;

    ComplianceRepository(EntityManager em) {
        this.em = em;
    }

    /** Per addressee and state: notices, overdue now (flagged, or past due while still to be delisted), late. */
    List<StateCount> stateCounts(String orderId, Instant now) {
        List<StateCount> counts = new ArrayList<>();
        for (Object[] row : rows(em.createNativeQuery("""
                        SELECT addressee_id, status, COUNT(*),
                               SUM(CASE WHEN overdue OR (due_at < ?2 AND status IN ('PENDING', 'RECEIVED'))
                                        THEN 1 ELSE 0 END),
                               SUM(CASE WHEN late THEN 1 ELSE 0 END)
                        FROM notice WHERE order_id = ?1 GROUP BY addressee_id, status""")
                .setParameter(1, orderId).setParameter(2, DatabaseTime.toColumn(now)))) {
            counts.add(new StateCount((String) row[0], NoticeStatus.valueOf((String) row[1]), number(row[2]),
                    number(row[3]), number(row[4])));
        }
        return counts;
    }

    /**
     * Per addressee, the delays at the nearest ranks of the given percentiles (rank = ceil(p × n / 100)),
     * ranked by the database: only those rows leave it.
     */
    List<RankedDelay> delaysAtPercentiles(String orderId, int... percentiles) {
        StringBuilder wanted = new StringBuilder();
        for (int p : percentiles) {
            wanted.append(wanted.isEmpty() ? "" : " OR ").append("rn = (total * ").append(p).append(" + 99) DIV 100");
        }
        List<RankedDelay> ranked = new ArrayList<>();
        for (Object[] row : rows(em.createNativeQuery("""
                        SELECT addressee, rn, total, seconds FROM (
                            SELECT addressee, seconds,
                                   ROW_NUMBER() OVER (PARTITION BY addressee ORDER BY seconds) AS rn,
                                   COUNT(*) OVER (PARTITION BY addressee) AS total
                            FROM (""" + DELAYS + ") delays) ranked WHERE " + wanted)
                .setParameter(1, orderId))) {
            ranked.add(new RankedDelay((String) row[0], number(row[1]), number(row[2]), number(row[3])));
        }
        return ranked;
    }

    /** Per addressee, delisted notices counted by the first bucket whose upper bound (seconds) their delay is within. */
    List<DelayBucket> delayBuckets(String orderId, long[] upperBounds) {
        StringBuilder bucket = new StringBuilder("CASE");
        for (int i = 0; i < upperBounds.length; i++) {
            bucket.append(" WHEN seconds <= ").append(upperBounds[i]).append(" THEN ").append(i);
        }
        bucket.append(" ELSE ").append(upperBounds.length).append(" END");
        List<DelayBucket> buckets = new ArrayList<>();
        for (Object[] row : rows(em.createNativeQuery("SELECT addressee, " + bucket + " AS bucket, COUNT(*) FROM ("
                + DELAYS + ") delays GROUP BY addressee, bucket").setParameter(1, orderId))) {
            buckets.add(new DelayBucket((String) row[0], (int) number(row[1]), number(row[2])));
        }
        return buckets;
    }

    /** Per addressee, delisted notices grouped by the territories their last delisting covers. */
    List<Coverage> coverage(String orderId) {
        List<Coverage> coverage = new ArrayList<>();
        for (Object[] row : rows(em.createNativeQuery("""
                        SELECT n.addressee_id, a.territories, COUNT(*)
                        FROM notice n JOIN acknowledgement a ON a.id =
                            (SELECT MAX(l.id) FROM acknowledgement l WHERE l.notice_id = n.id AND l.status = 'DELISTED')
                        WHERE n.order_id = ?1 AND n.status = 'DELISTED'
                        GROUP BY n.addressee_id, a.territories""")
                .setParameter(1, orderId))) {
            coverage.add(new Coverage((String) row[0], (String) row[1], number(row[2])));
        }
        return coverage;
    }

    /**
     * When the first notice that can be overdue was filed: one with a due instant, to be or already delisted
     * (rejected, cancelled and expired notices are left out); null if there is none.
     */
    Instant firstDueNoticeFiled(String orderId) {
        return DatabaseTime.toInstant(em.createNativeQuery("""
                        SELECT MIN(created_at) FROM notice
                        WHERE order_id = ?1 AND due_at IS NOT NULL AND status IN ('PENDING', 'RECEIVED', 'DELISTED')""")
                .setParameter(1, orderId).getSingleResult());
    }

    /**
     * Per addressee, for each instant: the notices past their due instant then and not delisted by then (of those
     * {@link #firstDueNoticeFiled} considers). One pass over the order's notices for all instants: the notices still
     * to be delisted from the index alone, the delisted ones with their first delisting.
     */
    List<long[]> overdueAt(String orderId, List<Instant> instants, List<String> addressees) {
        StringBuilder sums = new StringBuilder();
        for (int i = 0; i < instants.size(); i++) {
            int p = i + 2;
            sums.append(", SUM(CASE WHEN due_at < ?").append(p).append(" AND (delisted_at IS NULL OR delisted_at > ?")
                    .append(p).append(") THEN 1 ELSE 0 END)");
        }
        Query query = em.createNativeQuery("SELECT addressee_id" + sums + """

                        FROM (SELECT n.addressee_id, n.due_at, NULL AS delisted_at FROM notice n
                              WHERE n.order_id = ?1 AND n.due_at IS NOT NULL AND n.status IN ('PENDING', 'RECEIVED')
                              UNION ALL
                              SELECT n.addressee_id, n.due_at, a.effective_at FROM notice n
                              LEFT JOIN acknowledgement a ON a.id =""" + " " + DELISTED_AT + """

                              WHERE n.order_id = ?1 AND n.due_at IS NOT NULL AND n.status = 'DELISTED') due
                        GROUP BY addressee_id""").setParameter(1, orderId);
        for (int i = 0; i < instants.size(); i++) {
            query.setParameter(i + 2, DatabaseTime.toColumn(instants.get(i)));
        }
        List<long[]> series = new ArrayList<>();
        for (int i = 0; i < addressees.size(); i++) {
            series.add(new long[instants.size()]);
        }
        for (Object[] row : rows(query)) {
            int at = addressees.indexOf((String) row[0]);
            if (at < 0) {
                continue;
            }
            for (int i = 0; i < instants.size(); i++) {
                series.get(at)[i] = number(row[i + 1]);
            }
        }
        return series;
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Query query) {
        return (List<Object[]>) query.getResultList();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
