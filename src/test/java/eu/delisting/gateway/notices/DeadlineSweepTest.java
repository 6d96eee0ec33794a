package eu.delisting.gateway.notices;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import eu.delisting.gateway.support.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static eu.delisting.gateway.support.Api.as;
import static eu.delisting.gateway.support.Api.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class DeadlineSweepTest {

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @Inject
    DeadlineSweeper sweeper;

    @Inject
    NoticeMetrics metrics;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static long events(AgroalDataSource db, String org, String type, String noticeId) {
        return Rows.count(db, "select count(*) from event where organisation_id = ? and type = ? and notice_id = ?",
                org, type, noticeId);
    }

    @Test
    void aNoticeIsOverdueExactlyAtItsDueInstantAndNotOneMillisecondBefore() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String auditor = Api.registerOrganisation("aud", "AUDITOR");
        operator().body(Map.of("organisation", auditor, "from", Instant.now().minusSeconds(60).toString(),
                "until", Instant.now().plusSeconds(400L * 86_400).toString())).post("/api/v1/orders/" + order + "/auditors");
        Api.file(parties.claimant(), order, "https://allostreaming.com/due");
        Map<String, Object> notice = as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order)
                .path("items[0]");
        String id = (String) notice.get("id");
        Instant due = Instant.parse((String) notice.get("dueAt"));

        clock.freezeAt(due.minusMillis(1));
        sweeper.sweep();
        as(parties.engine(), "search-engine").get("/api/v1/notices/" + id).then().body("overdue", equalTo(false));

        clock.freezeAt(due);
        sweeper.sweep();
        as(parties.engine(), "search-engine").get("/api/v1/notices/" + id).then().body("overdue", equalTo(true));
        assertThat(events(db, parties.engine(), "NOTICE_OVERDUE", id)).isEqualTo(1);
        assertThat(events(db, parties.claimant(), "NOTICE_OVERDUE", id)).isEqualTo(1);
        assertThat(events(db, auditor, "NOTICE_OVERDUE", id)).isEqualTo(1);

        sweeper.sweep();
        assertThat(events(db, parties.engine(), "NOTICE_OVERDUE", id)).as("a second sweep changes nothing").isEqualTo(1);
    }

    @Test
    void aDelistedNoticeIsNeverOverdueAndExpiresWithARelistPermittedEvent() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, "https://allostreaming.com/expires");
        Map<String, Object> notice = as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order)
                .path("items[0]");
        String id = (String) notice.get("id");
        as(parties.engine(), "search-engine").body(Map.of("status", "DELISTED", "effectiveAt", Instant.now().toString(),
                "territories", List.of("FR"))).post("/api/v1/notices/" + id + "/acknowledgements").then().statusCode(201);
        Instant end = Instant.parse((String) notice.get("measureEndsAt"));

        clock.freezeAt(end.minusMillis(1));
        sweeper.sweep();
        as(parties.engine(), "search-engine").get("/api/v1/notices/" + id).then()
                .body("status", equalTo("DELISTED")).body("overdue", equalTo(false));

        clock.freezeAt(end);
        sweeper.sweep();
        as(parties.engine(), "search-engine").get("/api/v1/notices/" + id).then().body("status", equalTo("EXPIRED"));
        as(parties.engine(), "search-engine").get("/api/v1/events?limit=1000").then().statusCode(200)
                .body("items.findAll { it.noticeId == '" + id + "' }.type", equalTo(List.of("NOTICE_CREATED", "RELIST_PERMITTED")));
        assertThat(Rows.count(db, "select count(*) from audit_event where action = 'NOTICES_EXPIRED'")).isPositive();
    }

    @Test
    void twoSweepsRacingMarkEachNoticeOnce() throws Exception {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            urls.add("https://allostreaming.com/race/" + i);
        }
        as(parties.claimant(), "rights-holder").body(Map.of("urls", urls.subList(0, 1000)))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(201);
        as(parties.claimant(), "rights-holder").body(Map.of("urls", urls.subList(1000, 1200)))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(201);
        Instant due = Instant.parse(as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order)
                .path("items[0].dueAt"));
        clock.freezeAt(due.plusSeconds(1));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> sweeps = List.of(sweeper::sweep, sweeper::sweep);
            int changed = 0;
            for (Future<Integer> f : pool.invokeAll(sweeps)) {
                changed += f.get();
            }
            assertThat(changed).isGreaterThanOrEqualTo(1200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Rows.count(db, "select count(*) from notice where order_id = ? and overdue = true", order)).isEqualTo(1200);
        assertThat(Rows.count(db, "select count(*) from event e join notice n on n.id = e.notice_id"
                + " where n.order_id = ? and e.type = 'NOTICE_OVERDUE' and e.organisation_id = ?", order, parties.engine()))
                .isEqualTo(1200);
    }

    @Test
    void theSweepsReadAnIndexRangeNotTheWholeTable() throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            List<String> plans = new ArrayList<>();
            // The claims the sweeps send, as they send them.
            for (String sql : List.of(NoticeRepository.CLAIM_FALLING_DUE, NoticeRepository.CLAIM_ENDED)) {
                try (ResultSet rs = st.executeQuery("EXPLAIN " + sql.replace("?1", "NOW()").replace("?2", "500"))) {
                    rs.next();
                    plans.add(rs.getString("type") + " " + rs.getString("key"));
                }
            }
            System.out.println("Sweep query plans: " + plans);
            assertThat(plans.get(0)).isEqualTo("range notice_overdue_sweep");
            assertThat(plans.get(1)).isEqualTo("range notice_expiry_sweep");
        }
    }

    @Test
    void theOverdueGaugeCountsFlaggedAndNewlyDueNoticesStillToBeActedOn() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, "https://allostreaming.com/g1", "https://allostreaming.com/g2",
                "https://allostreaming.com/g3");
        List<String> ids = as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order).path("items.id");
        Instant due = Instant.parse(as(parties.engine(), "search-engine").get("/api/v1/notices/" + ids.get(0))
                .path("dueAt"));
        as(parties.engine(), "search-engine").body(Map.of("status", "DELISTED", "effectiveAt", Instant.now().toString(),
                "territories", List.of("FR"))).post("/api/v1/notices/" + ids.get(2) + "/acknowledgements")
                .then().statusCode(201);
        clock.freezeAt(due);
        sweeper.sweep();
        clock.reset();
        Api.file(parties.claimant(), order, "https://allostreaming.com/g4");
        // Later than any sweep of the suite: some notices flagged by the sweep, others due since and not flagged.
        Instant later = due.plus(java.time.Duration.ofDays(200));
        clock.freezeAt(later);

        metrics.refresh();

        long expected = Rows.count(db, "select count(*) from notice where status in ('PENDING', 'RECEIVED')"
                + " and due_at < ?", eu.delisting.gateway.database.DatabaseTime.toColumn(later));
        assertThat(Rows.count(db, "select count(*) from notice where id in (?, ?) and overdue = true", ids.get(0),
                ids.get(1))).isEqualTo(2);
        assertThat(Rows.count(db, "select count(*) from notice where order_id = ? and status = 'PENDING'"
                + " and overdue = false and due_at < ?", order, eu.delisting.gateway.database.DatabaseTime.toColumn(later)))
                .as("filed after the sweep: due, not flagged").isEqualTo(1);
        assertThat(registry.get("gateway.notices.overdue").gauge().value()).isEqualTo((double) expected);
    }

    @Test
    void eachOrganisationReadsOnlyItsOwnFeedInOrder() {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, "https://allostreaming.com/feed/1", "https://allostreaming.com/feed/2");
        as(parties.engines().get(0), "search-engine").get("/api/v1/events?limit=1").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].type", equalTo("NOTICE_CREATED"));
        String cursor = as(parties.engines().get(0), "search-engine").get("/api/v1/events?limit=1").path("nextCursor");
        as(parties.engines().get(0), "search-engine").get("/api/v1/events?after=" + cursor).then()
                .body("items", hasSize(1));
        List<String> theirs = as(parties.engines().get(1), "search-engine").get("/api/v1/notices").path("items.id");
        as(parties.engines().get(0), "search-engine").get("/api/v1/events").then()
                .body("items.noticeId", everyItem(org.hamcrest.Matchers.not(org.hamcrest.Matchers.isIn(theirs))));
        as(parties.engines().get(0), "search-engine").get("/api/v1/events?after=x").then().statusCode(422);
    }
}
