package eu.delisting.gateway.orders;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static eu.delisting.gateway.support.Api.as;
import static eu.delisting.gateway.support.Api.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class AmendmentTest {

    @Inject
    AgroalDataSource db;

    private static Response amend(String order, Map<String, Object> body) {
        return operator().body(body).post("/api/v1/orders/" + order + "/amendments");
    }

    @Test
    void suspensionCancelsOpenNoticesTellsEnginesToRelistAndRefusesFilings() {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, "https://allostreaming.com/a", "https://allostreaming.com/b");

        amend(order, Map.of("type", "SUSPEND", "decisionReference", "Ordonnance de sursis n° 1"))
                .then().statusCode(201)
                .body("status", equalTo("SUSPENDED"))
                .body("version", equalTo(2))
                .body("versions", hasSize(2))
                .body("versions[0].order.status", equalTo("ACTIVE"))
                .body("versions[1].change", equalTo("SUSPEND"));
        assertThat(Rows.count(db, "select count(*) from notice where order_id = ? and status = 'CANCELLED'", order))
                .isEqualTo(4);
        as(parties.engines().get(0), "search-engine").get("/api/v1/events?limit=1000").then()
                .body("items.findAll { it.orderId == '" + order + "' }.type", hasItem("RELIST_PERMITTED"))
                .body("items.findAll { it.orderId == '" + order + "' }.type", hasItem("ORDER_AMENDED"));
        as(parties.claimant(), "rights-holder").get("/api/v1/events?limit=1000").then()
                .body("items.findAll { it.orderId == '" + order + "' }.type", hasItem("ORDER_AMENDED"));
        as(parties.claimant(), "rights-holder").body(Map.of("urls", List.of("https://allostreaming.com/c")))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(422).body("code", equalTo("ORDER_SUSPENDED"));

        amend(order, Map.of("type", "SUSPEND", "decisionReference", "again")).then().statusCode(409)
                .body("code", equalTo("ORDER_STATE_CONFLICT"));
        amend(order, Map.of("type", "RESUME", "decisionReference", "Arrêt de la cour d'appel")).then().statusCode(201)
                .body("status", equalTo("ACTIVE"));
        // Cancelled notices stay cancelled; filing the URL again issues new ones.
        as(parties.claimant(), "rights-holder").body(Map.of("urls", List.of("https://allostreaming.com/a")))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(201).body("noticesCreated", equalTo(2));
    }

    @Test
    void anAppealChangesTheCostBearerFromItsEffectiveInstantOnly() {
        Api.Parties parties = Api.parties(1, 3);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String effective = Api.SERVED.plusDays(1).atStartOfDay(ZoneId.of("UTC")).toInstant().toString();
        amend(order, Map.of("type", "SET_COST_BEARER", "effectiveAt", effective,
                "decisionReference", "CA Paris 2016: costs to the intermediaries except two",
                "addressees", List.of(Map.of("organisation", parties.engines().get(0), "costBearer", "ADDRESSEE"))))
                .then().statusCode(201)
                .body("addressees.find { it.organisation == '" + parties.engines().get(0) + "' }.costBearer",
                        equalTo("ADDRESSEE"))
                .body("addressees.find { it.organisation == '" + parties.engines().get(1) + "' }.costBearer",
                        equalTo("CLAIMANTS"))
                .body("versions[1].effectiveAt", equalTo(effective))
                .body("versions[0].order.addressees.find { it.organisation == '" + parties.engines().get(0)
                        + "' }.costBearer", equalTo("CLAIMANTS"))
                .body("versions[1].order.addressees.find { it.organisation == '" + parties.engines().get(0)
                        + "' }.costBearer", equalTo("ADDRESSEE"));
        amend(order, Map.of("type", "SET_COST_BEARER", "decisionReference", "x",
                "addressees", List.of(Map.of("organisation", parties.claimant(), "costBearer", "ADDRESSEE"))))
                .then().statusCode(422).body("errors[0].code", equalTo("NOT_ADDRESSEE"));
        amend(order, Map.of("type", "SUSPEND", "decisionReference", "x", "effectiveAt", "2099-01-01T00:00:00Z"))
                .then().statusCode(422).body("errors[0].code", equalTo("IN_THE_FUTURE"));
        as(parties.claimant(), "rights-holder").body(Map.of("type", "LIFT", "decisionReference", "x"))
                .post("/api/v1/orders/" + order + "/amendments").then().statusCode(403);
    }

    @Test
    void servingAnAddresseeStartsTheDeadlinesOfItsWaitingNotices() {
        Api.Parties parties = Api.parties(1, 1);
        Map<String, Object> body = new HashMap<>(Api.orderBody(parties, Api.domains("allostreaming.com")));
        Map<String, Object> unserved = new HashMap<>();
        unserved.put("organisation", parties.engine());
        unserved.put("costBearer", "CLAIMANTS");
        body.put("addressees", List.of(unserved));
        String order = Api.issueOrder(body);
        Api.file(parties.claimant(), order, "https://allostreaming.com/waiting");
        as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order).then()
                .body("items.status", everyItem(equalTo("PENDING_NOTIFICATION")));

        String served = LocalDate.now(ZoneId.of("Europe/Paris")).toString();
        amend(order, Map.of("type", "SET_NOTIFICATION_DATE", "decisionReference", "Signification du 2026-11-23",
                "addressees", List.of(Map.of("organisation", parties.engine(), "notifiedOn", served))))
                .then().statusCode(201)
                .body("addressees[0].notifiedOn", equalTo(served));
        Map<String, Object> notice = as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order)
                .path("items[0]");
        assertThat(notice.get("status")).isEqualTo("PENDING");
        Instant created = Instant.parse((String) notice.get("createdAt"));
        assertThat(Instant.parse((String) notice.get("dueAt"))).isEqualTo(
                Deadlines.dueAt(LocalDate.parse(served), created, 15, ZoneId.of("Europe/Paris")));
    }

    @Test
    void liftingEndsTheOrderForGood() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, "https://allostreaming.com/lifted");
        amend(order, Map.of("type", "LIFT", "decisionReference", "Mainlevée")).then().statusCode(201)
                .body("status", equalTo("LIFTED"));
        amend(order, Map.of("type", "RESUME", "decisionReference", "x")).then().statusCode(409);
        as(parties.claimant(), "rights-holder").body(Map.of("urls", List.of("https://allostreaming.com/x")))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(422).body("code", equalTo("ORDER_EXPIRED"));
        as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order).then()
                .body("items.status", everyItem(equalTo("CANCELLED")));
    }
}
