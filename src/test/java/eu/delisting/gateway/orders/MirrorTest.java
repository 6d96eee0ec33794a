package eu.delisting.gateway.orders;

import eu.delisting.gateway.notices.DeadlineSweeper;
import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static eu.delisting.gateway.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class MirrorTest {

    @Inject
    TestClock clock;

    @Inject
    DeadlineSweeper sweeper;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String propose(Api.Parties parties, String order, String domain) {
        return as(parties.claimant(), "rights-holder")
                .body(Map.of("domain", domain, "evidence", "Same catalogue, same player, same trackers",
                        "links", List.of("https://" + domain + "/")))
                .post("/api/v1/orders/" + order + "/mirrors").then().statusCode(201)
                .body("status", equalTo("PENDING")).extract().path("id");
    }

    @Test
    void aMirrorIsNeverCoveredUntilTheAuthorityApprovesIt() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String authority = Api.registerOrganisation("arcom", "AUTHORITY");
        String mirror = propose(parties, order, "AlloStreaming.NET");

        as(parties.claimant(), "rights-holder").body(Map.of("urls", List.of("https://allostreaming.net/film")))
                .post("/api/v1/orders/" + order + "/requests")
                .then().statusCode(422).body("code", equalTo("OUT_OF_SCOPE"))
                .body("errors[0].hint.kind", equalTo("PENDING_MIRROR"))
                .body("errors[0].hint.related", equalTo(mirror));
        as(parties.claimant(), "rights-holder").body(Map.of("decision", "APPROVE", "reasons", "mine"))
                .post("/api/v1/orders/" + order + "/mirrors/" + mirror + "/decision").then().statusCode(403);

        as(authority, "authority").body(Map.of("decision", "APPROVE", "reasons", "Same site under a new name"))
                .post("/api/v1/orders/" + order + "/mirrors/" + mirror + "/decision")
                .then().statusCode(201).body("status", equalTo("APPROVED")).body("decidedBy", equalTo(authority));
        as(parties.claimant(), "rights-holder").get("/api/v1/orders/" + order).then()
                .body("version", equalTo(2)).body("scope.value", hasItem("allostreaming.net"))
                .body("versions[1].change", equalTo("MIRROR_APPROVED"));
        as(parties.claimant(), "rights-holder").body(Map.of("urls", List.of("https://allostreaming.net/film")))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(201);
        as(authority, "authority").body(Map.of("decision", "REJECT", "reasons", "changed my mind"))
                .post("/api/v1/orders/" + order + "/mirrors/" + mirror + "/decision").then().statusCode(409);
    }

    @Test
    void aMirrorApprovedNearTheEndOfTheParentOrderExpiresWithIt() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String authority = Api.registerOrganisation("arcom", "AUTHORITY");
        Api.file(parties.claimant(), order, "https://allostreaming.com/parent");
        Instant parentEnd = Instant.parse(as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order)
                .path("items[0].measureEndsAt"));

        clock.freezeAt(parentEnd.minusSeconds(86_400));
        String mirror = propose(parties, order, "allostreaming.org");
        as(authority, "authority").body(Map.of("decision", "APPROVE", "reasons", "Mirror"))
                .post("/api/v1/orders/" + order + "/mirrors/" + mirror + "/decision").then().statusCode(201);
        String notice = as(parties.claimant(), "rights-holder")
                .body(Map.of("urls", List.of("https://allostreaming.org/late")))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(201)
                .extract().path("items[0].notices[0].noticeId");
        Instant mirrorEnd = Instant.parse(as(parties.engine(), "search-engine").get("/api/v1/notices/" + notice)
                .path("measureEndsAt"));
        assertThat(mirrorEnd).isEqualTo(parentEnd);

        clock.freezeAt(parentEnd);
        sweeper.sweep();
        as(parties.engine(), "search-engine").get("/api/v1/notices/" + notice).then().body("status", equalTo("EXPIRED"));
        as(parties.claimant(), "rights-holder")
                .body(Map.of("domain", "allostreaming.info", "evidence", "Another one"))
                .post("/api/v1/orders/" + order + "/mirrors").then().statusCode(422).body("code", equalTo("ORDER_EXPIRED"));
    }

    @Test
    void aMirrorOfAnOrderThatIsNotFinalIsRefused() {
        Api.Parties parties = Api.parties(1, 1);
        Map<String, Object> body = new HashMap<>(Api.orderBody(parties, Api.domains("allostreaming.com")));
        body.put("final", false);
        String order = Api.issueOrder(body);
        as(parties.claimant(), "rights-holder").body(Map.of("domain", "allostreaming.net", "evidence", "x"))
                .post("/api/v1/orders/" + order + "/mirrors").then().statusCode(409).body("code", equalTo("ORDER_STATE_CONFLICT"));
        String finalOrder = Api.issueOrder(parties, "allostreaming.com");
        as(parties.claimant(), "rights-holder").body(Map.of("domain", "co.uk", "evidence", "x"))
                .post("/api/v1/orders/" + finalOrder + "/mirrors").then().statusCode(422)
                .body("errors[0].code", equalTo("NOT_REGISTRABLE"));
        as(parties.claimant(), "rights-holder").body(Map.of("domain", "allostreaming.com", "evidence", "x"))
                .post("/api/v1/orders/" + finalOrder + "/mirrors").then().statusCode(422)
                .body("errors[0].code", equalTo("ALREADY_IN_SCOPE"));
    }
}
