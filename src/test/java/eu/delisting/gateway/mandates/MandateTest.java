package eu.delisting.gateway.mandates;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static eu.delisting.gateway.support.Api.as;
import static eu.delisting.gateway.support.Api.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/** Agents filing for rights holders under mandates: who may file for whom, what they read, and revocation. */
@QuarkusTest
class MandateTest {

    @Inject
    AgroalDataSource db;

    private static String grant(String agent, String principal, List<String> orders, Instant from, Instant until) {
        Map<String, Object> body = new HashMap<>(Map.of("agent", agent, "principal", principal));
        if (orders != null) {
            body.put("orders", orders);
        }
        if (from != null) {
            body.put("from", from.toString());
        }
        if (until != null) {
            body.put("until", until.toString());
        }
        return operator().body(body).post("/api/v1/mandates").then().statusCode(201).extract().path("id");
    }

    private static Response fileAsAgent(String agent, String order, String principal, String url) {
        Map<String, Object> body = new HashMap<>(Map.of("urls", List.of(url)));
        if (principal != null) {
            body.put("onBehalfOf", principal);
        }
        return as(agent, "agent").body(body).post("/api/v1/orders/" + order + "/requests");
    }

    private static String url() {
        return "https://allostreaming.com/film/" + UUID.randomUUID();
    }

    @Test
    void anAgentFilesForItsPrincipalWhoIsTheClaimantAndTheAuditEntryNamesBoth() {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String agent = Api.registerOrganisation("alpa", "AGENT");
        grant(agent, parties.claimant(), null, null, null);

        Response filed = fileAsAgent(agent, order, parties.claimant(), url());
        filed.then().statusCode(201)
                .body("claimant", equalTo(parties.claimant()))
                .body("filedBy", equalTo(agent))
                .body("noticesCreated", equalTo(2));
        String request = filed.path("id");

        assertThat(Rows.count(db, "select count(*) from delisting_request where id = ? and claimant_id = ?"
                + " and filed_by_organisation = ?", request, parties.claimant(), agent)).isEqualTo(1);
        assertThat(Rows.count(db, "select count(*) from notice where request_id = ? and claimant_id = ?",
                request, parties.claimant())).isEqualTo(2);
        assertThat(Rows.count(db, "select count(*) from audit_event where action = 'REQUEST_FILED' and record_id = ?"
                + " and organisation_id = ? and detail like ?", request, agent,
                "%\"onBehalfOf\":\"" + parties.claimant() + "\"%")).isEqualTo(1);
        // The engine sees the principal as the claimant of its notice.
        as(parties.engines().get(0), "search-engine").queryParam("orderId", order).get("/api/v1/notices")
                .then().statusCode(200).body("items.claimant", everyItem(equalTo(parties.claimant())));
        // The principal reads the request filed for it, and sees who filed it.
        as(parties.claimant(), "rights-holder").get("/api/v1/requests/" + request).then().statusCode(200)
                .body("filedBy", equalTo(agent));
    }

