package eu.delisting.gateway.integrity;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import eu.delisting.gateway.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static eu.delisting.gateway.support.Api.as;
import static eu.delisting.gateway.support.Api.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Input that used to reach a 500 or the wrong status, and what the gateway exposes about itself. */
@QuarkusTest
class InputAndExposureTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aBodyWithADuplicateKeyOrTrailingBytesIsMalformed() {
        operator().body("{\"id\":\"dup-a\",\"id\":\"dup-b\",\"name\":\"X\",\"kind\":\"RIGHTS_HOLDER\"}")
                .post("/api/v1/organisations").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_REQUEST"));
        operator().body("{\"id\":\"trailing-x\",\"name\":\"X\",\"kind\":\"RIGHTS_HOLDER\"} {\"id\":\"y\"}")
                .post("/api/v1/organisations").then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        assertThat(Rows.count(db, "select count(*) from organisation where id in ('dup-a', 'dup-b', 'trailing-x')"))
                .isZero();
    }

    @Test
    void aLoneSurrogateIsRefusedNotStoredAsAQuestionMark() {
        operator().body("{\"id\":\"surrogate-x\",\"name\":\"X\\ud800Y\",\"kind\":\"RIGHTS_HOLDER\"}")
                .post("/api/v1/organisations").then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        assertThat(Rows.count(db, "select count(*) from organisation where id = 'surrogate-x'")).isZero();
    }

    @Test
    void freeTextIsBoundedAndRefusesControlAndBidiOverrideCharacters() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        operator().body(Map.of("type", "SUSPEND", "decisionReference", "x".repeat(100_000)))
                .post("/api/v1/orders/" + order + "/amendments").then().statusCode(422)
                .body("errors[0].field", equalTo("decisionReference")).body("errors[0].code", equalTo("TOO_LONG"));
        operator().body(Map.of("type", "SUSPEND", "decisionReference", "x".repeat(501)))
                .post("/api/v1/orders/" + order + "/amendments").then().statusCode(422);
        operator().body(Map.of("type", "SUSPEND", "decisionReference", "Arrêt\u0000 n° 1"))
                .post("/api/v1/orders/" + order + "/amendments").then().statusCode(422)
                .body("errors[0].code", equalTo("INVALID_TEXT"));
        as(parties.claimant(), "rights-holder")
                .body(Map.of("domain", "allostreaming.biz", "evidence", "Same site \u202Egnp.evil"))
                .post("/api/v1/orders/" + order + "/mirrors").then().statusCode(422)
                .body("errors[0].field", equalTo("evidence")).body("errors[0].code", equalTo("INVALID_TEXT"));
        assertThat(Rows.count(db, "select count(*) from order_version where order_id = ?", order)).isEqualTo(1);
        assertThat(Rows.count(db, "select count(*) from mirror_proposal where order_id = ?", order)).isZero();
    }

    @Test
    void aNullDecisionIsAFieldErrorNotACrash() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String authority = Api.registerOrganisation("arcom", "AUTHORITY");
        String mirror = as(parties.claimant(), "rights-holder")
                .body(Map.of("domain", "allostreaming.biz", "evidence", "Same site"))
                .post("/api/v1/orders/" + order + "/mirrors").then().statusCode(201).extract().path("id");
        as(authority, "authority").body("{\"decision\":null,\"reasons\":\"r\"}")
                .post("/api/v1/orders/" + order + "/mirrors/" + mirror + "/decision").then().statusCode(422)
                .body("errors[0].field", equalTo("decision"));
    }

    @Test
    void numericQueryParametersThatAreNotNumbersAre422NotA404() {
        for (String path : List.of("/api/v1/notices?limit=abc", "/api/v1/notices?limit=99999999999999999999",
                "/api/v1/events?limit=abc", "/api/v1/audit/verification?from=abc",
                "/api/v1/audit/verification?checkpointSeq=abc&checkpointHash=x", "/api/v1/audit/events?limit=1e3")) {
            operator().get(path).then().statusCode(422).contentType("application/problem+json")
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
    }

    @Test
    void verifyingPastTheHeadIsABadQuestionNotATamperedLog() {
        operator().get("/api/v1/audit/verification?from=99999999").then().statusCode(422)
                .body("errors[0].field", equalTo("from"));
        operator().get("/api/v1/audit/verification?checkpointSeq=99999999&checkpointHash=" + "0".repeat(64))
                .then().statusCode(422).body("errors[0].field", equalTo("checkpointSeq"));
    }

    @Test
    void anOrdersRequestsArePagedWithACursor() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        for (int i = 0; i < 5; i++) {
            Api.file(parties.claimant(), order, "https://allostreaming.com/page/" + i);
        }
        var first = as(parties.claimant(), "rights-holder").get("/api/v1/orders/" + order + "/requests?limit=2")
                .then().statusCode(200).extract();
        List<String> seen = new java.util.ArrayList<>(first.<List<String>>path("items.id"));
        String cursor = first.path("nextCursor");
        while (cursor != null) {
            var page = as(parties.claimant(), "rights-holder")
                    .get("/api/v1/orders/" + order + "/requests?limit=2&after=" + cursor).then().statusCode(200).extract();
            seen.addAll(page.<List<String>>path("items.id"));
            cursor = page.path("nextCursor");
        }
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        as(parties.claimant(), "rights-holder").get("/api/v1/orders/" + order + "/requests?after=not-a-cursor")
                .then().statusCode(422).body("errors[0].code", equalTo("INVALID_CURSOR"));
    }

    @Test
    void tenantAnswersAreNeverCachedOrSniffedAndLocationIgnoresTheHostHeader() {
        String id = Api.unique("loc");
        operator().header("Host", "attacker.example").body(Map.of("id", id, "name", "Loc", "kind", "RIGHTS_HOLDER"))
                .post("/api/v1/organisations").then().statusCode(201)
                .header("Location", equalTo("/api/v1/organisations/" + id))
                .header("Cache-Control", equalTo("no-store"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        operator().get("/api/v1/orders/unknown").then().statusCode(404).header("Cache-Control", equalTo("no-store"));
        operator().header("X-Forwarded-Proto", "https").get("/api/v1/me").then()
                .header("Strict-Transport-Security", startsWith("max-age="));
    }

    @Test
    void metricsAreReadByTheOperatorOnly() {
        RestAssured.given().get("/q/metrics").then().statusCode(401);
        RestAssured.given().auth().oauth2(Tokens.of(Api.unique("se"), "search-engine")).get("/q/metrics")
                .then().statusCode(403);
        RestAssured.given().auth().oauth2(Tokens.of("operator", "operator")).get("/q/metrics").then().statusCode(200)
                .body(containsString("gateway_"));
    }

    @Test
    void readinessNamesNoDriverHostOrError() {
        RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("database"))
                .body(not(containsString("jdbc:")))
                .body(not(containsString("Exception")));
    }

    @Test
    void aTokenWithoutOrganisationIs403AndOneForAnUnregisteredOrganisationSeesNothing() {
        RestAssured.given().auth().oauth2(Tokens.withoutOrganisation("rights-holder")).get("/api/v1/orders")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        String stranger = Api.unique("stranger");
        as(stranger, "rights-holder").get("/api/v1/me").then().statusCode(200).body("registered", equalTo(false));
        as(stranger, "rights-holder").get("/api/v1/orders").then().statusCode(200).body("items.size()", equalTo(0));
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        as(stranger, "rights-holder").body(Map.of("urls", List.of("https://allostreaming.com/x")))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(404);
    }

    @Test
    void theEmbeddedDatabaseWhichHasNoPasswordsListensOnTheLoopbackAddressOnly() throws Exception {
        try (var connection = db.getConnection(); var statement = connection.createStatement();
             var result = statement.executeQuery("SELECT @@bind_address")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void anAcknowledgementListingMoreFrontEndsOrTerritoriesThanItsColumnsHoldIs422AndRecordsNothing() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, "https://allostreaming.com/many-front-ends");
        String notice = as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order).path("items[0].id");
        List<String> frontEnds = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "google" + i + ".fr").toList();
        as(parties.engine(), "search-engine").body(Map.of("status", "DELISTED", "effectiveAt", Instant.now().toString(),
                        "territories", List.of("FR"), "frontEnds", frontEnds))
                .post("/api/v1/notices/" + notice + "/acknowledgements").then().statusCode(422)
                .body("errors[0].field", equalTo("frontEnds")).body("errors[0].code", equalTo("TOO_MANY"));
        as(parties.engine(), "search-engine").body(Map.of("status", "DELISTED", "effectiveAt", Instant.now().toString(),
                        "territories", java.util.Collections.nCopies(200, "FR")))
                .post("/api/v1/notices/" + notice + "/acknowledgements").then().statusCode(422)
                .body("errors[0].field", equalTo("territories")).body("errors[0].code", equalTo("TOO_MANY"));
        assertThat(Rows.count(db, "select count(*) from acknowledgement where notice_id = ?", notice)).isZero();
    }

    @Test
    void anEngineWritingToAnotherEnginesNoticeIsCountedAsASecurityEvent() {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, "https://allostreaming.com/foreign");
        String notice = as(parties.engines().get(0), "search-engine").get("/api/v1/notices?orderId=" + order)
                .path("items[0].id");
        double before = refusals("FOREIGN_RECORD_WRITE");
        List<java.util.logging.LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record instanceof org.jboss.logmanager.ExtLogRecord ext
                        && "FOREIGN_RECORD_WRITE".equals(ext.getMdc("securityEvent"))) {
                    ext.copyMdc();
                    logged.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger security = java.util.logging.Logger.getLogger("eu.delisting.gateway.security");
        security.addHandler(capture);
        try {
            as(parties.engines().get(1), "search-engine").body(Map.of("status", "DELISTED",
                            "effectiveAt", Instant.now().toString(), "territories", List.of("FR")))
                    .post("/api/v1/notices/" + notice + "/acknowledgements").then().statusCode(404);
        } finally {
            security.removeHandler(capture);
        }
        assertThat(refusals("FOREIGN_RECORD_WRITE")).isEqualTo(before + 1);
        assertThat(logged).as("one structured security event, naming the caller and the record")
                .singleElement().satisfies(record -> {
                    org.jboss.logmanager.ExtLogRecord ext = (org.jboss.logmanager.ExtLogRecord) record;
                    assertThat(ext.getLevel().intValue()).isGreaterThanOrEqualTo(java.util.logging.Level.WARNING.intValue());
                    assertThat(ext.getMdc("organisation")).isEqualTo(parties.engines().get(1));
                    assertThat(ext.getMdc("record")).isEqualTo("notice/" + notice);
                    assertThat(ext.getFormattedMessage()).doesNotContain("Bearer");
                });
        double tokens = refusals("INVALID_TOKEN");
        RestAssured.given().auth().oauth2(Tokens.expired("google", "search-engine")).get("/api/v1/notices")
                .then().statusCode(401);
        assertThat(refusals("INVALID_TOKEN")).isEqualTo(tokens + 1);
    }

    private static double refusals(String kind) {
        String metrics = RestAssured.given().auth().oauth2(Tokens.of("operator", "operator")).get("/q/metrics")
                .then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("gateway_security_refusals_total{") && l.contains("kind=\"" + kind + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void anUnknownContentTypeOrMethodIsAProblemWithItsCode() {
        operator().contentType(ContentType.TEXT).body("x").post("/api/v1/organisations").then().statusCode(415)
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        operator().delete("/api/v1/organisations").then().statusCode(405).body("code", notNullValue());
    }
}
