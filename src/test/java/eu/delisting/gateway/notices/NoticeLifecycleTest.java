package eu.delisting.gateway.notices;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** The notice state machine as engines, amendments and the database see it. */
@QuarkusTest
class NoticeLifecycleTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aNoticeReceivedBeforeServiceGetsItsDeadlinesWhenTheEngineIsServed() {
        Api.Parties parties = Api.parties(1, 1);
        Map<String, Object> body = new HashMap<>(Api.orderBody(parties, Api.domains("allostreaming.com")));
        body.put("addressees", List.of(Map.of("organisation", parties.engine(), "costBearer", "CLAIMANTS")));
        String order = Api.issueOrder(body);
        Api.file(parties.claimant(), order, "https://allostreaming.com/early");
        String notice = as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order).path("items[0].id");
        as(parties.engine(), "search-engine").body(Map.of("status", "RECEIVED", "effectiveAt", Instant.now().toString()))
                .post("/api/v1/notices/" + notice + "/acknowledgements").then().statusCode(201)
                .body("status", equalTo("RECEIVED"));

        operator().body(Map.of("type", "SET_NOTIFICATION_DATE", "decisionReference", "Signification",
                        "addressees", List.of(Map.of("organisation", parties.engine(),
                                "notifiedOn", LocalDate.now(ZoneId.of("Europe/Paris")).toString()))))
                .post("/api/v1/orders/" + order + "/amendments").then().statusCode(201);

        as(parties.engine(), "search-engine").get("/api/v1/notices/" + notice).then().statusCode(200)
                .body("status", equalTo("RECEIVED"))
                .body("dueAt", notNullValue())
                .body("measureEndsAt", notNullValue());
    }

    @Test
    void aRejectedNoticeStaysClosedAndFilingTheUrlAgainOpensOneNewNotice() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, "https://allostreaming.com/r");
        String notice = as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order).path("items[0].id");
        as(parties.engine(), "search-engine").body(Map.of("status", "REJECTED", "effectiveAt", Instant.now().toString(),
                "reasonCode", "NOT_INDEXED")).post("/api/v1/notices/" + notice + "/acknowledgements").then().statusCode(201);
        as(parties.engine(), "search-engine").body(Map.of("status", "DELISTED", "effectiveAt", Instant.now().toString(),
                        "territories", List.of("FR")))
                .post("/api/v1/notices/" + notice + "/acknowledgements").then().statusCode(201)
                .body("status", equalTo("REJECTED"));
        assertThat(Rows.count(db, "select count(*) from acknowledgement where notice_id = ?", notice))
                .as("the later report is kept as evidence").isEqualTo(2);

        as(parties.claimant(), "rights-holder").body(Map.of("urls", List.of("https://allostreaming.com/r")))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(201).body("noticesCreated", equalTo(1));
        as(parties.claimant(), "rights-holder").body(Map.of("urls", List.of("https://allostreaming.com/r")))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(201).body("noticesCreated", equalTo(0));
        assertThat(Rows.count(db, "select count(*) from notice where order_id = ? and active_url_hash is not null", order))
                .isEqualTo(1);
    }

    @Test
    void theDatabaseRefusesUnknownStatusesAndPendingNoticesWithoutADeadline() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimant(), order, "https://allostreaming.com/db");
        assertThatThrownBy(() -> Rows.execute(db, "update notice set status = 'GONE' where order_id = ?", order))
                .hasMessageContaining("notice_status_known");
        assertThatThrownBy(() -> Rows.execute(db, "update notice set due_at = null where order_id = ?", order))
                .hasMessageContaining("notice_pending_has_deadline");
        Rows.execute(db, "update notice set status = 'EXPIRED' where order_id = ?", order);
        assertThat(Rows.count(db, "select count(*) from notice where order_id = ? and active_url_hash is null", order))
                .as("the hash follows the status, whoever writes it").isEqualTo(1);
    }

    @Test
    void aClaimantFilingAUrlAnotherClaimantFiledSeesNothingOfTheOthersNotice() {
        Api.Parties parties = Api.parties(2, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Api.file(parties.claimants().get(0), order, "https://allostreaming.com/shared");
        as(parties.claimants().get(1), "rights-holder").body(Map.of("urls", List.of("https://allostreaming.com/shared")))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(201)
                .body("noticesCreated", equalTo(0))
                .body("items[0].notices[0].created", equalTo(false))
                .body("items[0].notices[0].heldByAnotherClaimant", equalTo(true))
                .body("items[0].notices[0].noticeId", org.hamcrest.Matchers.nullValue())
                .body("items[0].notices[0].status", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aCoClaimantFollowsTheSharedDelistingFromItsOwnRequestWithoutSeeingTheOtherClaimant() {
        Api.Parties parties = Api.parties(2, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String first = parties.claimants().get(0);
        String second = parties.claimants().get(1);
        Api.file(first, order, "https://allostreaming.com/followed");
        String own = Api.file(second, order, "https://allostreaming.com/followed", "https://allostreaming.com/only-mine");
        String notice = as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order)
                .path("items.find { it.canonicalUrl.endsWith('/followed') }.id");
        as(parties.engine(), "search-engine").body(Map.of("status", "DELISTED",
                        "effectiveAt", java.time.Instant.now().toString(), "territories", List.of("FR")))
                .post("/api/v1/notices/" + notice + "/acknowledgements").then().statusCode(201);

        String body = as(second, "rights-holder").get("/api/v1/requests/" + own).then().statusCode(200)
                .body("notices.size()", equalTo(1))
                .body("notices[0].canonicalUrl", org.hamcrest.Matchers.endsWith("/only-mine"))
                .body("sharedNotices.size()", equalTo(1))
                .body("sharedNotices[0].index", equalTo(0))
                .body("sharedNotices[0].addressee", equalTo(parties.engine()))
                .body("sharedNotices[0].status", equalTo("DELISTED"))
                .extract().asString();
        assertThat(body).doesNotContain(first).doesNotContain(notice);
    }
}
