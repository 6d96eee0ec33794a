package eu.delisting.gateway.requests;

import eu.delisting.gateway.deadlines.Deadlines;
import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static eu.delisting.gateway.support.Api.as;
import static eu.delisting.gateway.support.Api.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class FilingResourceTest {

    @Inject
    AgroalDataSource db;

    private static Map<String, Object> urls(String... urls) {
        return Map.of("urls", List.of(urls));
    }

    @Test
    void aClaimantFilesUrlsAndEachBecomesANoticePerAddressee() {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com", "dpstream.tv");

        Response response = as(parties.claimant(), "rights-holder")
                .body(Map.of("urls", List.of("https://www.allostreaming.com/film/1", "HTTPS://DPSTREAM.TV/serie"),
                        "clientReference", "batch-2026-11-23"))
                .post("/api/v1/orders/" + order + "/requests");
        response.then().statusCode(201)
                .header("Location", notNullValue())
                .body("orderId", equalTo(order))
                .body("orderVersion", equalTo(1))
                .body("claimant", equalTo(parties.claimant()))
                .body("clientReference", equalTo("batch-2026-11-23"))
                .body("addressees", containsInAnyOrder(parties.engines().toArray()))
                .body("noticesCreated", equalTo(4))
                .body("items", hasSize(2))
                .body("items[1].url", equalTo("HTTPS://DPSTREAM.TV/serie"))
                .body("items[1].canonicalUrl", equalTo("https://dpstream.tv/serie"))
                .body("items[1].matchedEntry.kind", equalTo("DOMAIN"))
                .body("items[1].matchedEntry.value", equalTo("dpstream.tv"))
                .body("items[0].notices", hasSize(2))
                .body("items[0].notices.addressee", containsInAnyOrder(parties.engines().toArray()))
                .body("items[0].notices[0].status", equalTo("PENDING"))
                .body("items[0].notices[0].created", equalTo(true));

        String due = response.path("items[0].notices[0].dueAt");
        Instant filedAt = Instant.parse(response.path("filedAt"));
        assertThat(Instant.parse(due)).isEqualTo(
                Deadlines.dueAt(Api.SERVED, filedAt, 15, ZoneId.of("Europe/Paris")));

        String request = response.path("id");
        assertThat(Rows.count(db, "select count(*) from notice where request_id = ?", request)).isEqualTo(4);
        assertThat(Rows.count(db, "select count(*) from request_item where request_id = ?", request)).isEqualTo(2);
        // Each URL stored once, in its item; each addressee's notice references it and keeps the canonical URL's hash.
        assertThat(Rows.count(db, "select count(*) from notice n join request_item i on i.request_id = n.request_id"
                + " and i.position = n.item_position where n.request_id = ? and n.url_hash = sha2(i.canonical_url, 256)"
                + " and i.canonical_url = case n.item_position when 0 then 'https://www.allostreaming.com/film/1'"
                + " else 'https://dpstream.tv/serie' end", request)).isEqualTo(4);
        String noticeId = response.path("items[1].notices[0].noticeId");
        as(response.<String>path("items[1].notices[0].addressee"), "search-engine").get("/api/v1/notices/" + noticeId)
                .then().statusCode(200).body("url", equalTo("HTTPS://DPSTREAM.TV/serie"))
                .body("canonicalUrl", equalTo("https://dpstream.tv/serie"))
                .body("matchedEntry.value", equalTo("dpstream.tv"));
        assertThat(Rows.count(db, "select count(*) from audit_event where action = 'REQUEST_FILED' and record_id = ?",
                request)).isEqualTo(1);
    }

    @Test
    void oneBadUrlInAHundredStoresNothingAndEveryFailingIndexIsListed() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add("https://allostreaming.com/film/" + i);
        }
        batch.set(37, "https://allostreaming.net/film/37");
        batch.set(58, "https://user@allostreaming.com/58");

        as(parties.claimant(), "rights-holder").body(Map.of("urls", batch))
                .post("/api/v1/orders/" + order + "/requests")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors", hasSize(2))
                .body("errors[0].index", equalTo(37))
                .body("errors[0].url", equalTo("https://allostreaming.net/film/37"))
                .body("errors[0].code", equalTo("OUT_OF_SCOPE"))
                .body("errors[0].hint.kind", equalTo("POSSIBLE_MIRROR"))
                .body("errors[0].hint.related", equalTo("allostreaming.com"))
                .body("errors[1].index", equalTo(58))
                .body("errors[1].code", equalTo("INVALID_URL"));

        assertThat(Rows.count(db, "select count(*) from delisting_request where order_id = ?", order)).isZero();
        assertThat(Rows.count(db, "select count(*) from notice where order_id = ?", order)).isZero();
    }

    @Test
    void aUrlOnALoopbackPrivateOrResolverAddressIsRefusedAsNoTargetAndNothingIsFiled() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        as(parties.claimant(), "rights-holder")
                .body(Map.of("urls", List.of("http://127.0.0.1/", "http://169.254.169.254/latest/meta-data/",
                        "https://8.8.8.8/")))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(422)
                .body("code", equalTo("INVALID_TARGET"))
                .body("errors.index", containsInAnyOrder(0, 1, 2))
                .body("errors[1].detail", org.hamcrest.Matchers.containsString("link-local"));
        as(parties.claimant(), "rights-holder").body(Map.of("urls", List.of("http://[::1]/", "https://allostreaming.com/x")))
                .post("/api/v1/orders/" + order + "/scope-check").then().statusCode(200)
                .body("results[0].code", equalTo("INVALID_TARGET")).body("results[1].covered", equalTo(true));
        assertThat(Rows.count(db, "select count(*) from delisting_request where order_id = ?", order)).isZero();
    }

    @Test
    void refusalsOfOneKindCarryThatCode() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        as(parties.claimant(), "rights-holder").body(urls("https://allostreaming.com.evil.net/"))
                .post("/api/v1/orders/" + order + "/requests")
                .then().statusCode(422).body("code", equalTo("OUT_OF_SCOPE"))
                .body("errors[0].hint.kind", equalTo("CONFUSABLE_WITH"));
        as(parties.claimant(), "rights-holder").body(urls("ftp://allostreaming.com/"))
                .post("/api/v1/orders/" + order + "/requests")
                .then().statusCode(422).body("code", equalTo("INVALID_URL"));
    }

    @Test
    void moreThanAThousandUrlsIsTooLarge() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        as(parties.claimant(), "rights-holder").body(Map.of("urls", Collections.nCopies(1001, "https://allostreaming.com/")))
                .post("/api/v1/orders/" + order + "/requests")
                .then().statusCode(413).body("code", equalTo("BATCH_TOO_LARGE"));
    }

    @Test
    void aNonClaimantWhoSeesTheOrderIsNotAPartyAndAStrangerGetsNotFound() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        // An addressee's organisation holding a rights-holder token sees the order but is no claimant.
        as(parties.engine(), "rights-holder").body(urls("https://allostreaming.com/"))
                .post("/api/v1/orders/" + order + "/requests")
                .then().statusCode(403).body("code", equalTo("NOT_A_PARTY"));
        String stranger = Api.registerOrganisation("rh", "RIGHTS_HOLDER");
        as(stranger, "rights-holder").body(urls("https://allostreaming.com/"))
                .post("/api/v1/orders/" + order + "/requests")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        as(parties.engine(), "search-engine").body(urls("https://allostreaming.com/"))
                .post("/api/v1/orders/" + order + "/requests")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void targetingAnOrganisationThatIsNotAnAddresseeIsRefused() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String other = Api.registerOrganisation("se", "SEARCH_ENGINE");
        as(parties.claimant(), "rights-holder")
                .body(Map.of("urls", List.of("https://allostreaming.com/"), "addressees", List.of(parties.engine(), other)))
                .post("/api/v1/orders/" + order + "/requests")
                .then().statusCode(422).body("code", equalTo("NOT_ADDRESSEE"))
                .body("errors[0].field", equalTo("addressees[1]"));
    }

    @Test
    void anOrderWhoseMeasureEndedForEveryAddresseeAdmitsNothing() {
        Api.Parties parties = Api.parties(1, 2);
        Map<String, Object> body = new HashMap<>(Api.orderBody(parties, Api.domains("allostreaming.com")));
        body.put("decisionDate", "2020-01-01");
        body.put("addressees", List.of(
                Map.of("organisation", parties.engines().get(0), "notifiedOn", "2020-01-10", "costBearer", "CLAIMANTS"),
                Map.of("organisation", parties.engines().get(1), "notifiedOn", "2020-01-10", "costBearer", "CLAIMANTS")));
        String order = Api.issueOrder(body);
        as(parties.claimant(), "rights-holder").body(urls("https://allostreaming.com/"))
                .post("/api/v1/orders/" + order + "/requests")
                .then().statusCode(422).body("code", equalTo("ORDER_EXPIRED"));
    }

    @Test
    void anAddresseeWhoseMeasureEndedIsSkippedAndAnUnservedOneWaitsForNotification() {
        Api.Parties parties = Api.parties(1, 3);
        Map<String, Object> body = new HashMap<>(Api.orderBody(parties, Api.domains("allostreaming.com")));
        body.put("decisionDate", "2020-01-01");
        Map<String, Object> unserved = new HashMap<>();
        unserved.put("organisation", parties.engines().get(2));
        unserved.put("costBearer", "ADDRESSEE");
        body.put("addressees", List.of(
                Map.of("organisation", parties.engines().get(0), "notifiedOn", "2020-01-10", "costBearer", "CLAIMANTS"),
                Map.of("organisation", parties.engines().get(1), "notifiedOn", Api.SERVED.toString(), "costBearer", "CLAIMANTS"),
                unserved));
        String order = Api.issueOrder(body);
        as(parties.claimant(), "rights-holder").body(urls("https://allostreaming.com/"))
                .post("/api/v1/orders/" + order + "/requests")
                .then().statusCode(201)
                .body("skippedAddressees[0].organisation", equalTo(parties.engines().get(0)))
                .body("skippedAddressees[0].reason", equalTo("ORDER_EXPIRED"))
                .body("noticesCreated", equalTo(2))
                .body("items[0].notices.find { it.addressee == '" + parties.engines().get(1) + "' }.status",
                        equalTo("PENDING"))
                .body("items[0].notices.find { it.addressee == '" + parties.engines().get(2) + "' }.status",
                        equalTo("PENDING_NOTIFICATION"))
                .body("items[0].notices.find { it.addressee == '" + parties.engines().get(2) + "' }.dueAt",
                        nullValue());
    }

    @Test
    void aSuspendedOrderAdmitsNothing() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Rows.execute(db, "update court_order set status = 'SUSPENDED' where id = ?", order);
        as(parties.claimant(), "rights-holder").body(urls("https://allostreaming.com/"))
                .post("/api/v1/orders/" + order + "/requests")
                .then().statusCode(422).body("code", equalTo("ORDER_SUSPENDED"));
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstAnswerAndWritesNothing() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Map<String, Object> body = urls("https://allostreaming.com/a", "https://allostreaming.com/b");

        String first = as(parties.claimant(), "rights-holder").header("Idempotency-Key", "k-1").body(body)
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(201).extract().asString();
        String again = as(parties.claimant(), "rights-holder").header("Idempotency-Key", "k-1").body(body)
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract().asString();
        assertThat(again).isEqualTo(first);
        assertThat(Rows.count(db, "select count(*) from delisting_request where order_id = ?", order)).isEqualTo(1);
        assertThat(Rows.count(db, "select count(*) from notice where order_id = ?", order)).isEqualTo(2);

        as(parties.claimant(), "rights-holder").header("Idempotency-Key", "k-1")
                .body(urls("https://allostreaming.com/c"))
                .post("/api/v1/orders/" + order + "/requests")
                .then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertThat(Rows.count(db, "select count(*) from delisting_request where order_id = ?", order)).isEqualTo(1);
    }

    @Test
    void racingRetriesWithOneKeyFileOnce() throws Exception {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Map<String, Object> body = urls("https://allostreaming.com/race/1", "https://allostreaming.com/race/2");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> as(parties.claimant(), "rights-holder").header("Idempotency-Key", "race-key").body(body)
                        .post("/api/v1/orders/" + order + "/requests"));
            }
            Set<String> ids = new HashSet<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                Response r = f.get();
                assertThat(r.statusCode()).isEqualTo(201);
                ids.add(r.path("id"));
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Rows.count(db, "select count(*) from delisting_request where order_id = ?", order)).isEqualTo(1);
        assertThat(Rows.count(db, "select count(*) from notice where order_id = ?", order)).isEqualTo(4);
    }

    @Test
    void theSameUrlTwiceOrAlreadyActiveCreatesNoSecondNotice() {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Response first = as(parties.claimant(), "rights-holder")
                .body(urls("https://allostreaming.com/film", "HTTPS://AlloStreaming.com:443/film#x"))
                .post("/api/v1/orders/" + order + "/requests");
        first.then().statusCode(201)
                .body("noticesCreated", equalTo(2))
                .body("items[1].duplicateOf", equalTo(0))
                .body("items[1].notices", hasSize(2));
        assertThat(first.<List<String>>path("items[1].notices.noticeId"))
                .containsExactlyInAnyOrderElementsOf(first.path("items[0].notices.noticeId"));

        Response second = as(parties.claimant(), "rights-holder").body(urls("http://allostreaming.com/film"))
                .post("/api/v1/orders/" + order + "/requests");
        // http and https are different URLs: a new notice per addressee.
        second.then().statusCode(201).body("noticesCreated", equalTo(2));
        Response third = as(parties.claimant(), "rights-holder").body(urls("https://ALLOSTREAMING.com/film"))
                .post("/api/v1/orders/" + order + "/requests");
        third.then().statusCode(201).body("noticesCreated", equalTo(0))
                .body("items[0].notices[0].created", equalTo(false));
        assertThat(third.<List<String>>path("items[0].notices.noticeId"))
                .containsExactlyInAnyOrderElementsOf(first.path("items[0].notices.noticeId"));
        assertThat(Rows.count(db, "select count(*) from notice where order_id = ?", order)).isEqualTo(4);
    }

    @Test
    void requestsAreReadByTheirClaimantTheOperatorAndNobodyElse() {
        Api.Parties parties = Api.parties(2, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String mine = Api.file(parties.claimants().get(0), order, "https://allostreaming.com/mine");
        String theirs = Api.file(parties.claimants().get(1), order, "https://allostreaming.com/theirs");

        as(parties.claimants().get(0), "rights-holder").get("/api/v1/requests/" + mine)
                .then().statusCode(200).body("id", equalTo(mine)).body("items[0].url", equalTo("https://allostreaming.com/mine"))
                .body("notices", hasSize(1));
        as(parties.claimants().get(0), "rights-holder").get("/api/v1/requests/" + theirs)
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        as(parties.engine(), "search-engine").get("/api/v1/requests/" + mine).then().statusCode(404);
        operator().get("/api/v1/requests/" + theirs).then().statusCode(200);

        as(parties.claimants().get(0), "rights-holder").get("/api/v1/orders/" + order + "/requests")
                .then().statusCode(200).body("items.id", containsInAnyOrder(mine));
        operator().get("/api/v1/orders/" + order + "/requests")
                .then().statusCode(200).body("items.id", containsInAnyOrder(mine, theirs));
        as(parties.engine(), "search-engine").get("/api/v1/orders/" + order + "/requests")
                .then().statusCode(403);
        String stranger = Api.registerOrganisation("rh", "RIGHTS_HOLDER");
        as(stranger, "rights-holder").get("/api/v1/orders/" + order + "/requests").then().statusCode(404);
    }
}
