package eu.delisting.gateway.problems;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static eu.delisting.gateway.support.Api.as;
import static eu.delisting.gateway.support.Api.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Request shapes are checked by their Bean Validation constraints and answered like every other
 * refusal: 422 VALIDATION_FAILED naming every field at fault with a stable code, in the order of the
 * shape's members, and nothing stored.
 */
@QuarkusTest
class RequestShapeTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aRegistrationBrokenInEveryMemberNamesEachInOrderAndStoresNothing() {
        String id = Api.unique("shape");
        Response response = operator().body(Map.of("id", id.toUpperCase(), "name", "Bad\u202Ename", "kind", "BROADCASTER"))
                .post("/api/v1/organisations");

        response.then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("detail", equalTo("3 fields are invalid"));
        assertThat(response.jsonPath().getList("errors.field")).containsExactly("id", "name", "kind");
        assertThat(response.jsonPath().getList("errors.code")).containsExactly("INVALID_SLUG", "INVALID_TEXT", "UNKNOWN_VALUE");
        assertThat(response.jsonPath().getString("errors[1].detail"))
                .isEqualTo("name contains a bidirectional control character (U+202E)");
        assertThat(Rows.count(db, "select count(*) from organisation where lower(id) = ?", id)).isZero();
    }

    @Test
    void missingMembersAreRequiredOnceAndANullBodyIsNamedAsTheWholeObject() {
        Response blank = operator().body(Map.of("id", " ", "name", "")).post("/api/v1/organisations");
        blank.then().statusCode(422);
        assertThat(blank.jsonPath().getList("errors.field")).containsExactly("id", "name", "kind");
        assertThat(blank.jsonPath().getList("errors.code")).containsExactly("REQUIRED", "REQUIRED", "REQUIRED");

        Response none = operator().body("null").post("/api/v1/organisations");
        none.then().statusCode(422).body("errors[0].field", equalTo("")).body("errors[0].code", equalTo("REQUIRED"));
    }

    @Test
    void aFilingBrokenInEveryMemberListsEveryFailingIndexAndFilesNothing() {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Map<String, Object> body = new HashMap<>();
        List<String> urls = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            urls.add(i == 3 || i == 11 ? null : "https://allostreaming.com/" + i);
        }
        body.put("urls", urls);
        body.put("addressees", List.of());
        body.put("clientReference", "r".repeat(201));

        Response response = as(parties.claimant(), "rights-holder").body(body).post("/api/v1/orders/" + order + "/requests");

        response.then().statusCode(422).body("code", equalTo("VALIDATION_FAILED"));
        assertThat(response.jsonPath().getList("errors.field"))
                .containsExactly("urls[3]", "urls[11]", "addressees", "clientReference");
        assertThat(response.jsonPath().getList("errors.code")).containsExactly("REQUIRED", "REQUIRED", "EMPTY", "TOO_LONG");
        assertThat(response.jsonPath().getString("errors[3].detail")).isEqualTo("clientReference is at most 200 characters");
        assertThat(Rows.count(db, "select count(*) from delisting_request where order_id = ?", order)).isZero();
        assertThat(Rows.count(db, "select count(*) from notice where order_id = ?", order)).isZero();
    }

    @Test
    void moreUrlsThanOneRequestCarriesIsStillItsOwnProblem() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        List<String> urls = java.util.stream.IntStream.range(0, 1_001).mapToObj(i -> "https://allostreaming.com/" + i).toList();

        as(parties.claimant(), "rights-holder").body(Map.of("urls", urls)).post("/api/v1/orders/" + order + "/requests")
                .then().body("code", equalTo("BATCH_TOO_LARGE"));
        assertThat(Rows.count(db, "select count(*) from delisting_request where order_id = ?", order)).isZero();
    }

    @Test
    void mirrorAppointmentAndAmendmentShapesNameEveryFieldAtFaultAndStoreNothing() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Map<String, Object> mirror = new HashMap<>();
        mirror.put("evidence", " ");
        mirror.put("links", java.util.Arrays.asList("ftp://allostreaming.net/", null, "https://ok.example/",
                "https://x.example/" + "a".repeat(2048)));
        Response proposed = as(parties.claimant(), "rights-holder").body(mirror)
                .post("/api/v1/orders/" + order + "/mirrors");
        proposed.then().statusCode(422).body("code", equalTo("VALIDATION_FAILED"));
        assertThat(proposed.jsonPath().getList("errors.field"))
                .containsExactly("domain", "evidence", "links[0]", "links[1]", "links[3]");
        assertThat(proposed.jsonPath().getList("errors.code"))
                .containsExactly("REQUIRED", "REQUIRED", "INVALID_URL", "INVALID_URL", "INVALID_URL");
        assertThat(Rows.count(db, "select count(*) from mirror_proposal where order_id = ?", order)).isZero();

        String auditor = Api.registerOrganisation("au", "AUDITOR");
        Response appointed = operator().body(Map.of("organisation", auditor, "from", "yesterday"))
                .post("/api/v1/orders/" + order + "/auditors");
        appointed.then().statusCode(422);
        assertThat(appointed.jsonPath().getList("errors.field")).containsExactly("from", "until");
        assertThat(appointed.jsonPath().getList("errors.code")).containsExactly("INVALID_INSTANT", "REQUIRED");
        assertThat(Rows.count(db, "select count(*) from auditor_appointment where order_id = ?", order)).isZero();

        Response amended = operator().body(Map.of("type", "PAUSE", "effectiveAt", "2026-13-01T00:00:00Z",
                "decisionReference", "Ordonnance\u202E")).post("/api/v1/orders/" + order + "/amendments");
        amended.then().statusCode(422);
        assertThat(amended.jsonPath().getList("errors.field")).containsExactly("type", "effectiveAt", "decisionReference");
        assertThat(amended.jsonPath().getList("errors.code"))
                .containsExactly("UNKNOWN_VALUE", "INVALID_INSTANT", "INVALID_TEXT");
        operator().body("null").post("/api/v1/orders/" + order + "/amendments").then().statusCode(422)
                .body("errors[0].field", equalTo("")).body("errors[0].code", equalTo("REQUIRED"));
        assertThat(Rows.count(db, "select count(*) from order_version where order_id = ?", order)).isEqualTo(1);
    }
}
