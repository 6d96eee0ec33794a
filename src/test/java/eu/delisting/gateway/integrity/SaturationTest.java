package eu.delisting.gateway.integrity;

import eu.delisting.gateway.database.Admission;
import eu.delisting.gateway.database.ForBatches;
import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import eu.delisting.gateway.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static eu.delisting.gateway.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API requests share the replica's database connections in arrival order: with every share taken, a request
 * waits in line and is served as soon as one comes free; one still waiting after the configured wait (2 s in
 * tests) is 503 with Retry-After, has stored nothing, and succeeds when sent again. Batches of acknowledgements
 * first wait in a line of their own (a few run at once), holding no share of the database meanwhile.
 */
@QuarkusTest
class SaturationTest {

    @Inject
    Admission admission;

    @Inject
    @ForBatches
    Admission batches;

    @Inject
    AgroalDataSource db;

    @Test
    void aRequestFindingEveryShareTakenWaitsInLineAndIsServedWhenOneComesFree() throws Exception {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        List<Admission.Ticket> held = takeEveryShare();
        ExecutorService client = Executors.newSingleThreadExecutor();
        Response answer;
        try {
            Future<Response> filing = client.submit(
                    () -> file(parties, order, Api.unique("wait-in-line"), "https://allostreaming.com/a"));
            Thread.sleep(700);
            assertThat(filing.isDone()).as("filing answered while every share was taken").isFalse();
            assertThat(admission.waiting()).isEqualTo(1);
            held.get(0).leave();
            answer = filing.get(10, TimeUnit.SECONDS);
        } finally {
            held.forEach(Admission.Ticket::leave);
            client.shutdownNow();
        }
        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(Rows.count(db, "select count(*) from notice n join delisting_request r on r.id = n.request_id"
                + " where r.order_id = ?", order)).isEqualTo(2);
        // Every share comes back once its answer is sent: nothing is left held.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (admission.inUse() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(admission.inUse()).isZero();
    }

    @Test
    void aRequestStillInLineAfterTheWaitIs503WithRetryAfterStoresNothingAndSucceedsWhenSentAgain() {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String key = Api.unique("refused-at-capacity");
        List<Admission.Ticket> held = takeEveryShare();
        Response refused;
        long started = System.nanoTime();
        try {
            refused = file(parties, order, key, "https://allostreaming.com/b");
        } finally {
            held.forEach(Admission.Ticket::leave);
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(1_900L, 8_000L);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.jsonPath().getString("code")).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(refused.asString()).doesNotContain("Admission", "Exception", "eu.delisting");
        assertThat(Rows.count(db, "select count(*) from delisting_request where order_id = ?", order)).isZero();
        assertThat(Rows.count(db, "select count(*) from idempotency_key where idempotency_key = ?", key)).isZero();

        Response again = file(parties, order, key, "https://allostreaming.com/b");
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(Rows.count(db, "select count(*) from notice n join delisting_request r on r.id = n.request_id"
                + " where r.order_id = ?", order)).isEqualTo(2);
    }

