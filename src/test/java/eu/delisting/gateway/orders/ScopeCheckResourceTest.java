package eu.delisting.gateway.orders;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static eu.delisting.gateway.support.Api.anonymous;
import static eu.delisting.gateway.support.Api.as;
import static eu.delisting.gateway.support.Api.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ScopeCheckResourceTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aClaimantChecksUrlsAndGetsAVerdictPerUrlInOrder() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com", "dpstream.tv");
        long versionsBefore = Rows.count(db, "select count(*) from order_version");

        as(parties.claimant(), "rights-holder")
                .body(Map.of("urls", List.of(
                        "HTTPS://WWW.AlloStreaming.com./film?id=1#top",
                        "https://allostreaming.net/film",
                        "https://user@allostreaming.com/",
                        "https://аllostreaming.com/",
                        "https://dpstream.tv/")))
                .post("/api/v1/orders/" + order + "/scope-check")
                .then().statusCode(200)
                .body("orderId", equalTo(order))
                .body("orderVersion", equalTo(1))
                .body("publicSuffixListVersion", equalTo(bundledListVersion()))
                .body("covered", equalTo(2))
                .body("refused", equalTo(3))
                .body("results", hasSize(5))
                .body("results[0].index", equalTo(0))
                .body("results[0].covered", equalTo(true))
                .body("results[0].canonicalUrl", equalTo("https://www.allostreaming.com/film?id=1"))
                .body("results[0].matchedEntry.kind", equalTo("DOMAIN"))
                .body("results[0].matchedEntry.value", equalTo("allostreaming.com"))
                .body("results[1].covered", equalTo(false))
                .body("results[1].code", equalTo("OUT_OF_SCOPE"))
                .body("results[1].hint.kind", equalTo("POSSIBLE_MIRROR"))
                .body("results[1].hint.related", equalTo("allostreaming.com"))
                .body("results[2].code", equalTo("INVALID_URL"))
                .body("results[2].canonicalUrl", nullValue())
                .body("results[3].code", equalTo("OUT_OF_SCOPE"))
                .body("results[3].hint.kind", equalTo("CONFUSABLE_WITH"))
                .body("results[4].matchedEntry.value", equalTo("dpstream.tv"));

        assertThat(Rows.count(db, "select count(*) from order_version")).isEqualTo(versionsBefore);
    }

    @Test
    void engineAuditorAndOperatorMayCheckAndAStrangerGetsNotFound() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "alloshare.com");
        Map<String, Object> body = Map.of("urls", List.of("https://alloshare.com/"));

        as(parties.engine(), "search-engine").body(body).post("/api/v1/orders/" + order + "/scope-check")
                .then().statusCode(200).body("covered", equalTo(1));
        operator().body(body).post("/api/v1/orders/" + order + "/scope-check").then().statusCode(200);
        String stranger = Api.registerOrganisation("se", "SEARCH_ENGINE");
        as(stranger, "search-engine").body(body).post("/api/v1/orders/" + order + "/scope-check")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        anonymous().body(body).post("/api/v1/orders/" + order + "/scope-check").then().statusCode(401);
    }

    @Test
    void moreThanAThousandUrlsIsTooLarge() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "alloseven.com");
        as(parties.claimant(), "rights-holder")
                .body(Map.of("urls", Collections.nCopies(1001, "https://alloseven.com/")))
                .post("/api/v1/orders/" + order + "/scope-check")
                .then().statusCode(413).body("code", equalTo("BATCH_TOO_LARGE"));
        as(parties.claimant(), "rights-holder")
                .body(Map.of("urls", Collections.nCopies(1000, "https://alloseven.com/")))
                .post("/api/v1/orders/" + order + "/scope-check")
                .then().statusCode(200).body("covered", equalTo(1000));
    }

    @Test
    void anEmptyCheckIsAValidationError() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allourls.com");
        as(parties.claimant(), "rights-holder").body(Map.of("urls", List.of()))
                .post("/api/v1/orders/" + order + "/scope-check")
                .then().statusCode(422).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("urls"));
    }

    @Test
    void orderScopeEntriesAreValidatedAndStoredCanonical() {
        Api.Parties parties = Api.parties(1, 1);
        Map<String, Object> body = new HashMap<>(Api.orderBody(parties, List.of(
                Map.of("kind", "DOMAIN", "value", "AlloMovies.COM."),
                Map.of("kind", "HOST", "value", "M.AlloShowTV.com"),
                Map.of("kind", "URL_PREFIX", "value", "https://sites.google.com/view/allostreaming/",
                        "overrideReason", "The court named this page of a shared platform"))));
        operator().body(body).post("/api/v1/orders")
                .then().statusCode(201)
                .body("scope[0].value", equalTo("allomovies.com"))
                .body("scope[1].value", equalTo("m.alloshowtv.com"))
                .body("scope[2].kind", equalTo("URL_PREFIX"))
                .body("scope[2].overrideReason", notNullValue());
    }

    @Test
    void scopeEntriesThatWouldCoverStrangersAreRefusedFieldByField() {
        Api.Parties parties = Api.parties(1, 1);
        Map<String, Object> body = new HashMap<>(Api.orderBody(parties, List.of(
                Map.of("kind", "DOMAIN", "value", "co.uk"),
                Map.of("kind", "DOMAIN", "value", "blogspot.com"),
                Map.of("kind", "DOMAIN", "value", "google.com"),
                Map.of("kind", "HOST", "value", "sites.google.com"),
                Map.of("kind", "DOMAIN", "value", "www.allostreaming.com"),
                Map.of("kind", "URL_PREFIX", "value", "https://u@allostreaming.com/"))));
        long before = Rows.count(db, "select count(*) from court_order");
        operator().body(body).post("/api/v1/orders")
                .then().statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors", hasSize(6))
                .body("errors[0].field", equalTo("scope[0].value"))
                .body("errors[0].code", equalTo("NOT_REGISTRABLE"))
                .body("errors[1].code", equalTo("NOT_REGISTRABLE"))
                .body("errors[2].code", equalTo("PROTECTED_INFRASTRUCTURE"))
                .body("errors[3].code", equalTo("OVERRIDE_REQUIRED"))
                .body("errors[4].code", equalTo("NOT_REGISTRABLE"))
                .body("errors[5].code", equalTo("INVALID_ENTRY"));
        assertThat(Rows.count(db, "select count(*) from court_order")).isEqualTo(before);
    }

    @Test
    void everyOrderVersionNamesTheListItsScopeIsDecidedWithAndReadinessSaysHowOldItIs() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        operator().get("/api/v1/orders/" + order).then().statusCode(200)
                .body("versions[0].publicSuffixListVersion", equalTo(bundledListVersion()));
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'public-suffix-list' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'public-suffix-list' }.data.version", equalTo(bundledListVersion()));
    }

    /** The version the bundled list's own header gives: what every scope decision must name. */
    private static String bundledListVersion() {
        try (java.io.InputStream in = ScopeCheckResourceTest.class.getResourceAsStream("/" + ScopeRules.BUNDLED_LIST)) {
            return eu.delisting.gateway.scope.PublicSuffixList.parseVersioned(
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "bundled").version();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
