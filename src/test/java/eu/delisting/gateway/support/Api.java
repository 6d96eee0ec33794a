package eu.delisting.gateway.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** REST Assured entry points per caller, and fixtures built through the public API. */
public final class Api {

    /**
     * The fixture order's dates follow the clock, so the suite means the same on any day: decided
     * 60 days ago and served 10 days ago, its one-year measure runs for months yet.
     */
    public static final LocalDate DECIDED = LocalDate.now(ZoneId.of("Europe/Paris")).minusDays(60);
    public static final LocalDate SERVED = LocalDate.now(ZoneId.of("Europe/Paris")).minusDays(10);

    static {
        ContractValidation.install();
    }

    private Api() {
    }

    public static RequestSpecification as(String organisation, String role) {
        return RestAssured.given().config(Connections.KEPT_ALIVE).auth().oauth2(Tokens.of(organisation, role))
                .contentType(ContentType.JSON);
    }

    public static RequestSpecification operator() {
        return as("operator", "operator");
    }

    public static RequestSpecification anonymous() {
        return RestAssured.given().config(Connections.KEPT_ALIVE).contentType(ContentType.JSON);
    }

    /** A fresh slug, so that tests sharing one database never collide. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String registerOrganisation(String prefix, String kind) {
        String id = unique(prefix);
        operator().body(Map.of("id", id, "name", prefix + " " + id, "kind", kind))
                .post("/api/v1/organisations").then().statusCode(201);
        return id;
    }

    /** The parties of one test order, each a freshly registered organisation. */
    public record Parties(List<String> claimants, List<String> engines) {
        public String claimant() {
            return claimants.get(0);
        }

        public String engine() {
            return engines.get(0);
        }
    }

    public static Parties parties(int claimants, int engines) {
        List<String> c = java.util.stream.IntStream.range(0, claimants)
                .mapToObj(i -> registerOrganisation("rh", "RIGHTS_HOLDER")).toList();
        List<String> e = java.util.stream.IntStream.range(0, engines)
                .mapToObj(i -> registerOrganisation("se", "SEARCH_ENGINE")).toList();
        return new Parties(c, e);
    }

    public static Map<String, Object> orderBody(Parties parties, List<Map<String, Object>> scope) {
        return Map.ofEntries(
                Map.entry("reference", "Test order " + UUID.randomUUID()),
                Map.entry("court", "Tribunal judiciaire de Paris"),
                Map.entry("caseNumber", "RG 26/00001"),
                Map.entry("decisionDate", DECIDED.toString()),
                Map.entry("legalBasis", "Article L.336-2 CPI"),
                Map.entry("final", true),
                Map.entry("claimants", parties.claimants()),
                Map.entry("addressees", parties.engines().stream()
                        .map(e -> Map.of("organisation", e, "notifiedOn", SERVED.toString(), "costBearer", "CLAIMANTS"))
                        .toList()),
                Map.entry("scope", scope),
                Map.entry("territory", List.of("FR")),
                Map.entry("complianceDays", 15),
                Map.entry("duration", "P1Y"),
                Map.entry("timezone", "Europe/Paris"));
    }

    public static List<Map<String, Object>> domains(String... domains) {
        return java.util.Arrays.stream(domains).map(d -> Map.<String, Object>of("kind", "DOMAIN", "value", d)).toList();
    }

    /** Files an order from a full body as the operator and returns its id. */
    public static String issueOrder(Map<String, Object> body) {
        return operator().body(body).post("/api/v1/orders").then().statusCode(201).extract().path("id");
    }

    /** Files URLs under an order as a claimant and returns the 201 body's request id. */
    public static String file(String claimant, String orderId, String... urls) {
        return as(claimant, "rights-holder").body(Map.of("urls", List.of(urls)))
                .post("/api/v1/orders/" + orderId + "/requests").then().statusCode(201).extract().path("id");
    }

    /** Files an order as the operator and returns its id. */
    public static String issueOrder(Parties parties, String... domains) {
        return operator().body(orderBody(parties, domains(domains)))
                .post("/api/v1/orders").then().statusCode(201).extract().path("id");
    }
}