    @Test
    void aBatchFindingEveryBatchRunningWaitsInItsOwnLineWhileASingleAcknowledgementPasses() throws Exception {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, "https://allostreaming.com/batch", "https://allostreaming.com/single");
        List<String> notices = as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order)
                .path("items.id");
        String now = Instant.now().toString();
        List<Admission.Ticket> held = takeEvery(batches);
        ExecutorService client = Executors.newSingleThreadExecutor();
        Response batchAnswer;
        try {
            Future<Response> batch = client.submit(() -> as(parties.engine(), "search-engine")
                    .body(Map.of("items", List.of(Map.of("noticeId", notices.get(0), "status", "RECEIVED",
                            "effectiveAt", now))))
                    .post("/api/v1/acknowledgements"));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (batches.waiting() == 0 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(batches.waiting()).as("batches in their line").isEqualTo(1);

            Response single = as(parties.engine(), "search-engine")
                    .body(Map.of("status", "RECEIVED", "effectiveAt", now))
                    .post("/api/v1/notices/" + notices.get(1) + "/acknowledgements");

            assertThat(single.statusCode()).as(single.asString()).isEqualTo(201);
            assertThat(batch.isDone()).as("batch answered while every batch was running").isFalse();
            // The single acknowledgement's share comes back once its answer is sent; the waiting batch holds none.
            awaitZero(admission);
            assertThat(admission.inUse()).as("shares of the database held while the batch waits").isZero();
            assertThat(Rows.count(db, "select count(*) from acknowledgement where notice_id = ?", notices.get(0)))
                    .isZero();
            held.get(0).leave();
            batchAnswer = batch.get(10, TimeUnit.SECONDS);
        } finally {
            held.forEach(Admission.Ticket::leave);
            client.shutdownNow();
        }
        assertThat(batchAnswer.statusCode()).as(batchAnswer.asString()).isEqualTo(201);
        assertThat(Rows.count(db, "select count(*) from acknowledgement where notice_id = ?", notices.get(0)))
                .isEqualTo(1);
        awaitZero(batches);
        awaitZero(admission);
        assertThat(batches.inUse()).isZero();
        assertThat(admission.inUse()).isZero();
    }

    @Test
    void aBatchStillInItsLineAfterTheWaitIs503AndRecordsNothing() {
        Filed filed = oneNotice("late-batch");
        Api.Parties parties = filed.parties();
        String notice = filed.notice();
        String key = Api.unique("late-batch");
        Map<String, Object> body = batchOf(notice);
        List<Admission.Ticket> held = takeEvery(batches);
        Response refused;
        long started = System.nanoTime();
        try {
            refused = as(parties.engine(), "search-engine").header("Idempotency-Key", key).body(body)
                    .post("/api/v1/acknowledgements");
        } finally {
            held.forEach(Admission.Ticket::leave);
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(1_900L, 8_000L);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.jsonPath().getString("code")).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(refused.jsonPath().getString("detail")).contains("batches of acknowledgements", "nothing was stored");
        assertThat(Rows.count(db, "select count(*) from acknowledgement where notice_id = ?", notice)).isZero();
        assertThat(Rows.count(db, "select count(*) from notice where id = ? and status = 'PENDING' and version = 1", notice)).isEqualTo(1);

        Response again = as(parties.engine(), "search-engine").header("Idempotency-Key", key).body(body)
                .post("/api/v1/acknowledgements");
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(201);
        assertThat(Rows.count(db, "select count(*) from acknowledgement where notice_id = ?", notice)).isEqualTo(1);
    }

    @Test
    void aBatchAdmittedToItsLineButRefusedADatabaseShareGivesItsPlaceBack() throws Exception {
        Filed filed = oneNotice("no-share");
        Api.Parties parties = filed.parties();
        String notice = filed.notice();
        List<Admission.Ticket> held = takeEveryShare();
        Response refused;
        long started = System.nanoTime();
        try {
            refused = as(parties.engine(), "search-engine").body(batchOf(notice)).post("/api/v1/acknowledgements");
        } finally {
            held.forEach(Admission.Ticket::leave);
        }
        // Both lines together wait at most the configured wait (2 s here), not one wait each.
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(1_900L, 3_900L);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.jsonPath().getString("detail")).contains("database", "nothing was stored");
        awaitZero(batches);
        assertThat(batches.inUse()).as("places in the batches' line still held").isZero();
        assertThat(Rows.count(db, "select count(*) from acknowledgement where notice_id = ?", notice)).isZero();
    }

    @Test
    void aBatchWhoseClientHangsUpWhileWaitingGivesBothPlacesBackAndRecordsNothing() throws Exception {
        Filed filed = oneNotice("hung-up");
        Api.Parties parties = filed.parties();
        String notice = filed.notice();
        String body = "{\"items\":[{\"noticeId\":\"" + notice + "\",\"status\":\"RECEIVED\",\"effectiveAt\":\""
                + Instant.now() + "\"}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<Admission.Ticket> held = takeEvery(batches);
        try {
            try (Socket client = new Socket("localhost", RestAssured.port)) {
                OutputStream out = client.getOutputStream();
                out.write(("POST /api/v1/acknowledgements HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + Tokens.of(parties.engine(), "search-engine")
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.write(bytes);
                out.flush();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (batches.waiting() == 0 && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                assertThat(batches.waiting()).as("batches in their line").isEqualTo(1);
            }
            Thread.sleep(200);
            held.get(0).leave();
        } finally {
            held.forEach(Admission.Ticket::leave);
        }
        awaitZero(batches);
        awaitZero(admission);
        assertThat(batches.inUse()).as("places in the batches' line still held").isZero();
        assertThat(admission.inUse()).as("shares of the database still held").isZero();
        assertThat(Rows.count(db, "select count(*) from acknowledgement where notice_id = ?", notice)).isZero();
    }

    /** A notice issued to a fresh engine, on a fresh order. */
    private record Filed(Api.Parties parties, String notice) {
    }

    private static Filed oneNotice(String path) {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, "https://allostreaming.com/" + path);
        return new Filed(parties, as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order)
                .path("items[0].id"));
    }

    /** A batch of one acknowledgement: the notice received. */
    private static Map<String, Object> batchOf(String notice) {
        return Map.of("items", List.of(Map.of("noticeId", notice, "status", "RECEIVED",
                "effectiveAt", Instant.now().toString())));
    }

    /** Places come back when an answer has been sent, a moment after the client has it. */
    private static void awaitZero(Admission line) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (line.inUse() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    private List<Admission.Ticket> takeEveryShare() {
        return takeEvery(admission);
    }

    private static List<Admission.Ticket> takeEvery(Admission line) {
        List<Admission.Ticket> held = new ArrayList<>();
        while (held.size() < line.capacity()) {
            held.add(line.enter());
        }
        return held;
    }

    private static Response file(Api.Parties parties, String order, String key, String url) {
        return as(parties.claimant(), "rights-holder").header("Idempotency-Key", key)
                .body(Map.of("urls", List.of(url))).post("/api/v1/orders/" + order + "/requests");
    }
}
