package eu.delisting.gateway.events;

import eu.delisting.gateway.idempotency.IdempotencyRetention;
import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import eu.delisting.gateway.support.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static eu.delisting.gateway.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Feed events and idempotency keys are kept for their retention periods (400 and 30 days by default), then
 * removed. A feed reader whose cursor is behind events removed unread is told so (410 CURSOR_EXPIRED), one that
 * had read them keeps polling from its cursor; a key older than its retention is forgotten.
 */
@QuarkusTest
class RetentionTest {

    @Inject
    TestClock clock;
    @Inject
    EventRetention events;
    @Inject
    IdempotencyRetention keys;
    @Inject
    AgroalDataSource db;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String cursorAfterReadingAll(String engine) {
        return as(engine, "search-engine").get("/api/v1/events?limit=1000").then().statusCode(200)
                .extract().path("nextCursor");
    }

    @Test
    void oldEventsAreRemovedWithTheirDeliveriesAndOnlyAReaderThatMissedSomeIsToldItsCursorExpired() {
        clock.freezeAt(Instant.now());
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String reader = parties.engines().get(0);
        String behind = parties.engines().get(1);
        as(behind, "search-engine").body(Map.of("url", "http://127.0.0.1:9/retention", "eventTypes",
                List.of("NOTICE_CREATED"))).post("/api/v1/webhooks").then().statusCode(201);
        Api.file(parties.claimant(), order, "https://allostreaming.com/kept-1");
        String behindCursor = cursorAfterReadingAll(behind);
        Api.file(parties.claimant(), order, "https://allostreaming.com/kept-2");
        String readerCursor = cursorAfterReadingAll(reader);
        long old = Long.parseLong(readerCursor);
        assertThat(Rows.count(db, "select count(*) from webhook_delivery d join webhook_subscription s"
                + " on s.id = d.subscription_id where s.organisation_id = ?", behind)).isEqualTo(2);

        // 200 days later (the order still in force) a third URL; 401 days after the first two, those are removed.
        clock.freezeAt(clock.instant().plus(Duration.ofDays(200)));
        Api.file(parties.claimant(), order, "https://allostreaming.com/later");
        clock.freezeAt(clock.instant().plus(Duration.ofDays(201)));
        assertThat(events.purge()).isPositive();
        assertThat(Rows.count(db, "select count(*) from event where seq <= " + old
                + " and organisation_id in (?, ?)", reader, behind)).isZero();
        assertThat(Rows.count(db, "select count(*) from webhook_delivery d join webhook_subscription s"
                + " on s.id = d.subscription_id where s.organisation_id = ? and d.event_seq <= " + old, behind)).isZero();
        assertThat(Rows.count(db, "select count(*) from webhook_delivery d join webhook_subscription s"
                + " on s.id = d.subscription_id where s.organisation_id = ?", behind)).isEqualTo(1);

        // The reader had read both of its old events: its cursor still works, and sees the later one.
        as(reader, "search-engine").get("/api/v1/events?after=" + readerCursor).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].type", equalTo("NOTICE_CREATED"));
        // The other had not read its second event: told so, as a problem; without a cursor it starts again.
        as(behind, "search-engine").get("/api/v1/events?after=" + behindCursor).then().statusCode(410)
                .contentType("application/problem+json").body("code", equalTo("CURSOR_EXPIRED"));
        as(behind, "search-engine").get("/api/v1/events").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].type", equalTo("NOTICE_CREATED"));
        // Its notices are all still there: only the feed forgot.
        as(behind, "search-engine").get("/api/v1/notices?orderId=" + order).then().statusCode(200)
                .body("items", hasSize(3));
    }

    @Test
    void twoReplicasPurgingAtOnceShareTheWorkAndRemoveEachOldEventOnce() throws Exception {
        clock.freezeAt(Instant.now());
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        for (int i = 0; i < 6; i++) {
            Api.file(parties.claimant(), order, java.util.stream.IntStream.range(0, 200)
                    .mapToObj(n -> "https://allostreaming.com/race/" + n + "-" + java.util.UUID.randomUUID())
                    .toArray(String[]::new));
        }
        clock.freezeAt(clock.instant().plus(Duration.ofDays(401)));
        long old = Rows.count(db, "select count(*) from event where occurred_at < ?",
                java.time.LocalDateTime.ofInstant(clock.instant().minus(Duration.ofDays(400)), java.time.ZoneOffset.UTC));
        assertThat(old).isGreaterThanOrEqualTo(2_400);

        java.util.concurrent.ExecutorService replicas = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> purges = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                purges.add(replicas.submit(() -> {
                    start.await();
                    return events.purge();
                }));
            }
            start.countDown();
            int removed = purges.get(0).get() + purges.get(1).get();
            assertThat(removed).isEqualTo(old);
        } finally {
            replicas.shutdownNow();
        }
        assertThat(Rows.count(db, "select count(*) from event e join notice n on n.id = e.notice_id"
                + " where n.order_id = ?", order)).isZero();
        as(parties.engines().get(0), "search-engine").get("/api/v1/events").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aKeyOlderThanItsRetentionIsForgottenAndItsReuseIsANewRequest() {
        clock.freezeAt(Instant.now());
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String key = Api.unique("retained");
        as(parties.claimant(), "rights-holder").header("Idempotency-Key", key)
                .body(Map.of("urls", List.of("https://allostreaming.com/first")))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(201);
        // Within the retention period the key is bound to its first request.
        clock.freezeAt(clock.instant().plus(Duration.ofDays(29)));
        keys.purge();
        as(parties.claimant(), "rights-holder").header("Idempotency-Key", key)
                .body(Map.of("urls", List.of("https://allostreaming.com/second")))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(422)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));

        clock.freezeAt(clock.instant().plus(Duration.ofDays(2)));
        assertThat(keys.purge()).isPositive();
        assertThat(Rows.count(db, "select count(*) from idempotency_key where idempotency_key = ?", key)).isZero();
        as(parties.claimant(), "rights-holder").header("Idempotency-Key", key)
                .body(Map.of("urls", List.of("https://allostreaming.com/second")))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(201);
        assertThat(Rows.count(db, "select count(*) from idempotency_key where idempotency_key = ?", key)).isEqualTo(1);
    }
}
