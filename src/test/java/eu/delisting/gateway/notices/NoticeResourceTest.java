package eu.delisting.gateway.notices;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import eu.delisting.gateway.support.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static eu.delisting.gateway.support.Api.as;
import static eu.delisting.gateway.support.Api.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class NoticeResourceTest {

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Map<String, Object> delisted(Instant at) {
        return Map.of("status", "DELISTED", "effectiveAt", at.toString(), "territories", List.of("FR"),
                "frontEnds", List.of("google.fr", "google.com"));
    }

    private static String noticeOf(String engine, String request) {
        return as(engine, "search-engine").get("/api/v1/notices?limit=1000").then().statusCode(200).extract()
                .<List<Map<String, Object>>>path("items").stream()
                .filter(n -> n.get("requestId").equals(request)).map(n -> (String) n.get("id")).findFirst().orElseThrow();
    }

    @Test
    void anEngineSeesOnlyItsOwnNotices() {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String request = Api.file(parties.claimant(), order, "https://allostreaming.com/a");
        String mine = noticeOf(parties.engines().get(0), request);
        String theirs = noticeOf(parties.engines().get(1), request);

        as(parties.engines().get(0), "search-engine").get("/api/v1/notices?orderId=" + order)
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items.addressee", everyItem(equalTo(parties.engines().get(0))));
        as(parties.engines().get(0), "search-engine").get("/api/v1/notices/" + theirs)
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        as(parties.engines().get(0), "search-engine").body(delisted(Instant.now()))
                .post("/api/v1/notices/" + theirs + "/acknowledgements")
                .then().statusCode(404);
        as(parties.engines().get(0), "search-engine").get("/api/v1/notices/" + theirs + "/acknowledgements")
                .then().statusCode(404);
        as(parties.engines().get(0), "search-engine").get("/api/v1/notices/" + mine)
                .then().statusCode(200).header("ETag", notNullValue()).body("status", equalTo("PENDING"));
    }

    @Test
    void aRightsHolderSeesTheNoticesOfItsOwnRequestsOnly() {
        Api.Parties parties = Api.parties(2, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String mine = Api.file(parties.claimants().get(0), order, "https://allostreaming.com/mine");
        String theirs = Api.file(parties.claimants().get(1), order, "https://allostreaming.com/theirs");
        String theirNotice = noticeOf(parties.engine(), theirs);

        as(parties.claimants().get(0), "rights-holder").get("/api/v1/notices?orderId=" + order)
                .then().statusCode(200)
                .body("items.requestId", everyItem(equalTo(mine)))
                .body("items.id", not(hasItem(theirNotice)));
        as(parties.claimants().get(0), "rights-holder").get("/api/v1/notices/" + theirNotice).then().statusCode(404);
        as(parties.claimants().get(1), "rights-holder").get("/api/v1/notices/" + theirNotice).then().statusCode(200);
        operator().get("/api/v1/notices/" + theirNotice).then().statusCode(200);
        as(parties.claimants().get(0), "rights-holder").body(delisted(Instant.now()))
                .post("/api/v1/notices/" + theirNotice + "/acknowledgements").then().statusCode(403);
    }

    @Test
    void pagesFollowTheCursorWithoutSkippingOrRepeating() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, "https://allostreaming.com/1", "https://allostreaming.com/2",
                "https://allostreaming.com/3", "https://allostreaming.com/4", "https://allostreaming.com/5");
        List<String> seen = new ArrayList<>();
        String cursor = "0";
        for (int page = 0; page < 10; page++) {
            Response r = as(parties.engine(), "search-engine").get("/api/v1/notices?limit=2&after=" + cursor);
            r.then().statusCode(200);
            List<String> ids = r.path("items.id");
            if (ids.isEmpty()) {
                break;
            }
            seen.addAll(ids);
            cursor = r.path("nextCursor");
        }
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        as(parties.engine(), "search-engine").get("/api/v1/notices?limit=1001").then().statusCode(422)
                .body("errors[0].field", equalTo("limit"));
        as(parties.engine(), "search-engine").get("/api/v1/notices?after=abc").then().statusCode(422);
        as(parties.engine(), "search-engine").get("/api/v1/notices?status=GONE").then().statusCode(422);
    }

    @Test
    void pollingWhileFilingsLandNeverSkipsOrRepeatsANotice() throws Exception {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        int requests = 24;
        int perRequest = 10;
        // Threads created here inherit the test's class loader, which REST Assured needs.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CompletableFuture<Void> filing = CompletableFuture.runAsync(() -> {
            List<CompletableFuture<Void>> parallel = new ArrayList<>();
            for (int lane = 0; lane < 3; lane++) {
                int l = lane;
                parallel.add(CompletableFuture.runAsync(() -> {
                    for (int r = l; r < requests; r += 3) {
                        List<String> urls = new ArrayList<>();
                        for (int u = 0; u < perRequest; u++) {
                            urls.add("https://allostreaming.com/concurrent/" + r + "/" + u);
                        }
                        as(parties.claimant(), "rights-holder").body(Map.of("urls", urls))
                                .post("/api/v1/orders/" + order + "/requests").then().statusCode(201);
                    }
                }, pool));
            }
            parallel.forEach(CompletableFuture::join);
        }, pool);
        List<String> seen = new ArrayList<>();
        List<Long> cursors = new ArrayList<>();
        String cursor = "0";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            boolean done = filing.isDone();
            Response r = as(parties.engine(), "search-engine").get("/api/v1/notices?limit=7&after=" + cursor);
            List<String> ids = r.path("items.id");
            List<Number> positions = r.path("items.cursor");
            seen.addAll(ids);
            positions.forEach(p -> cursors.add(p.longValue()));
            cursor = r.path("nextCursor");
            if (done && ids.isEmpty()) {
                break;
            }
        }
        filing.get(5, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(seen).doesNotHaveDuplicates().hasSize(requests * perRequest);
        assertThat(cursors).isSorted();
        assertThat(Set.copyOf(seen)).hasSize((int) Rows.count(db,
                "select count(*) from notice where order_id = ? and addressee_id = ?", order, parties.engine()));
    }

    @Test
    void acknowledgementsAreAppendedAndTheNoticeShowsTheLatest() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String notice = noticeOf(parties.engine(), Api.file(parties.claimant(), order, "https://allostreaming.com/x"));

        Response read = as(parties.engine(), "search-engine").get("/api/v1/notices/" + notice);
        String etag = read.header("ETag");
        as(parties.engine(), "search-engine").header("If-Match", etag)
                .body(Map.of("status", "RECEIVED", "effectiveAt", Instant.now().toString()))
                .post("/api/v1/notices/" + notice + "/acknowledgements")
                .then().statusCode(201).body("status", equalTo("RECEIVED"));
        as(parties.engine(), "search-engine").header("If-Match", etag).body(delisted(Instant.now()))
                .post("/api/v1/notices/" + notice + "/acknowledgements")
                .then().statusCode(412).body("code", equalTo("PRECONDITION_FAILED"));
        as(parties.engine(), "search-engine").body(delisted(Instant.now()))
                .post("/api/v1/notices/" + notice + "/acknowledgements")
                .then().statusCode(201).body("status", equalTo("DELISTED")).body("late", equalTo(false));

        as(parties.claimant(), "rights-holder").get("/api/v1/notices/" + notice)
                .then().statusCode(200)
                .body("status", equalTo("DELISTED"))
                .body("latestAcknowledgement.status", equalTo("DELISTED"))
                .body("latestAcknowledgement.territories", equalTo(List.of("FR")))
                .body("latestAcknowledgement.frontEnds", equalTo(List.of("google.fr", "google.com")));
        as(parties.claimant(), "rights-holder").get("/api/v1/notices/" + notice + "/acknowledgements")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].status", equalTo("RECEIVED"))
                .body("items[1].status", equalTo("DELISTED"));
        assertThat(Rows.count(db, "select count(*) from acknowledgement where notice_id = ?", notice)).isEqualTo(2);
        assertThat(Rows.count(db, "select count(*) from audit_event where action = 'NOTICE_ACKNOWLEDGED' and record_id = ?",
                notice)).isEqualTo(2);
    }

    @Test
    void aLateDelistingIsAcceptedAndFlagged() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String notice = noticeOf(parties.engine(), Api.file(parties.claimant(), order, "https://allostreaming.com/late"));
        Instant due = Instant.parse(as(parties.engine(), "search-engine").get("/api/v1/notices/" + notice).path("dueAt"));

        clock.advance(Duration.between(Instant.now(), due).plusDays(2));
        Instant effective = due.plus(Duration.ofDays(1));
        as(parties.engine(), "search-engine").body(delisted(effective))
                .post("/api/v1/notices/" + notice + "/acknowledgements")
                .then().statusCode(201)
                .body("status", equalTo("DELISTED"))
                .body("late", equalTo(true))
                .body("latestAcknowledgement.late", equalTo(true));
    }

    @Test
    void anAcknowledgementThatBreaksARuleIsNamedFieldByField() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String notice = noticeOf(parties.engine(), Api.file(parties.claimant(), order, "https://allostreaming.com/r"));
        as(parties.engine(), "search-engine").body(Map.of("status", "REJECTED", "effectiveAt", Instant.now().toString()))
                .post("/api/v1/notices/" + notice + "/acknowledgements")
                .then().statusCode(422).body("errors[0].field", equalTo("reasonCode"));
        as(parties.engine(), "search-engine")
                .body(Map.of("status", "DELISTED", "effectiveAt", Instant.now().plus(Duration.ofHours(2)).toString(),
                        "territories", List.of("FR")))
                .post("/api/v1/notices/" + notice + "/acknowledgements")
                .then().statusCode(422).body("errors[0].code", equalTo("IN_THE_FUTURE"));
        as(parties.engine(), "search-engine")
                .body(Map.of("status", "DELISTED", "effectiveAt", "2020-01-01T00:00:00Z", "territories", List.of("FR")))
                .post("/api/v1/notices/" + notice + "/acknowledgements")
                .then().statusCode(422).body("errors[0].code", equalTo("BEFORE_NOTICE"));
        as(parties.engine(), "search-engine").body(Map.of("status", "GONE", "effectiveAt", "yesterday"))
                .post("/api/v1/notices/" + notice + "/acknowledgements")
                .then().statusCode(422).body("errors.field", hasItem("status")).body("errors.field", hasItem("effectiveAt"));
        as(parties.engine(), "search-engine")
                .body(Map.of("status", "REJECTED", "effectiveAt", Instant.now().toString(), "reasonCode", "NOT_INDEXED"))
                .post("/api/v1/notices/" + notice + "/acknowledgements")
                .then().statusCode(201).body("status", equalTo("REJECTED"));
        assertThat(Rows.count(db, "select count(*) from acknowledgement where notice_id = ?", notice)).isEqualTo(1);
    }

    @Test
    void aBatchIsAllOrNothingAndListsEveryFailingIndex() {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String request = Api.file(parties.claimant(), order, "https://allostreaming.com/b1", "https://allostreaming.com/b2");
        List<String> mine = as(parties.engines().get(0), "search-engine").get("/api/v1/notices?orderId=" + order)
                .path("items.id");
        String foreign = noticeOf(parties.engines().get(1), request);
        Instant now = Instant.now();

        List<Map<String, Object>> items = new ArrayList<>();
        for (String id : mine) {
            Map<String, Object> item = new HashMap<>(delisted(now));
            item.put("noticeId", id);
            items.add(item);
        }
        Map<String, Object> bad = new HashMap<>(delisted(now));
        bad.put("noticeId", foreign);
        items.add(1, bad);
        Map<String, Object> invalid = new HashMap<>(Map.of("noticeId", mine.get(0), "status", "REJECTED",
                "effectiveAt", now.toString()));
        items.add(invalid);

        as(parties.engines().get(0), "search-engine").body(Map.of("items", items)).post("/api/v1/acknowledgements")
                .then().statusCode(422)
                .body("errors", hasSize(2))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].code", equalTo("NOT_FOUND"))
                .body("errors[1].index", equalTo(3))
                .body("errors[1].field", equalTo("reasonCode"));
        assertThat(Rows.count(db, "select count(*) from acknowledgement a join notice n on n.id = a.notice_id"
                + " where n.order_id = ?", order)).isZero();

        items.remove(3);
        items.remove(1);
        String first = as(parties.engines().get(0), "search-engine").header("Idempotency-Key", "batch-1")
                .body(Map.of("items", items)).post("/api/v1/acknowledgements")
                .then().statusCode(201).body("acknowledged", equalTo(2)).extract().asString();
        String replay = as(parties.engines().get(0), "search-engine").header("Idempotency-Key", "batch-1")
                .body(Map.of("items", items)).post("/api/v1/acknowledgements")
                .then().statusCode(201).extract().asString();
        assertThat(replay).isEqualTo(first);
        assertThat(Rows.count(db, "select count(*) from acknowledgement a join notice n on n.id = a.notice_id"
                + " where n.order_id = ?", order)).isEqualTo(2);

        as(parties.engines().get(0), "search-engine")
                .body(Map.of("items", Collections.nCopies(1001, items.get(0)))).post("/api/v1/acknowledgements")
                .then().statusCode(413).body("code", equalTo("BATCH_TOO_LARGE"));
        as(parties.claimant(), "rights-holder").body(Map.of("items", items)).post("/api/v1/acknowledgements")
                .then().statusCode(403);
    }

    @Test
    void aBatchAnswersEachAcknowledgementWithTheNoticeItLeftAndTheIdItWasStoredUnder() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, "https://allostreaming.com/s1", "https://allostreaming.com/s2",
                "https://allostreaming.com/s3");
        List<String> ids = as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order)
                .path("items.id");
        String now = Instant.now().toString();
        List<Map<String, Object>> items = List.of(
                Map.of("noticeId", ids.get(2), "status", "RECEIVED", "effectiveAt", now),
                Map.of("noticeId", ids.get(0), "status", "DELISTED", "effectiveAt", now, "territories", List.of("FR")),
                Map.of("noticeId", ids.get(2), "status", "DELISTED", "effectiveAt", now, "territories", List.of("BE")),
                Map.of("noticeId", ids.get(1), "status", "REJECTED", "effectiveAt", now, "reasonCode", "NOT_INDEXED"));

        Response answer = as(parties.engine(), "search-engine").body(Map.of("items", items))
                .post("/api/v1/acknowledgements");

        answer.then().statusCode(201).body("acknowledged", equalTo(4))
                .body("items.id", equalTo(List.of(ids.get(2), ids.get(0), ids.get(2), ids.get(1))))
                .body("items.status", equalTo(List.of("RECEIVED", "DELISTED", "DELISTED", "REJECTED")))
                .body("items.version", equalTo(List.of(2, 2, 3, 2)))
                .body("items.latestAcknowledgement.status", equalTo(List.of("RECEIVED", "DELISTED", "DELISTED",
                        "REJECTED")));
        List<Number> ackIds = answer.path("items.latestAcknowledgement.id");
        assertThat(ackIds.stream().map(Number::longValue).distinct()).hasSize(4);
        for (int i = 0; i < items.size(); i++) {
            long id = ackIds.get(i).longValue();
            assertThat(Rows.count(db, "select count(*) from acknowledgement where id = ? and notice_id = ?"
                    + " and status = ?", id, items.get(i).get("noticeId"), items.get(i).get("status")))
                    .as("acknowledgement %d stored as answered", id).isEqualTo(1);
        }
        assertThat(ackIds.get(0).longValue()).isLessThan(ackIds.get(2).longValue());
        assertThat(Rows.count(db, "select count(*) from notice where id = ? and status = 'DELISTED' and version = 3",
                ids.get(2))).isEqualTo(1);
        String single = as(parties.engine(), "search-engine")
                .body(Map.of("status", "RECEIVED", "effectiveAt", now)).post("/api/v1/notices/" + ids.get(0)
                        + "/acknowledgements").then().statusCode(201).extract().path("latestAcknowledgement.id")
                .toString();
        assertThat(Rows.count(db, "select count(*) from acknowledgement where id = ? and notice_id = ?"
                + " and status = 'RECEIVED'", Long.parseLong(single), ids.get(0))).isEqualTo(1);
        as(parties.engine(), "search-engine").get("/api/v1/notices/" + ids.get(2)).then().statusCode(200)
                .body("latestAcknowledgement.id", equalTo(ackIds.get(2)))
                .body("latestAcknowledgement.territories", equalTo(List.of("BE")));
    }

    @Test
    void rolesWithoutNoticesAreForbiddenToPoll() {
        as("arcom", "authority").get("/api/v1/notices").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        Set<String> none = new LinkedHashSet<>(as(Api.registerOrganisation("aud", "AUDITOR"), "auditor")
                .get("/api/v1/notices").then().statusCode(200).extract().<List<String>>path("items.id"));
        assertThat(none).isEmpty();
    }
}
