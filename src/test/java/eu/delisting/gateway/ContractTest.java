package eu.delisting.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Endpoints;
import eu.delisting.gateway.tenants.AuthorizationMatrixTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static eu.delisting.gateway.support.Api.as;
import static eu.delisting.gateway.support.Api.operator;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract in openapi/ and what the gateway implements must not drift apart: the same
 * endpoints on both sides, the contract served as written, every status the authorization matrix
 * observes documented, and live responses shaped as their documented schemas.
 */
@QuarkusTest
class ContractTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode contract() throws Exception {
        return YAML.readTree(new File("openapi/openapi.yaml"));
    }

    private static Set<String> documentedEndpoints(JsonNode contract) {
        Set<String> endpoints = new TreeSet<>();
        contract.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(verb -> {
            if (List.of("get", "post", "put", "delete", "patch").contains(verb)) {
                endpoints.add(verb.toUpperCase() + " " + path.getKey());
            }
        }));
        return endpoints;
    }

    @Test
    void theContractAndTheImplementationHaveTheSameEndpoints() throws Exception {
        assertThat(documentedEndpoints(contract())).containsExactlyInAnyOrderElementsOf(Endpoints.implemented());
    }

    @Test
    void theGatewayServesTheContractAsWritten() throws Exception {
        String served = RestAssured.given().accept("application/yaml").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        JsonNode servedTree = YAML.readTree(served);
        JsonNode written = contract();
        assertThat(servedTree.get("paths")).isEqualTo(written.get("paths"));
        assertThat(servedTree.get("components")).isEqualTo(written.get("components"));
        assertThat(servedTree.get("info").get("version")).isEqualTo(written.get("info").get("version"));
    }

    @Test
    void everyStatusTheMatrixObservesIsDocumented() throws Exception {
        JsonNode paths = contract().get("paths");
        List<String> missing = new ArrayList<>();
        for (AuthorizationMatrixTest.Row row : AuthorizationMatrixTest.MATRIX) {
            String verb = row.endpoint().substring(0, row.endpoint().indexOf(' ')).toLowerCase();
            String path = row.endpoint().substring(row.endpoint().indexOf(' ') + 1);
            JsonNode responses = paths.get(path).get(verb).get("responses");
            for (int[] statuses : row.expected().values()) {
                for (int status : statuses) {
                    if (!responses.has(String.valueOf(status))) {
                        missing.add(row.endpoint() + " " + status);
                    }
                }
            }
        }
        assertThat(missing).as("statuses the gateway answers but the contract does not document").isEmpty();
    }

    @Test
    void liveResponsesHaveTheDocumentedShape() throws Exception {
        JsonNode contract = contract();
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String auditor = Api.registerOrganisation("aud", "AUDITOR");
        operator().body(Map.of("organisation", auditor, "from", Instant.now().minusSeconds(60).toString(),
                "until", Instant.now().plusSeconds(86_400).toString())).post("/api/v1/orders/" + order + "/auditors");
        Response filed = as(parties.claimant(), "rights-holder")
                .body(Map.of("urls", List.of("https://allostreaming.com/contract"))).post("/api/v1/orders/" + order + "/requests");
        check(contract, "/api/v1/orders/{orderId}/requests", "post", "201", filed);
        String request = filed.path("id");
        String notice = as(parties.engine(), "search-engine").get("/api/v1/notices").path("items[0].id");

        check(contract, "/api/v1/me", "get", "200", as(parties.engine(), "search-engine").get("/api/v1/me"));
        check(contract, "/api/v1/orders", "get", "200", operator().get("/api/v1/orders"));
        check(contract, "/api/v1/orders/{orderId}", "get", "200", operator().get("/api/v1/orders/" + order));
        check(contract, "/api/v1/orders/{orderId}/scope-check", "post", "200", operator()
                .body(Map.of("urls", List.of("https://allostreaming.com/", "https://allostreaming.net/")))
                .post("/api/v1/orders/" + order + "/scope-check"));
        check(contract, "/api/v1/requests/{requestId}", "get", "200", operator().get("/api/v1/requests/" + request));
        check(contract, "/api/v1/notices", "get", "200", as(parties.engine(), "search-engine").get("/api/v1/notices"));
        check(contract, "/api/v1/notices/{noticeId}", "get", "200",
                as(parties.engine(), "search-engine").get("/api/v1/notices/" + notice));
        check(contract, "/api/v1/notices/{noticeId}/acknowledgements", "post", "201",
                as(parties.engine(), "search-engine").body(Map.of("status", "DELISTED", "effectiveAt",
                        Instant.now().toString(), "territories", List.of("FR"))).post("/api/v1/notices/" + notice + "/acknowledgements"));
        check(contract, "/api/v1/orders/{orderId}/compliance", "get", "200",
                as(auditor, "auditor").get("/api/v1/orders/" + order + "/compliance"));
        check(contract, "/api/v1/audit/verification", "get", "200", operator().get("/api/v1/audit/verification"));
        check(contract, "/api/v1/audit/checkpoint", "get", "200", operator().get("/api/v1/audit/checkpoint"));
        check(contract, "/api/v1/orders/{orderId}/requests", "post", "422", as(parties.claimant(), "rights-holder")
                .body(Map.of("urls", List.of("https://allostreaming.net/"))).post("/api/v1/orders/" + order + "/requests"));
        check(contract, "/api/v1/orders/{orderId}", "get", "404", as(auditor, "auditor").get("/api/v1/orders/nope"));
    }

    /** Top-level shape: every required property present, no property the schema does not document. */
    private static void check(JsonNode contract, String path, String verb, String status, Response response) throws Exception {
        assertThat(response.statusCode()).as(verb + " " + path).isEqualTo(Integer.parseInt(status));
        JsonNode documented = contract.get("paths").get(path).get(verb).get("responses").get(status);
        documented = resolve(contract, documented);
        JsonNode content = documented.get("content");
        String mediaType = content.has("application/json") ? "application/json" : "application/problem+json";
        assertThat(response.contentType()).as(verb + " " + path + " " + status).startsWith(mediaType);
        JsonNode schema = resolve(contract, content.get(mediaType).get("schema"));
        JsonNode body = JSON.readTree(response.asString());
        JsonNode item = body;
        if ("array".equals(schema.path("type").asText())) {
            if (body.isEmpty()) {
                return;
            }
            schema = resolve(contract, schema.get("items"));
            item = body.get(0);
        }
        for (JsonNode required : schema.path("required")) {
            assertThat(item.has(required.asText())).as(verb + " " + path + " " + status + " has " + required).isTrue();
        }
        JsonNode properties = schema.path("properties");
        for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            assertThat(properties.has(field)).as(verb + " " + path + " " + status + " documents '" + field + "'").isTrue();
        }
    }

    private static JsonNode resolve(JsonNode contract, JsonNode node) {
        while (node != null && node.has("$ref")) {
            String[] parts = node.get("$ref").asText().substring(2).split("/");
            JsonNode target = contract;
            for (String part : parts) {
                target = target.get(part);
            }
            node = target;
        }
        return node;
    }
}
