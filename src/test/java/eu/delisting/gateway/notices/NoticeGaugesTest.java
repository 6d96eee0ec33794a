package eu.delisting.gateway.notices;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static eu.delisting.gateway.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class NoticeGaugesTest {

    @Inject
    AgroalDataSource db;

    @Inject
    NoticeTally tally;

    @Inject
    NoticeMetrics metrics;

    @Inject
    MeterRegistry registry;

    private double gauge(String addressee, NoticeStatus state) {
        var found = registry.find("gateway.notices").tags("state", state.name(), "addressee", addressee).gauge();
        return found == null ? 0 : found.value();
    }

    private long stored(String addressee, NoticeStatus state) {
        return Rows.count(db, "select count(*) from notice where addressee_id = ? and status = ?", addressee, state.name());
    }

    private long tallied(String addressee, String state) {
        return Rows.count(db, "select coalesce(sum(notices), 0) from notice_tally where addressee_id = ? and status = ?",
                addressee, state);
    }

    private void sql(String statement, Object... values) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
            }
            st.executeUpdate();
        }
    }

    /** Files {@code rounds} requests of {@code urls} URLs each under {@code path}, one after another. */
    private static Void fileRounds(String claimant, String order, String path, int rounds, int urls) {
        for (int r = 0; r < rounds; r++) {
            List<String> batch = new ArrayList<>();
            for (int u = 0; u < urls; u++) {
                batch.add("https://allostreaming.com/" + path + "/" + r + "/" + u);
            }
            Api.file(claimant, order, batch.toArray(String[]::new));
        }
        return null;
    }

    @Test
    void theGaugesShowFilingsAcknowledgementsAndAnOperatorsSqlOnceFoldedWithoutCountingTheNotices() throws Exception {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, "https://allostreaming.com/t1", "https://allostreaming.com/t2",
                "https://allostreaming.com/t3");
        String first = parties.engines().get(0);
        String second = parties.engines().get(1);
        List<String> firstIds = as(first, "search-engine").get("/api/v1/notices?orderId=" + order).path("items.id");
        List<String> secondIds = as(second, "search-engine").get("/api/v1/notices?orderId=" + order).path("items.id");
        as(first, "search-engine").body(Map.of("status", "DELISTED", "effectiveAt", Instant.now().toString(),
                "territories", List.of("FR"))).post("/api/v1/notices/" + firstIds.get(0) + "/acknowledgements")
                .then().statusCode(201);
        // An operator's own SQL, outside the gateway's code: the notice table's trigger records it all the same.
        sql("update notice set status = 'CANCELLED', version = version + 1 where id = ?", secondIds.get(2));

        tally.fold();
        metrics.refresh();

        assertThat(gauge(first, NoticeStatus.PENDING)).isEqualTo(2.0).isEqualTo(stored(first, NoticeStatus.PENDING));
        assertThat(gauge(first, NoticeStatus.DELISTED)).isEqualTo(1.0).isEqualTo(stored(first, NoticeStatus.DELISTED));
        assertThat(gauge(second, NoticeStatus.PENDING)).isEqualTo(2.0).isEqualTo(stored(second, NoticeStatus.PENDING));
        assertThat(gauge(second, NoticeStatus.CANCELLED)).isEqualTo(1.0)
                .isEqualTo(stored(second, NoticeStatus.CANCELLED));
        assertThat(Rows.count(db, "select count(*) from notice_tally_change where addressee_id in (?, ?)", first, second))
                .as("every change folded").isZero();

        // The gauges read the tally, not the notices: a change shows once it is folded, not before.
        sql("update notice set status = 'CANCELLED', version = version + 1 where id = ?", firstIds.get(1));
        metrics.refresh();
        assertThat(gauge(first, NoticeStatus.CANCELLED)).isZero();
        assertThat(gauge(first, NoticeStatus.PENDING)).isEqualTo(2.0);
        tally.fold();
        metrics.refresh();
        assertThat(gauge(first, NoticeStatus.CANCELLED)).isEqualTo(1.0);
        assertThat(gauge(first, NoticeStatus.PENDING)).isEqualTo(1.0).isEqualTo(stored(first, NoticeStatus.PENDING));

        // A notice an operator deletes (one never acknowledged) leaves the tally too.
        sql("delete from notice where id = ?", secondIds.get(1));
        tally.fold();
        metrics.refresh();
        assertThat(gauge(second, NoticeStatus.PENDING)).isEqualTo(1.0).isEqualTo(stored(second, NoticeStatus.PENDING));
    }

    @Test
    void anUncountedTallyIsCountedOnceFromTheNoticesAndThenKeptByTheirChanges() throws Exception {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, "https://allostreaming.com/c1", "https://allostreaming.com/c2");
        String engine = parties.engine();
        // As V16 leaves it, or an operator after a bulk load by SQL: uncounted, whatever it holds.
        sql("update notice_tally_fold set counted_at = null where id = 1");
        sql("insert into notice_tally (addressee_id, status, notices) values (?, 'PENDING', 1000)"
                + " on duplicate key update notices = 1000", engine);

        tally.fold();

        assertThat(tallied(engine, "PENDING")).isEqualTo(2).isEqualTo(stored(engine, NoticeStatus.PENDING));
        assertThat(Rows.count(db, "select count(*) from notice_tally_fold where counted_at is not null")).isEqualTo(1);
        Api.file(parties.claimant(), order, "https://allostreaming.com/c3");
        tally.fold();
        assertThat(tallied(engine, "PENDING")).as("counted once, then the changes added").isEqualTo(3)
                .isEqualTo(stored(engine, NoticeStatus.PENDING));
    }

    @Test
    void replicasFoldingAtOnceWhileClaimantsFileAddEachChangeOnce() throws Exception {
        Api.Parties parties = Api.parties(3, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        tally.fold();
        AtomicBoolean filing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> folders = new ArrayList<>();
            for (int f = 0; f < 2; f++) {
                folders.add(pool.submit(() -> {
                    int rounds = 0;
                    while (filing.get() || rounds == 0) {
                        tally.fold();
                        rounds++;
                    }
                    return rounds;
                }));
            }
            List<Future<?>> filers = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                String claimant = parties.claimants().get(c);
                int k = c;
                filers.add(pool.submit(() -> fileRounds(claimant, order, "race/" + k, 6, 40)));
            }
            for (Future<?> f : filers) {
                f.get();
            }
            filing.set(false);
            for (Future<?> f : folders) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        tally.fold();

        for (String engine : parties.engines()) {
            assertThat(stored(engine, NoticeStatus.PENDING)).isEqualTo(3 * 6 * 40);
            assertThat(tallied(engine, "PENDING")).as("tally of " + engine).isEqualTo(3 * 6 * 40);
        }

        // The order lifted by an operator's SQL: two changes a notice, 2,880 in all, folded and removed in chunks.
        sql("update notice set status = 'CANCELLED', version = version + 1 where order_id = ?", order);
        assertThat(tally.fold()).isGreaterThanOrEqualTo(2 * 2 * 3 * 6 * 40);
        for (String engine : parties.engines()) {
            assertThat(tallied(engine, "PENDING")).isZero();
            assertThat(tallied(engine, "CANCELLED")).isEqualTo(3 * 6 * 40).isEqualTo(stored(engine, NoticeStatus.CANCELLED));
        }
        assertThat(Rows.count(db, "select count(*) from notice_tally_change where addressee_id in (?, ?)",
                parties.engines().get(0), parties.engines().get(1))).isZero();
    }

    @Test
    void aRecountRacingFoldsAndFilingsLeavesEachNoticeCountedOnce() throws Exception {
        Api.Parties parties = Api.parties(2, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        tally.fold();
        AtomicBoolean filing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // A bulk loader's recount (the benchmark's), and a replica's fold, while claimants file.
            Future<Integer> recounts = pool.submit(() -> {
                int n = 0;
                while (filing.get() || n == 0) {
                    try (Connection c = db.getConnection()) {
                        NoticeTallyCount.count(c, Instant.now(), true);
                    }
                    n++;
                }
                return n;
            });
            Future<Integer> folds = pool.submit(() -> {
                int n = 0;
                while (filing.get() || n == 0) {
                    tally.fold();
                    n++;
                }
                return n;
            });
            List<Future<?>> filers = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                String claimant = parties.claimants().get(c);
                int k = c;
                filers.add(pool.submit(() -> fileRounds(claimant, order, "recount/" + k, 10, 20)));
            }
            for (Future<?> f : filers) {
                f.get();
            }
            filing.set(false);
            assertThat(recounts.get()).isPositive();
            assertThat(folds.get()).isPositive();
        } finally {
            pool.shutdownNow();
        }
        tally.fold();

        for (String engine : parties.engines()) {
            assertThat(stored(engine, NoticeStatus.PENDING)).isEqualTo(2 * 10 * 20);
            assertThat(tallied(engine, "PENDING")).as("tally of " + engine).isEqualTo(2 * 10 * 20);
        }
    }
}
