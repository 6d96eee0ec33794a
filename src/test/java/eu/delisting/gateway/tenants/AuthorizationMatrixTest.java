package eu.delisting.gateway.tenants;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint x every role x own versus foreign record, with the expected status of each cell
 * written down as data. An endpoint that exists without rows here, or rows for an endpoint that
 * does not exist, fails {@link #everyEndpointHasRowsForEveryCaller}.
 */
@QuarkusTest
public class AuthorizationMatrixTest {

    public enum Who { OPERATOR, AUTHORITY, RIGHTS_HOLDER, SEARCH_ENGINE, AUDITOR, AGENT, ANONYMOUS }

    enum Whose { OWN, FOREIGN }

    /** The expected status per caller, for the caller's own record and for another tenant's. */
    public record Row(String endpoint, Map<Who, int[]> expected) {
    }

    private static Row row(String endpoint, int op, int authority, int rh, int se, int auditor, int agent, int anonymous) {
        return row(endpoint, op, op, authority, authority, rh, rh, se, se, auditor, auditor, agent, agent, anonymous);
    }

    /** Pairs of (own, foreign) per caller; anonymous is the same for both. */
    private static Row row(String endpoint, int opOwn, int opForeign, int auOwn, int auForeign, int rhOwn,
                           int rhForeign, int seOwn, int seForeign, int audOwn, int audForeign, int agOwn,
                           int agForeign, int anonymous) {
        Map<Who, int[]> expected = new LinkedHashMap<>();
        expected.put(Who.OPERATOR, new int[]{opOwn, opForeign});
        expected.put(Who.AUTHORITY, new int[]{auOwn, auForeign});
        expected.put(Who.RIGHTS_HOLDER, new int[]{rhOwn, rhForeign});
        expected.put(Who.SEARCH_ENGINE, new int[]{seOwn, seForeign});
        expected.put(Who.AUDITOR, new int[]{audOwn, audForeign});
        expected.put(Who.AGENT, new int[]{agOwn, agForeign});
        expected.put(Who.ANONYMOUS, new int[]{anonymous, anonymous});
        return new Row(endpoint, expected);
    }

    //                                                           operator  authority rights-h. engine    auditor   agent     anon
    //                                                           own  frgn own frgn own frgn own frgn own  frgn own  frgn
    public static final List<Row> MATRIX = List.of(
            row("GET /api/v1/me",                                  200, 200, 200, 200, 200, 200, 401),
            row("GET /api/v1/organisations",                       200, 403, 403, 403, 403, 403, 401),
            row("POST /api/v1/organisations",                      201, 403, 403, 403, 403, 403, 401),
            row("GET /api/v1/orders",                              200, 200, 200, 200, 200, 200, 401),
            row("POST /api/v1/orders",                             201, 403, 403, 403, 403, 403, 401),
            row("GET /api/v1/orders/{orderId}",                    200, 200, 404, 404, 200, 404, 200, 404, 200, 404, 200, 404, 401),
            row("POST /api/v1/orders/{orderId}/scope-check",       200, 200, 404, 404, 200, 404, 200, 404, 200, 404, 200, 404, 401),
            row("GET /api/v1/orders/{orderId}/requests",           200, 200, 404, 404, 200, 404, 403, 404, 200, 404, 200, 404, 401),
            row("POST /api/v1/orders/{orderId}/requests",          403, 403, 403, 403, 201, 404, 403, 403, 403, 403, 201, 404, 401),
            row("GET /api/v1/requests/{requestId}",                200, 200, 404, 404, 200, 404, 404, 404, 200, 404, 200, 404, 401),
            row("GET /api/v1/notices",                             200, 403, 200, 200, 200, 200, 401),
            row("GET /api/v1/notices/{noticeId}",                  200, 200, 404, 404, 200, 404, 200, 404, 200, 404, 200, 404, 401),
            row("GET /api/v1/notices/{noticeId}/acknowledgements", 200, 200, 404, 404, 200, 404, 200, 404, 200, 404, 200, 404, 401),
            row("POST /api/v1/notices/{noticeId}/acknowledgements",403, 403, 403, 403, 403, 403, 201, 404, 403, 403, 403, 403, 401),
            // A batch answers for each item: a foreign notice is a NOT_FOUND item in a 422.
            row("POST /api/v1/acknowledgements",                   403, 403, 403, 403, 403, 403, 201, 422, 403, 403, 403, 403, 401),
            row("POST /api/v1/orders/{orderId}/auditors",          201, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401),
            row("GET /api/v1/orders/{orderId}/compliance",         200, 200, 404, 404, 403, 404, 403, 404, 200, 404, 403, 404, 401),
            // The audit log is read per order: the matrix passes the own or foreign order as orderId.
            row("GET /api/v1/audit/events",                        200, 200, 403, 403, 403, 403, 403, 403, 200, 404, 403, 403, 401),
            row("GET /api/v1/audit/verification",                  200, 403, 403, 403, 200, 403, 401),
            row("GET /api/v1/audit/checkpoint",                    200, 403, 403, 403, 200, 403, 401),
            row("GET /api/v1/audit/checkpoint-key",                200, 403, 403, 403, 200, 403, 401),
            row("GET /api/v1/events",                              200, 200, 200, 200, 200, 200, 401),
            row("GET /api/v1/orders/{orderId}/mirrors",            200, 200, 200, 200, 200, 404, 200, 404, 200, 404, 200, 404, 401),
            row("POST /api/v1/orders/{orderId}/mirrors",           403, 403, 403, 403, 201, 404, 403, 403, 403, 403, 403, 403, 401),
            row("POST /api/v1/orders/{orderId}/mirrors/{mirrorId}/decision",
                                                                   403, 403, 201, 201, 403, 403, 403, 403, 403, 403, 403, 403, 401),
            row("POST /api/v1/orders/{orderId}/amendments",        201, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401),
            row("POST /api/v1/orders/{orderId}/imports",           403, 403, 403, 403, 202, 404, 403, 403, 403, 403, 202, 404, 401),
            row("GET /api/v1/imports/{importId}",                  200, 200, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404, 401),
            row("GET /api/v1/imports/{importId}/result",           200, 200, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404, 401),
            row("GET /api/v1/webhooks",                            200, 403, 200, 200, 403, 403, 401),
            row("POST /api/v1/webhooks",                           403, 403, 201, 201, 403, 403, 401),
            // The worlds' webhooks belong to their engines.
            row("GET /api/v1/webhooks/{webhookId}",                200, 200, 403, 403, 404, 404, 200, 404, 403, 403, 403, 403, 401),
            row("POST /api/v1/webhooks/{webhookId}/secret-rotation",
                                                                   403, 403, 403, 403, 404, 404, 200, 404, 403, 403, 403, 403, 401),
            row("POST /api/v1/webhooks/{webhookId}/replay",        403, 403, 403, 403, 404, 404, 200, 404, 403, 403, 403, 403, 401),
            row("GET /api/v1/webhooks/{webhookId}/deliveries",     200, 200, 403, 403, 404, 404, 200, 404, 403, 403, 403, 403, 401),
            row("GET /api/v1/mandates",                            200, 403, 200, 403, 403, 200, 401),
            row("POST /api/v1/mandates",                           201, 403, 201, 403, 403, 403, 401),
            row("GET /api/v1/mandates/{mandateId}",                200, 200, 403, 403, 200, 404, 403, 403, 403, 403, 200, 404, 401),
            // A fresh mandate of the target world each time, so that the worlds' own mandates stay in force.
            row("POST /api/v1/mandates/{mandateId}/revocation",    200, 200, 403, 403, 200, 404, 403, 403, 403, 403, 403, 403, 401));

    @Inject
    AgroalDataSource db;

    /** One tenant's world: an order, a request under it, a notice of that request, an agent for its claimant. */
    record World(String claimant, String engine, String auditor, String order, String request, String notice,
                 String mirror, String agent, String mandate, String importId, String webhook) {
    }

    private static String mandate(String agent, String principal) {
        return Api.operator().body(Map.of("agent", agent, "principal", principal)).post("/api/v1/mandates")
                .then().statusCode(201).extract().path("id");
    }

    private World world(String authorityOrg) {
        Api.Parties parties = Api.parties(1, 1);
        String auditor = Api.registerOrganisation("aud", "AUDITOR");
        String order = Api.issueOrder(parties, "allostreaming.com");
        Instant now = Instant.now();
        Rows.execute(db, "insert into auditor_appointment (order_id, auditor_id, mandate_from, mandate_until,"
                        + " appointed_at) values (?, ?, ?, ?, ?)", order, auditor, Timestamp.from(now.minus(Duration.ofDays(1))),
                Timestamp.from(now.plus(Duration.ofDays(365))), Timestamp.from(now));
        String request = Api.file(parties.claimant(), order, "https://allostreaming.com/matrix");
        String notice = Api.as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order)
                .then().statusCode(200).extract().path("items[0].id");
        String mirror = Api.as(parties.claimant(), "rights-holder").body(Map.of("domain",
                        "mirror-" + UUID.randomUUID().toString().substring(0, 8) + ".net", "evidence", "Same catalogue"))
                .post("/api/v1/orders/" + order + "/mirrors").then().statusCode(201).extract().path("id");
        String agent = Api.registerOrganisation("agent", "AGENT");
        String importId = Api.as(parties.claimant(), "rights-holder").contentType("text/csv")
                .body("https://allostreaming.com/matrix-import\n").post("/api/v1/orders/" + order + "/imports")
                .then().statusCode(202).extract().path("id");
        String webhook = Api.as(parties.engine(), "search-engine").body(Map.of("url", "http://127.0.0.1:9/matrix",
                        "eventTypes", List.of("ORDER_AMENDED"))).post("/api/v1/webhooks")
                .then().statusCode(201).extract().path("id");
        return new World(parties.claimant(), parties.engine(), auditor, order, request, notice, mirror, agent,
                mandate(agent, parties.claimant()), importId, webhook);
    }

    @TestFactory
    Stream<DynamicTest> everyCellAnswersAsWritten() {
        String authority = Api.registerOrganisation("authority", "AUTHORITY");
        World own = world(authority);
        World foreign = world(authority);
        List<DynamicTest> cells = new ArrayList<>();
        for (Row row : MATRIX) {
            for (Map.Entry<Who, int[]> entry : row.expected().entrySet()) {
                for (Whose whose : Whose.values()) {
                    Who who = entry.getKey();
                    int expected = entry.getValue()[whose.ordinal()];
                    World target = whose == Whose.OWN ? own : foreign;
                    cells.add(DynamicTest.dynamicTest(row.endpoint() + " as " + who + " on " + whose + " record -> " + expected,
                            () -> assertThat(call(row.endpoint(), who, caller(who, own, authority), target, own).statusCode())
                                    .as(row.endpoint() + " as " + who + " on " + whose + " record")
                                    .isEqualTo(expected)));
                }
            }
        }
        System.out.println("Authorization matrix: " + MATRIX.size() + " endpoints x " + Who.values().length
                + " callers x " + Whose.values().length + " records = " + cells.size() + " cells");
        return cells.stream();
    }

    private static RequestSpecification caller(Who who, World own, String authority) {
        return switch (who) {
            case OPERATOR -> Api.operator();
            case AUTHORITY -> Api.as(authority, "authority");
            case RIGHTS_HOLDER -> Api.as(own.claimant(), "rights-holder");
            case SEARCH_ENGINE -> Api.as(own.engine(), "search-engine");
            case AUDITOR -> Api.as(own.auditor(), "auditor");
            case AGENT -> Api.as(own.agent(), "agent");
            case ANONYMOUS -> RestAssured.given().contentType(ContentType.JSON);
        };
    }

    private static io.restassured.response.Response call(String endpoint, Who who, RequestSpecification spec,
                                                         World target, World own) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1)
                .replace("{orderId}", target.order())
                .replace("{requestId}", target.request())
                .replace("{noticeId}", target.notice())
                .replace("{mirrorId}", target.mirror())
                .replace("{importId}", target.importId())
                .replace("{webhookId}", target.webhook())
                .replace("{mandateId}", endpoint.endsWith("/revocation")
                        ? mandate(Api.registerOrganisation("agent", "AGENT"), target.claimant()) : target.mandate());
        if (endpoint.equals("GET /api/v1/audit/events")) {
            path += "?orderId=" + target.order();
        }
        Object body = switch (endpoint) {
            case "POST /api/v1/organisations" -> Map.of("id", Api.unique("m"), "name", "Matrix", "kind", "RIGHTS_HOLDER");
            case "POST /api/v1/orders" -> Api.orderBody(new Api.Parties(List.of(own.claimant()), List.of(own.engine())),
                    Api.domains("matrix-" + UUID.randomUUID().toString().substring(0, 8) + ".com"));
            case "POST /api/v1/orders/{orderId}/scope-check" -> Map.of("urls", List.of("https://allostreaming.com/x"));
            // An agent files for the principal of its own world's mandate.
            case "POST /api/v1/orders/{orderId}/requests" -> who == Who.AGENT
                    ? Map.of("urls", List.of("https://allostreaming.com/" + UUID.randomUUID()), "onBehalfOf", own.claimant())
                    : Map.of("urls", List.of("https://allostreaming.com/" + UUID.randomUUID()));
            case "POST /api/v1/mandates" -> Map.of("agent", own.agent(), "principal", own.claimant());
            case "POST /api/v1/mandates/{mandateId}/revocation" -> Map.of("reason", "Matrix");
            case "POST /api/v1/webhooks" -> Map.of("url", "http://127.0.0.1:9/matrix", "eventTypes", List.of("ORDER_AMENDED"));
            case "POST /api/v1/webhooks/{webhookId}/replay" -> Map.of();
            case "POST /api/v1/notices/{noticeId}/acknowledgements" -> Map.of("status", "RECEIVED",
                    "effectiveAt", Instant.now().toString());
            // A fresh auditor, so that the operator's appointment does not change the other rows' worlds.
            case "POST /api/v1/orders/{orderId}/auditors" -> Map.of("organisation",
                    Api.registerOrganisation("aud", "AUDITOR"),
                    "from", Instant.now().toString(), "until", Instant.now().plus(Duration.ofDays(30)).toString());
            case "POST /api/v1/orders/{orderId}/mirrors" -> Map.of("domain",
                    "mirror-" + UUID.randomUUID().toString().substring(0, 8) + ".org", "evidence", "Same player");
            // Rejected, so that the scope of the worlds stays as the other rows expect.
            case "POST /api/v1/orders/{orderId}/mirrors/{mirrorId}/decision" -> Map.of("decision", "REJECT",
                    "reasons", "Not shown to be a mirror");
            case "POST /api/v1/orders/{orderId}/amendments" -> Map.of("type", "SET_COST_BEARER",
                    "decisionReference", "CA Paris 2016", "addressees",
                    List.of(Map.of("organisation", target.engine(), "costBearer", "ADDRESSEE")));
            case "POST /api/v1/acknowledgements" -> Map.of("items", List.of(Map.of("noticeId", target.notice(),
                    "status", "RECEIVED", "effectiveAt", Instant.now().toString())));
            default -> null;
        };
        if (endpoint.equals("POST /api/v1/orders/{orderId}/imports")) {
            spec = spec.contentType("text/csv").body("https://allostreaming.com/" + UUID.randomUUID() + "\n");
            if (who == Who.AGENT) {
                path += "?onBehalfOf=" + own.claimant();
            }
        } else if (body != null) {
            spec = spec.body(body);
        }
        return method.equals("GET") ? spec.get(path) : spec.post(path);
    }

    @Test
    void everyEndpointHasRowsForEveryCaller() throws Exception {
        Set<String> implemented = implementedEndpoints();
        Set<String> covered = new TreeSet<>();
        for (Row row : MATRIX) {
            covered.add(row.endpoint());
            assertThat(row.expected().keySet()).as(row.endpoint()).containsExactlyInAnyOrder(Who.values());
        }
        assertThat(covered).as("endpoints in the matrix = endpoints the gateway implements")
                .containsExactlyInAnyOrderElementsOf(implemented);
    }

    static Set<String> implementedEndpoints() throws Exception {
        return eu.delisting.gateway.support.Endpoints.implemented();
    }
}
