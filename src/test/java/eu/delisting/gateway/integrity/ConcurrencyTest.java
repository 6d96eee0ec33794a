package eu.delisting.gateway.integrity;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Race;
import eu.delisting.gateway.support.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static eu.delisting.gateway.support.Api.as;
import static eu.delisting.gateway.support.Api.operator;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Races real clients against the real database, released together by a barrier, and asserts what
 * was stored: every invariant that holds for one request holds when many compete.
 */
@QuarkusTest
class ConcurrencyTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aFilingRacingASuspensionIsEitherRefusedOrCancelledNeverLeftPending() {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        List<Callable<Response>> clients = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            for (int r = 0; r < 4; r++) {
                List<String> urls = IntStream.range(0, 10)
                        .mapToObj(i -> "https://allostreaming.com/" + Api.unique("film") + "/" + i).toList();
                RequestSpecification filer = as(parties.claimant(), "rights-holder").body(Map.of("urls", urls));
                clients.add(() -> filer.post("/api/v1/orders/" + order + "/requests"));
            }
        }
        RequestSpecification suspension = operator().body(Map.of("type", "SUSPEND", "decisionReference", "Sursis"));
        clients.add(12, () -> suspension.post("/api/v1/orders/" + order + "/amendments"));

        List<Response> answers = Race.run(clients);

        assertThat(answers.get(12).statusCode()).isEqualTo(201);
        for (int i = 0; i < answers.size(); i++) {
            if (i != 12) {
                Response a = answers.get(i);
                assertThat(a.statusCode()).as(a.asString()).isIn(201, 422);
                if (a.statusCode() == 422) {
                    assertThat(a.<String>path("code")).isEqualTo("ORDER_SUSPENDED");
                }
            }
        }
        assertThat(Rows.count(db, "select count(*) from notice where order_id = ? and status not in ('CANCELLED')",
                order)).as("notices left standing after the suspension").isZero();
        long filed = Race.count(answers, 201) - 1;
        assertThat(Rows.count(db, "select count(*) from delisting_request where order_id = ?", order)).isEqualTo(filed);
        assertThat(Rows.count(db, "select count(*) from notice where order_id = ?", order)).isEqualTo(filed * 10 * 2);
        // Every filing that got in was stamped with the version before the suspension.
        assertThat(Rows.count(db, "select count(*) from delisting_request where order_id = ? and order_version <> 1",
                order)).isZero();
    }

    @Test
    void aMirrorProposalIsDecidedExactlyOnceWhenDecisionsRace() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String authority = Api.registerOrganisation("arcom", "AUTHORITY");
        String mirror = as(parties.claimant(), "rights-holder")
                .body(Map.of("domain", "allostreaming.biz", "evidence", "Same catalogue and layout"))
                .post("/api/v1/orders/" + order + "/mirrors").then().statusCode(201).extract().path("id");
        List<Callable<Response>> clients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RequestSpecification decision = as(authority, "authority")
                    .body(Map.of("decision", i % 2 == 0 ? "APPROVE" : "REJECT", "reasons", "Decision " + i));
            clients.add(() -> decision.post("/api/v1/orders/" + order + "/mirrors/" + mirror + "/decision"));
        }

        List<Response> answers = Race.run(clients);

        assertThat(Race.count(answers, 201)).as(Race.statuses(answers).toString()).isEqualTo(1);
        assertThat(Race.count(answers, 409)).isEqualTo(9);
        answers.stream().filter(a -> a.statusCode() == 409)
                .forEach(a -> assertThat(a.<String>path("code")).isEqualTo("ALREADY_DECIDED"));
        String decided = answers.stream().filter(a -> a.statusCode() == 201).findFirst().orElseThrow().path("status");
        assertThat(Rows.count(db, "select count(*) from mirror_proposal where id = ? and status = ?", mirror, decided))
                .isEqualTo(1);
        assertThat(Rows.count(db, "select count(*) from audit_event where action = 'MIRROR_DECIDED' and record_id = ?",
                mirror)).isEqualTo(1);
        assertThat(Rows.count(db, "select count(*) from order_scope_entry where order_id = ? and value = 'allostreaming.biz'",
                order)).isEqualTo(decided.equals("APPROVED") ? 1 : 0);
        assertThat(Rows.count(db, "select count(*) from order_version where order_id = ?", order))
                .isEqualTo(decided.equals("APPROVED") ? 2 : 1);
    }

    @Test
    void racingAmendmentsHaveOneWinnerPerStateAndTheOthersGetAConflict() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, "https://allostreaming.com/a");
        List<String> types = List.of("SUSPEND", "LIFT", "RESUME", "SUSPEND", "SUSPEND", "RESUME", "LIFT", "SUSPEND",
                "RESUME", "SUSPEND");
        List<Callable<Response>> clients = new ArrayList<>();
        for (String type : types) {
            RequestSpecification amendment = operator().body(Map.of("type", type, "decisionReference", "Décision " + type));
            clients.add(() -> amendment.post("/api/v1/orders/" + order + "/amendments"));
        }

        List<Response> answers = Race.run(clients);

        for (Response a : answers) {
            assertThat(a.statusCode()).as(a.asString()).isIn(201, 409);
            if (a.statusCode() == 409) {
                assertThat(a.<String>path("code")).isEqualTo("ORDER_STATE_CONFLICT");
            }
        }
        long applied = Race.count(answers, 201);
        assertThat(applied).isGreaterThanOrEqualTo(1);
        assertThat(Rows.count(db, "select count(*) from order_version where order_id = ?", order)).isEqualTo(1 + applied);
        assertThat(Rows.count(db, "select max(version) from order_version where order_id = ?", order)).isEqualTo(1 + applied);
        assertThat(Rows.count(db, "select version from court_order where id = ?", order)).isEqualTo(1 + applied);
        assertThat(Rows.count(db, "select count(*) from audit_event where action = 'ORDER_AMENDED' and order_id = ?",
                order)).isEqualTo(applied);
    }

    @Test
    void batchAcknowledgementsRacingWithOneKeyAreRecordedOnceAndReplayedMarked() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, "https://allostreaming.com/a", "https://allostreaming.com/b");
        List<String> notices = as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order)
                .path("items.id");
        String now = java.time.Instant.now().toString();
        Map<String, Object> refused = Map.of("items", List.of(
                Map.of("noticeId", notices.get(0), "status", "DELISTED", "effectiveAt", now),
                Map.of("noticeId", notices.get(1), "status", "BOGUS", "effectiveAt", now)));
        String refusedKey = Api.unique("refused");
        List<Callable<Response>> refusedClients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RequestSpecification batch = as(parties.engine(), "search-engine").header("Idempotency-Key", refusedKey)
                    .body(refused);
            refusedClients.add(() -> batch.post("/api/v1/acknowledgements"));
        }
        List<Response> refusedAnswers = Race.run(refusedClients);
        assertThat(Race.statuses(refusedAnswers)).allMatch(s -> s == 422);
        assertThat(Rows.count(db, "select count(*) from acknowledgement a join notice n on n.id = a.notice_id"
                + " where n.order_id = ?", order)).isZero();

        Map<String, Object> valid = Map.of("items", notices.stream().map(id -> Map.of("noticeId", id,
                "status", "DELISTED", "effectiveAt", now, "territories", List.of("FR"))).toList());
        String key = Api.unique("valid");
        List<Callable<Response>> clients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RequestSpecification batch = as(parties.engine(), "search-engine").header("Idempotency-Key", key)
                    .body(valid);
            clients.add(() -> batch.post("/api/v1/acknowledgements"));
        }
        List<Response> answers = Race.run(clients);
        assertThat(Race.statuses(answers)).allMatch(s -> s == 201);
        assertThat(answers.stream().filter(a -> "true".equals(a.header("Idempotent-Replayed"))).count()).isEqualTo(9);
        assertThat(answers.stream().map(Response::asString).distinct().count()).isEqualTo(1);
        assertThat(Rows.count(db, "select count(*) from acknowledgement a join notice n on n.id = a.notice_id"
                + " where n.order_id = ?", order)).isEqualTo(2);
        assertThat(Rows.count(db, "select count(*) from audit_event where action = 'NOTICE_ACKNOWLEDGED'"
                + " and order_id = ?", order)).isEqualTo(2);
    }

    @Test
    void overlappingBatchesNamingTheSameNoticesInOtherOrdersAllCommitAndLoseNoAcknowledgement() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, IntStream.range(0, 30)
                .mapToObj(i -> "https://allostreaming.com/overlap/" + i).toArray(String[]::new));
        List<String> notices = as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order)
                .path("items.id");
        assertThat(notices).hasSize(30);
        String now = java.time.Instant.now().toString();
        List<Callable<Response>> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            List<String> mine = new ArrayList<>(notices);
            java.util.Collections.rotate(mine, c * 7);
            if (c % 2 == 1) {
                java.util.Collections.reverse(mine);
            }
            Map<String, Object> body = Map.of("items", mine.stream().map(id -> Map.of("noticeId", id,
                    "status", "RECEIVED", "effectiveAt", now)).toList());
            RequestSpecification batch = as(parties.engine(), "search-engine").body(body);
            clients.add(() -> batch.post("/api/v1/acknowledgements"));
        }

        List<Response> answers = Race.run(clients);

        answers.forEach(a -> assertThat(a.statusCode()).as(a.asString()).isEqualTo(201));
        assertThat(Rows.count(db, "select count(*) from acknowledgement a join notice n on n.id = a.notice_id"
                + " where n.order_id = ?", order)).isEqualTo(8 * 30);
        assertThat(Rows.count(db, "select count(*) from notice where order_id = ? and version = 9"
                + " and status = 'RECEIVED'", order)).isEqualTo(30);
        assertThat(Rows.count(db, "select count(*) from audit_event where action = 'NOTICE_ACKNOWLEDGED'"
                + " and order_id = ?", order)).isEqualTo(8 * 30);
        // Each batch saw every notice at the version the batches before it left: versions 2 to 9, each once.
        List<Integer> versions = answers.stream().flatMap(a -> a.<List<Integer>>path("items.version").stream()).toList();
        for (int v = 2; v <= 9; v++) {
            int version = v;
            assertThat(versions.stream().filter(x -> x == version).count()).isEqualTo(30);
        }
    }

    @Test
    void anOrganisationRegisteredTenTimesAtOnceIsStoredOnceAndTheOthersGetAConflict() {
        String id = Api.unique("sacem");
        List<Callable<Response>> clients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RequestSpecification registration = operator().body(Map.of("id", id, "name", "SACEM", "kind", "RIGHTS_HOLDER"));
            clients.add(() -> registration.post("/api/v1/organisations"));
        }

        List<Response> answers = Race.run(clients);

        assertThat(Race.count(answers, 201)).as(Race.statuses(answers).toString()).isEqualTo(1);
        assertThat(Race.count(answers, 409)).isEqualTo(9);
        answers.stream().filter(a -> a.statusCode() == 409)
                .forEach(a -> assertThat(a.<String>path("code")).isEqualTo("ALREADY_EXISTS"));
        assertThat(Rows.count(db, "select count(*) from organisation where id = ?", id)).isEqualTo(1);
        assertThat(Rows.count(db, "select count(*) from audit_event where action = 'ORGANISATION_REGISTERED'"
                + " and record_id = ?", id)).isEqualTo(1);
    }

    @Test
    void theSameMirrorProposedTenTimesAtOnceIsPendingOnce() {
        Api.Parties parties = Api.parties(2, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        List<Callable<Response>> clients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RequestSpecification proposal = as(parties.claimants().get(i % 2), "rights-holder")
                    .body(Map.of("domain", "allostreaming.biz", "evidence", "Same catalogue " + i));
            clients.add(() -> proposal.post("/api/v1/orders/" + order + "/mirrors"));
        }

        List<Response> answers = Race.run(clients);

        assertThat(Race.count(answers, 201)).as(Race.statuses(answers).toString()).isEqualTo(1);
        assertThat(Race.count(answers, 409)).isEqualTo(9);
        assertThat(Rows.count(db, "select count(*) from mirror_proposal where order_id = ? and status = 'PENDING'",
                order)).isEqualTo(1);
    }

    @Test
    void theDatabaseRefusesTwoPendingProposalsForOneDomainWhateverTheCode() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        as(parties.claimant(), "rights-holder").body(Map.of("domain", "allostreaming.biz", "evidence", "Same site"))
                .post("/api/v1/orders/" + order + "/mirrors").then().statusCode(201);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rows.execute(db, "insert into mirror_proposal"
                        + " (id, order_id, domain, proposed_by, evidence, links, status, created_at)"
                        + " values (uuid(), ?, 'allostreaming.biz', ?, 'x', '', 'PENDING', now(6))", order,
                parties.claimant()))
                .hasRootCauseInstanceOf(java.sql.SQLIntegrityConstraintViolationException.class);
    }

    @Test
    void aClaimantFollowingItsFeedWhileAcknowledgementsAndFilingsRaceSeesEveryAcknowledgementOnceInOrder()
            throws Exception {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, IntStream.range(0, 20)
                .mapToObj(i -> "https://allostreaming.com/" + Api.unique("acked")).toArray(String[]::new));
        List<String[]> notices = new ArrayList<>();
        for (String engine : parties.engines()) {
            List<String> ids = as(engine, "search-engine").get("/api/v1/notices?orderId=" + order + "&limit=100")
                    .then().statusCode(200).extract().path("items.id");
            ids.forEach(id -> notices.add(new String[] {engine, id}));
        }
        assertThat(notices).hasSize(40);
        String start = as(parties.claimant(), "rights-holder").get("/api/v1/events?limit=1000").path("nextCursor");

        // The claimant follows its feed with the cursor the whole time, as a client would.
        java.util.Map<Long, String> followed = new java.util.concurrent.ConcurrentSkipListMap<>();
        java.util.concurrent.atomic.AtomicBoolean following = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<String> followerFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread follower = Thread.ofPlatform().start(() -> {
            String cursor = start;
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && (following.get() || followed.size() < 41)) {
                Response page = as(parties.claimant(), "rights-holder").get("/api/v1/events?after=" + cursor);
                if (page.statusCode() != 200) {
                    followerFailures.add(page.statusCode() + " " + page.asString());
                    continue;
                }
                List<Map<String, Object>> items = page.path("items");
                for (Map<String, Object> e : items) {
                    if ("NOTICE_ACKNOWLEDGED".equals(e.get("type"))) {
                        followed.merge(((Number) e.get("seq")).longValue(),
                                e.get("noticeId") + " " + ((Map<?, ?>) e.get("payload")).get("reported"),
                                (a, b) -> "seen twice: " + a);
                    }
                }
                cursor = page.path("nextCursor");
            }
        });
        List<Callable<Response>> clients = new ArrayList<>();
        for (String[] n : notices) {
            RequestSpecification ack = as(n[0], "search-engine")
                    .body(Map.of("status", "RECEIVED", "effectiveAt", java.time.Instant.now().toString()));
            clients.add(() -> ack.post("/api/v1/notices/" + n[1] + "/acknowledgements"));
        }
        for (int i = 0; i < 12; i++) {
            RequestSpecification filer = as(parties.claimant(), "rights-holder")
                    .body(Map.of("urls", List.of("https://allostreaming.com/" + Api.unique("racing"))));
            clients.add(() -> filer.post("/api/v1/orders/" + order + "/requests"));
        }
        List<Response> answers = Race.run(clients);
        assertThat(Race.count(answers, 201)).as(Race.statuses(answers).toString()).isEqualTo(52);
        // Then the same notice again.
        String[] first = notices.get(0);
        as(first[0], "search-engine").body(Map.of("status", "DELISTED", "effectiveAt", java.time.Instant.now().toString(),
                        "territories", List.of("FR")))
                .post("/api/v1/notices/" + first[1] + "/acknowledgements").then().statusCode(201);
        following.set(false);
        follower.join();

        assertThat(followerFailures).isEmpty();
        assertThat(followed.values()).noneMatch(v -> v.startsWith("seen twice"));
        assertThat(followed.values()).containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(
                notices.stream().map(n -> n[1] + " RECEIVED"), java.util.stream.Stream.of(first[1] + " DELISTED"))
                .toList());
        List<Number> all = as(parties.claimant(), "rights-holder").get("/api/v1/events?after=" + start + "&limit=1000")
                .path("items.seq");
        assertThat(all.stream().map(Number::longValue).filter(followed::containsKey).toList())
                .as("what a later full read shows, the follower saw in the same order")
                .containsExactlyElementsOf(followed.keySet());
        assertThat(Rows.count(db, "SELECT COUNT(*) FROM event WHERE order_id = ? AND type = 'NOTICE_ACKNOWLEDGED'",
                order)).as("stored once each").isEqualTo(41);
        assertThat(Rows.count(db, "SELECT COUNT(*) FROM event_staged WHERE order_id = ?", order)).isZero();
    }

    @Test
    void everyAcknowledgementAdmittedBeforeASuspensionComesBeforeItInTheClaimantsFeed() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, IntStream.range(0, 30)
                .mapToObj(i -> "https://allostreaming.com/" + Api.unique("suspended")).toArray(String[]::new));
        List<String> notices = as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order + "&limit=100")
                .then().statusCode(200).extract().path("items.id");
        String start = as(parties.claimant(), "rights-holder").get("/api/v1/events?limit=1000").path("nextCursor");
        List<Callable<Response>> clients = new ArrayList<>();
        for (String notice : notices) {
            RequestSpecification ack = as(parties.engine(), "search-engine")
                    .body(Map.of("status", "RECEIVED", "effectiveAt", java.time.Instant.now().toString()));
            clients.add(() -> ack.post("/api/v1/notices/" + notice + "/acknowledgements"));
        }
        RequestSpecification suspension = operator().body(Map.of("type", "SUSPEND", "decisionReference", "Sursis"));
        clients.add(10, () -> suspension.post("/api/v1/orders/" + order + "/amendments"));

        List<Response> answers = Race.run(clients);

        assertThat(answers.get(10).statusCode()).isEqualTo(201);
        // An acknowledgement that locked its notice before the suspension left it RECEIVED; one that waited for the
        // suspension's lock found it CANCELLED (still recorded, as evidence) and belongs after it in the feed.
        List<String> acknowledged = new ArrayList<>();
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            if (i != 10) {
                assertThat(answers.get(i).statusCode()).as(answers.get(i).asString()).isLessThan(500);
                if (answers.get(i).statusCode() == 201) {
                    acknowledged.add(answers.get(i).path("id"));
                    String left = answers.get(i).path("status");
                    assertThat(left).isIn("RECEIVED", "CANCELLED");
                    (left.equals("RECEIVED") ? before : after).add("NOTICE_ACKNOWLEDGED " + answers.get(i).path("id"));
                }
            }
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        List<Map<String, Object>> feed;
        do {
            feed = as(parties.claimant(), "rights-holder").get("/api/v1/events?limit=1000&after=" + start)
                    .then().statusCode(200).extract().path("items");
        } while (feed.stream().filter(e -> "NOTICE_ACKNOWLEDGED".equals(e.get("type"))).count() < acknowledged.size()
                && System.nanoTime() < deadline);
        List<String> feedOrder = feed.stream().map(e -> e.get("type") + " " + e.get("noticeId")).toList();
        int suspended = feedOrder.indexOf("ORDER_AMENDED null");
        assertThat(suspended).as(feedOrder.toString()).isNotNegative();
        assertThat(feedOrder.subList(0, suspended)).as("before the suspension in the feed")
                .containsExactlyInAnyOrderElementsOf(before);
        assertThat(feedOrder.subList(suspended + 1, feedOrder.size())).as("after the suspension in the feed")
                .containsExactlyInAnyOrderElementsOf(after);
        // Acknowledged and cancelled, in either order: two changes each, neither overwriting the other.
        assertThat(Rows.count(db, "select count(*) from notice where order_id = ? and status = 'CANCELLED'"
                + " and version = 3", order)).isEqualTo(acknowledged.size());
    }
}
