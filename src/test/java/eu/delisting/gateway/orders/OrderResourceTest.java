package eu.delisting.gateway.orders;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static eu.delisting.gateway.support.Api.anonymous;
import static eu.delisting.gateway.support.Api.as;
import static eu.delisting.gateway.support.Api.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class OrderResourceTest {

    @Inject
    AgroalDataSource db;

    @Test
    void operatorIssuesAnOrderWithEveryFieldAndItsFirstVersion() {
        Api.Parties parties = Api.parties(2, 2);
        Map<String, Object> body = Api.orderBody(parties, Api.domains("allostreaming.com", "dpstream.tv"));

        String id = operator().body(body).post("/api/v1/orders")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/orders/"))
                .body("id", notNullValue())
                .body("status", equalTo("ACTIVE"))
                .body("version", equalTo(1))
                .body("final", equalTo(true))
                .body("decisionDate", equalTo(Api.DECIDED.toString()))
                .body("claimants", containsInAnyOrder(parties.claimants().toArray()))
                .body("addressees.organisation", containsInAnyOrder(parties.engines().toArray()))
                .body("addressees[0].notifiedOn", equalTo(Api.SERVED.toString()))
                .body("addressees[0].costBearer", equalTo("CLAIMANTS"))
                .body("scope.value", containsInAnyOrder("allostreaming.com", "dpstream.tv"))
                .body("territory", containsInAnyOrder("FR"))
                .body("complianceDays", equalTo(15))
                .body("duration", equalTo("P1Y"))
                .body("timezone", equalTo("Europe/Paris"))
                .body("versions", hasSize(1))
                .body("versions[0].version", equalTo(1))
                .body("versions[0].change", equalTo("ISSUED"))
                .body("versions[0].order.scope.value", hasItem("dpstream.tv"))
                .extract().path("id");

        assertThat(Rows.count(db, "select count(*) from court_order where id = ?", id)).isEqualTo(1);
        assertThat(Rows.count(db, "select count(*) from order_party where order_id = ?", id)).isEqualTo(4);
        assertThat(Rows.count(db, "select count(*) from order_scope_entry where order_id = ?", id)).isEqualTo(2);
        assertThat(Rows.count(db, "select count(*) from order_version where order_id = ?", id)).isEqualTo(1);
    }

    @Test
    void aRightsHolderCannotIssueAnOrder() {
        Api.Parties parties = Api.parties(1, 1);
        long before = Rows.count(db, "select count(*) from court_order");
        as(parties.claimant(), "rights-holder").body(Api.orderBody(parties, Api.domains("example-pirate.com")))
                .post("/api/v1/orders")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("FORBIDDEN"));
        assertThat(Rows.count(db, "select count(*) from court_order")).isEqualTo(before);
    }

    @Test
    void partiesReadTheOrderAndANonPartyGetsNotFound() {
        Api.Parties parties = Api.parties(1, 1);
        String id = Api.issueOrder(parties, "allomovies.com");

        as(parties.claimant(), "rights-holder").get("/api/v1/orders/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("versions", hasSize(1));
        as(parties.engine(), "search-engine").get("/api/v1/orders/" + id)
                .then().statusCode(200).body("id", equalTo(id));

        String stranger = Api.registerOrganisation("rh", "RIGHTS_HOLDER");
        as(stranger, "rights-holder").get("/api/v1/orders/" + id)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
        String otherEngine = Api.registerOrganisation("se", "SEARCH_ENGINE");
        as(otherEngine, "search-engine").get("/api/v1/orders/" + id).then().statusCode(404);
    }

    @Test
    void aForeignOrderAndAMissingOrderAnswerAlike() {
        Api.Parties parties = Api.parties(1, 1);
        String id = Api.issueOrder(parties, "alloshare.com");
        String stranger = Api.registerOrganisation("rh", "RIGHTS_HOLDER");

        String foreign = as(stranger, "rights-holder").get("/api/v1/orders/" + id)
                .then().statusCode(404).extract().path("detail");
        String missing = as(stranger, "rights-holder").get("/api/v1/orders/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).extract().path("detail");
        assertThat(foreign).isEqualTo(missing);
    }

    @Test
    void theOrderListShowsOnlyWhatTheCallerIsPartyTo() {
        Api.Parties mine = Api.parties(1, 1);
        Api.Parties theirs = Api.parties(1, 1);
        String myOrder = Api.issueOrder(mine, "alloseven.com");
        String theirOrder = Api.issueOrder(theirs, "allourls.com");

        as(mine.claimant(), "rights-holder").get("/api/v1/orders")
                .then().statusCode(200)
                .body("items.id", hasItem(myOrder))
                .body("items.id", not(hasItem(theirOrder)));
        as(theirs.engine(), "search-engine").get("/api/v1/orders")
                .then().statusCode(200)
                .body("items.id", hasItem(theirOrder))
                .body("items.id", not(hasItem(myOrder)));
        operator().get("/api/v1/orders").then().statusCode(200).body("items.id", hasItems(myOrder, theirOrder));
    }

    @Test
    void anAppointedAuditorReadsTheOrderOnlyDuringItsMandate() {
        Api.Parties parties = Api.parties(1, 1);
        String id = Api.issueOrder(parties, "allomegavideo.com");
        String inMandate = Api.registerOrganisation("aud", "AUDITOR");
        String expired = Api.registerOrganisation("aud", "AUDITOR");
        String notAppointed = Api.registerOrganisation("aud", "AUDITOR");
        Instant now = Instant.now();
        appoint(id, inMandate, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        appoint(id, expired, now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(30)));

        as(inMandate, "auditor").get("/api/v1/orders/" + id).then().statusCode(200);
        as(inMandate, "auditor").get("/api/v1/orders").then().body("items.id", hasItem(id));
        as(expired, "auditor").get("/api/v1/orders/" + id).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as(notAppointed, "auditor").get("/api/v1/orders/" + id).then().statusCode(404);
    }

    @Test
    void badOrdersNameEveryFieldAtFault() {
        Api.Parties parties = Api.parties(1, 1);
        String rightsHolderAsEngine = parties.claimant();
        Map<String, Object> body = new HashMap<>(Api.orderBody(parties, Api.domains("allostreaming.com")));
        body.put("addressees", List.of(Map.of("organisation", rightsHolderAsEngine, "notifiedOn", Api.SERVED.toString(),
                "costBearer", "CLAIMANTS")));
        body.put("complianceDays", -1);
        body.put("timezone", "Europe/Atlantis");
        body.put("duration", "one year");
        body.put("territory", List.of("XX"));
        body.remove("court");

        long before = Rows.count(db, "select count(*) from court_order");
        operator().body(body).post("/api/v1/orders")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", containsInAnyOrder("court", "addressees[0].organisation", "complianceDays",
                        "timezone", "duration", "territory[0]"))
                .body("errors.find { it.field == 'addressees[0].organisation' }.code", equalTo("WRONG_KIND"))
                .body("errors.find { it.field == 'timezone' }.code", equalTo("UNKNOWN_ZONE"))
                .body("errors.find { it.field == 'complianceDays' }.code", equalTo("OUT_OF_RANGE"));
        assertThat(Rows.count(db, "select count(*) from court_order")).isEqualTo(before);
    }

    @Test
    void unregisteredClaimantsAreRefused() {
        Api.Parties parties = Api.parties(1, 1);
        Map<String, Object> body = new HashMap<>(Api.orderBody(parties, Api.domains("allostreaming.com")));
        body.put("claimants", List.of(parties.claimant(), "nobody-registered"));
        operator().body(body).post("/api/v1/orders")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("claimants[1]"))
                .body("errors[0].code", equalTo("UNKNOWN_ORGANISATION"));
    }

    @Test
    void malformedJsonIsABadRequestProblemWithoutInternals() {
        String body = operator().contentType(ContentType.JSON).body("{\"reference\": \"x\", ")
                .post("/api/v1/orders")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_REQUEST"))
                .extract().asString();
        assertThat(body).doesNotContain("Exception", "jackson", "at [Source");
    }

    @Test
    void aWronglyTypedFieldIsABadRequestNotAServerError() {
        operator().body("{\"complianceDays\": \"fifteen\"}").post("/api/v1/orders")
                .then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
    }

    @Test
    void aCallerWithoutATokenIsUnauthorized() {
        anonymous().get("/api/v1/orders").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        anonymous().body("{}").post("/api/v1/orders").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
    }

    private void appoint(String orderId, String auditor, Instant from, Instant until) {
        Rows.execute(db, "insert into auditor_appointment (order_id, auditor_id, mandate_from, mandate_until, appointed_at)"
                        + " values (?, ?, ?, ?, ?)", orderId, auditor, Timestamp.from(from), Timestamp.from(until),
                Timestamp.from(Instant.now()));
    }
}