    @Test
    void withoutAMandateInForceForThatPrincipalAndOrderTheAgentIsNotAParty() {
        Api.Parties parties = Api.parties(2, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String otherOrder = Api.issueOrder(parties, "allostreaming.com");
        String unrelated = Api.issueOrder(Api.parties(1, 1), "allostreaming.com");
        String agent = Api.registerOrganisation("alpa", "AGENT");
        String principal = parties.claimants().get(0);
        String notPrincipal = parties.claimants().get(1);
        grant(agent, principal, List.of(order), null, null);

        fileAsAgent(agent, order, notPrincipal, url()).then().statusCode(403).body("code", equalTo("NOT_A_PARTY"));
        fileAsAgent(agent, otherOrder, principal, url()).then().statusCode(403).body("code", equalTo("NOT_A_PARTY"));
        fileAsAgent(agent, unrelated, principal, url()).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        fileAsAgent(agent, UUID.randomUUID().toString(), principal, url()).then().statusCode(404);
        fileAsAgent(agent, order, null, url()).then().statusCode(422)
                .body("errors[0].field", equalTo("onBehalfOf")).body("errors[0].code", equalTo("REQUIRED"));

        String expired = Api.registerOrganisation("alpa", "AGENT");
        Rows.execute(db, "insert into mandate (id, agent_id, principal_id, all_orders, valid_from, valid_until,"
                        + " granted_at, granted_by) values (?, ?, ?, true, ?, ?, ?, 'operator')", UUID.randomUUID().toString(),
                expired, principal, java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(30))),
                java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(1))),
                java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(30))));
        fileAsAgent(expired, order, principal, url()).then().statusCode(403).body("code", equalTo("NOT_A_PARTY"));
        String future = Api.registerOrganisation("alpa", "AGENT");
        grant(future, principal, null, Instant.now().plus(Duration.ofDays(2)), null);
        fileAsAgent(future, order, principal, url()).then().statusCode(403).body("code", equalTo("NOT_A_PARTY"));

        // A rights holder files for itself only.
        as(notPrincipal, "rights-holder").body(Map.of("urls", List.of(url()), "onBehalfOf", principal))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(403).body("code", equalTo("NOT_A_PARTY"));
        assertThat(Rows.count(db, "select count(*) from delisting_request where order_id in (?, ?, ?)",
                order, otherOrder, unrelated)).isZero();
    }

    @Test
    void anAgentReadsItsPrincipalsRequestsAndNoticesOnTheCoveredOrdersAndNothingElse() {
        Api.Parties parties = Api.parties(2, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String agent = Api.registerOrganisation("alpa", "AGENT");
        String principal = parties.claimants().get(0);
        String other = parties.claimants().get(1);
        grant(agent, principal, List.of(order), null, null);
        String byAgent = fileAsAgent(agent, order, principal, url()).then().statusCode(201).extract().path("id");
        String byPrincipal = Api.file(principal, order, url());
        String byOther = Api.file(other, order, url());

        as(agent, "agent").get("/api/v1/orders/" + order + "/requests").then().statusCode(200)
                .body("items.id", contains(byAgent, byPrincipal));
        as(agent, "agent").get("/api/v1/requests/" + byPrincipal).then().statusCode(200);
        as(agent, "agent").get("/api/v1/requests/" + byOther).then().statusCode(404);
        as(agent, "agent").queryParam("orderId", order).get("/api/v1/notices").then().statusCode(200)
                .body("items", hasSize(2)).body("items.claimant", everyItem(equalTo(principal)));
        as(agent, "agent").get("/api/v1/orders").then().statusCode(200).body("items.id", contains(order));
        as(agent, "agent").get("/api/v1/orders/" + order).then().statusCode(200);
        as(agent, "agent").get("/api/v1/orders/" + order + "/compliance").then().statusCode(403);
    }

    @Test
    void revokingAMandateIsAuditedAndRefusesTheNextFilingAtOnce() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String agent = Api.registerOrganisation("alpa", "AGENT");
        String mandate = as(parties.claimant(), "rights-holder").body(Map.of("agent", agent))
                .post("/api/v1/mandates").then().statusCode(201)
                .body("principal", equalTo(parties.claimant())).body("allOrders", equalTo(true))
                .body("inForce", equalTo(true)).extract().path("id");
        fileAsAgent(agent, order, parties.claimant(), url()).then().statusCode(201);

        as(agent, "agent").body(Map.of("reason", "I resign")).post("/api/v1/mandates/" + mandate + "/revocation")
                .then().statusCode(403);
        as(parties.claimant(), "rights-holder").body(Map.of("reason", "End of the agreement"))
                .post("/api/v1/mandates/" + mandate + "/revocation").then().statusCode(200)
                .body("inForce", equalTo(false)).body("revokedBy", equalTo(parties.claimant()))
                .body("revocationReason", equalTo("End of the agreement"));
        fileAsAgent(agent, order, parties.claimant(), url()).then().statusCode(403).body("code", equalTo("NOT_A_PARTY"));
        as(parties.claimant(), "rights-holder").body(Map.of("reason", "Again"))
                .post("/api/v1/mandates/" + mandate + "/revocation").then().statusCode(409);
        as(agent, "agent").get("/api/v1/mandates/" + mandate).then().statusCode(200).body("inForce", equalTo(false));
        // The agent still learns the order exists (it held a mandate on it) but reads nothing more of it.
        as(agent, "agent").get("/api/v1/orders/" + order).then().statusCode(403);
        as(agent, "agent").get("/api/v1/orders").then().statusCode(200).body("items.id", not(hasItem(order)));

        assertThat(Rows.count(db, "select count(*) from audit_event where record_id = ? and action = 'MANDATE_GRANTED'"
                + " and organisation_id = ?", mandate, parties.claimant())).isEqualTo(1);
        assertThat(Rows.count(db, "select count(*) from audit_event where record_id = ? and action = 'MANDATE_REVOKED'",
                mandate)).isEqualTo(1);
        assertThat(Rows.count(db, "select count(*) from mandate where id = ? and revoked_at is not null"
                + " and revoked_by = ?", mandate, parties.claimant())).isEqualTo(1);
    }

    /** Filings racing a revocation: none that succeeds committed after the revocation did. */
    @Test
    void noFilingIsAdmittedAfterTheRevocationCommits() throws Exception {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String agent = Api.registerOrganisation("alpa", "AGENT");
        String mandate = grant(agent, parties.claimant(), null, null, null);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> filings = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                filings.add(pool.submit(() -> fileAsAgent(agent, order, parties.claimant(), url()).statusCode()));
                if (i == 8) {
                    filings.add(pool.submit(() -> {
                        operator().body(Map.of("reason", "Suspected abuse")).post("/api/v1/mandates/" + mandate + "/revocation")
                                .then().statusCode(200);
                        return 0;
                    }));
                }
            }
            for (Future<Integer> f : filings) {
                assertThat(f.get()).isIn(0, 201, 403);
            }
        } finally {
            pool.shutdownNow();
        }
        // The audit log is appended in commit order: no filing under the mandate may follow its revocation.
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from audit_event f join audit_event r on r.record_id = ? and r.action = 'MANDATE_REVOKED'"
                        + " where f.action = 'REQUEST_FILED' and f.order_id = ? and f.seq > r.seq")) {
            s.setString(1, mandate);
            s.setString(2, order);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("filings recorded after the revocation").isZero();
            }
        }
        assertThat(Rows.count(db, "select count(*) from delisting_request r join mandate m on m.id = ?"
                + " where r.order_id = ? and r.filed_at >= m.revoked_at", mandate, order)).isZero();
        fileAsAgent(agent, order, parties.claimant(), url()).then().statusCode(403);
    }

    @Test
    void aMandateIsGrantedByThePrincipalOrTheOperatorToAnAgentOnOrdersThePrincipalClaims() {
        Api.Parties parties = Api.parties(2, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String foreignOrder = Api.issueOrder(Api.parties(1, 1), "allostreaming.com");
        String agent = Api.registerOrganisation("alpa", "AGENT");
        String principal = parties.claimants().get(0);

        as(principal, "rights-holder").body(Map.of("agent", agent, "principal", parties.claimants().get(1)))
                .post("/api/v1/mandates").then().statusCode(403);
        as(principal, "rights-holder").body(Map.of("agent", parties.claimants().get(1)))
                .post("/api/v1/mandates").then().statusCode(422)
                .body("errors[0].field", equalTo("agent")).body("errors[0].code", equalTo("WRONG_KIND"));
        as(principal, "rights-holder").body(Map.of("agent", agent, "orders", List.of(order, foreignOrder, "nope")))
                .post("/api/v1/mandates").then().statusCode(422)
                .body("errors.field", contains("orders[1]", "orders[2]"))
                .body("errors.code", everyItem(equalTo("NOT_A_PARTY")));
        operator().body(Map.of("agent", agent)).post("/api/v1/mandates").then().statusCode(422)
                .body("errors[0].field", equalTo("principal"));
        as(principal, "rights-holder").body(Map.of("agent", agent, "until", "2020-01-01T00:00:00Z"))
                .post("/api/v1/mandates").then().statusCode(422).body("errors[0].field", equalTo("until"));
        as(agent, "agent").body(Map.of("agent", agent)).post("/api/v1/mandates").then().statusCode(403);
        assertThat(Rows.count(db, "select count(*) from mandate where agent_id = ?", agent)).isZero();

        String granted = as(principal, "rights-holder").body(Map.of("agent", agent, "orders", List.of(order)))
                .post("/api/v1/mandates").then().statusCode(201)
                .header("Location", equalTo("/api/v1/mandates/" + as(principal, "rights-holder").get("/api/v1/mandates")
                        .path("items[0].id")))
                .body("orders", contains(order)).extract().path("id");
        as(agent, "agent").get("/api/v1/mandates").then().statusCode(200).body("items.id", contains(granted));
        as(parties.claimants().get(1), "rights-holder").get("/api/v1/mandates/" + granted).then().statusCode(404);
        as(parties.engine(), "search-engine").get("/api/v1/mandates").then().statusCode(403);
    }
}
