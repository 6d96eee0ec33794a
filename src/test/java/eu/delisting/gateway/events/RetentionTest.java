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
