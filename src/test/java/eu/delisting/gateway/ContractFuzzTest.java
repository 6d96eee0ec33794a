package eu.delisting.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Connections;
import eu.delisting.gateway.support.ContractValidation;
import eu.delisting.gateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests generated from {@code openapi/openapi.yaml}: every operation, as every role (and as callers without a
 * valid token or a registered organisation), with real and foreign identifiers, valid and invalid query values,
 * and request bodies built from each operation's schema and then broken one member at a time. Every answer must be
 * below 500 and documented for its operation, status, content type and body ({@link ContractValidation}).
 */
@QuarkusTest
class ContractFuzzTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = Long.getLong("fuzz.seed", 20261130L);

    /** Who sends a request: a bearer token (or none) for an organisation in a role. */
    private record Caller(String name, String token) {
        RequestSpecification spec() {
            RequestSpecification spec = RestAssured.given().config(Connections.KEPT_ALIVE);
            return token == null ? spec : spec.auth().oauth2(token);
        }
    }

    private record Operation(String id, String method, String template, JsonNode node) {
    }

    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> statuses = new TreeMap<>();
    private int sent;

    @Test
    void generatedRequestsForEveryOperationAndRoleAnswerBelow500AndAsDocumented() throws Exception {
        JsonNode contract = ContractValidation.INSTANCE.contract();
        World world = World.build();
        Random random = new Random(SEED);
        List<Operation> operations = ContractValidation.INSTANCE.routes().stream()
                .map(r -> new Operation(r.operationId(), r.method(), r.template(), r.operation())).toList();

        for (Operation op : operations) {
            for (Caller caller : world.callers) {
                send(op, caller, world.validPath(op.template()), world.validQuery(op), validBody(contract, op, world));
                if (op.template().contains("{orderId}")) {
                    send(op, caller, world.validPath(op.template().replace("{orderId}", world.foreignOrder)),
                            world.validQuery(op), validBody(contract, op, world));
                }
            }
            Caller best = world.callerFor(op);
            for (String path : world.pathVariants(op.template())) {
                send(op, best, path, world.validQuery(op), validBody(contract, op, world));
            }
            for (Map<String, String> query : world.queryVariants(op)) {
                send(op, best, world.validPath(op.template()), query, validBody(contract, op, world));
            }
            JsonNode schema = requestSchema(contract, op);
            if (schema != null) {
                for (String body : bodyVariants(contract, schema, validBody(contract, op, world), random)) {
                    send(op, best, world.validPath(op.template()), world.validQuery(op), body);
                    for (int i = 0; i < 2; i++) {
                        Caller other = world.callers.get(random.nextInt(world.callers.size()));
                        send(op, other, world.validPath(op.template()), world.validQuery(op), body);
                    }
                }
                sendAs(op, best, world.validPath(op.template()), "text/plain", "urls=x");
            }
        }

        System.out.printf("Contract fuzz (seed %d): %d requests over %d operations, statuses %s%n",
                SEED, sent, operations.size(), statuses);
        assertThat(failures).as("answers that are 5xx or not as documented").isEmpty();
        assertThat(sent).isGreaterThanOrEqualTo(2_000);
        assertThat(statuses.keySet()).as("the fuzz reaches successes as well as refusals")
                .contains("200", "201", "400", "401", "403", "404", "415", "422");
    }

    // ---- sending --------------------------------------------------------------------------------------------

    private void send(Operation op, Caller caller, String path, Map<String, String> query, String body) {
        if (op.method().equals("get")) {
            sendAs(op, caller, withQuery(path, query), null, null);
        } else {
            sendAs(op, caller, withQuery(path, query), "application/json", body == null ? "{}" : body);
        }
    }

    private void sendAs(Operation op, Caller caller, String pathAndQuery, String contentType, String body) {
        RequestSpecification spec = caller.spec().urlEncodingEnabled(false);
        if (op.template().contains("requests") || op.template().endsWith("/acknowledgements")) {
            spec = spec.header("Idempotency-Key", "fuzz-" + UUID.randomUUID());
        }
        if (contentType != null) {
            spec = spec.contentType(contentType).body(body);
        }
        sent++;
        String what = op.id() + " as " + caller.name() + ": " + op.method().toUpperCase() + " " + pathAndQuery
                + (body == null ? "" : " " + abbreviate(body));
        try {
            Response response = spec.request(op.method().toUpperCase(), pathAndQuery);
            statuses.merge(String.valueOf(response.statusCode()), 1, Integer::sum);
            if (response.statusCode() >= 500) {
                failures.add(what + " -> " + response.statusCode() + " " + abbreviate(response.asString()));
            }
        } catch (AssertionError contractBreach) {
            failures.add(what + " -> " + contractBreach.getMessage());
        }
    }

    private static String withQuery(String path, Map<String, String> query) {
        if (query.isEmpty()) {
            return path;
        }
        StringBuilder out = new StringBuilder(path).append('?');
        query.forEach((k, v) -> out.append(k).append('=').append(v).append('&'));
        return out.substring(0, out.length() - 1);
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    // ---- the contract ---------------------------------------------------------------------------------------

    private static JsonNode resolve(JsonNode contract, JsonNode node) {
        while (node != null && node.has("$ref")) {
            node = contract.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    private static JsonNode requestSchema(JsonNode contract, Operation op) {
        JsonNode schema = op.node().path("requestBody").path("content").path("application/json").get("schema");
        return schema == null ? null : flatten(contract, schema);
    }

    /** The schema with references resolved and allOf merged, so generation sees plain objects. */
    private static JsonNode flatten(JsonNode contract, JsonNode schema) {
        schema = resolve(contract, schema);
        if (!schema.has("allOf")) {
            return schema;
        }
        ObjectNode merged = NODES.objectNode().put("type", "object");
        ObjectNode properties = merged.putObject("properties");
        ArrayNode required = merged.putArray("required");
        for (JsonNode part : schema.get("allOf")) {
            JsonNode flat = flatten(contract, part);
            flat.path("properties").fields().forEachRemaining(e -> properties.set(e.getKey(), e.getValue()));
            flat.path("required").forEach(required::add);
        }
        return merged;
    }

    // ---- bodies ---------------------------------------------------------------------------------------------

    /** A body that should be accepted for this operation, with the world's real identifiers where they matter. */
    private static String validBody(JsonNode contract, Operation op, World world) {
        JsonNode schema = requestSchema(contract, op);
        if (schema == null) {
            return null;
        }
        Object body = switch (op.id()) {
            case "registerOrganisation" -> Map.of("id", Api.unique("fz"), "name", "Fuzz organisation", "kind", "RIGHTS_HOLDER");
            case "issueOrder" -> Api.orderBody(world.parties, Api.domains(Api.unique("fz") + ".example"));
            case "checkScope" -> Map.of("urls", List.of("https://" + world.domain + "/a", "https://elsewhere.example/b"));
            case "appointAuditor" -> Map.of("organisation", world.auditor,
                    "from", Instant.now().minus(1, ChronoUnit.DAYS).toString(),
                    "until", Instant.now().plus(300, ChronoUnit.DAYS).toString());
            case "amendOrder" -> Map.of("type", "SET_COST_BEARER", "decisionReference", "Fuzz decision",
                    "addressees", List.of(Map.of("organisation", world.parties.engine(), "costBearer", "ADDRESSEE")));
            case "proposeMirror" -> Map.of("domain", Api.unique("fzm") + ".example", "evidence", "Same catalogue");
            case "decideMirror" -> Map.of("decision", "REJECT", "reasons", "Not the same operator");
            case "fileRequest" -> Map.of("urls", List.of("https://" + world.domain + "/film/" + UUID.randomUUID()));
            case "acknowledge" -> Map.of("status", "RECEIVED", "effectiveAt", Instant.now().toString());
            case "grantMandate" -> Map.of("agent", world.agent, "principal", world.parties.claimant());
            case "revokeMandate" -> Map.of("reason", "Fuzz revocation");
            case "subscribeWebhook" -> Map.of("url", "http://127.0.0.1:9/fuzz", "eventTypes", List.of("ORDER_AMENDED"));
            case "acknowledgeBatch" -> Map.of("items", List.of(Map.of("noticeId", world.notice, "status", "RECEIVED",
                    "effectiveAt", Instant.now().toString())));
            default -> generate(schema, 0);
        };
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An instance of a schema, for operations without a hand-picked valid body. */
    private static Object generate(JsonNode schema, int depth) {
        if (schema.has("enum")) {
            return JSON.convertValue(schema.get("enum").get(0), Object.class);
        }
        String type = schema.path("type").asText("object");
        return switch (type) {
            case "string" -> switch (schema.path("format").asText("")) {
                case "date" -> LocalDate.now().toString();
                case "date-time" -> Instant.now().toString();
                default -> "fuzz";
            };
            case "integer", "number" -> schema.path("minimum").asInt(1);
            case "boolean" -> true;
            case "array" -> depth > 3 ? List.of() : List.of(generate(schema.path("items"), depth + 1));
            default -> {
                Map<String, Object> out = new LinkedHashMap<>();
                schema.path("properties").fields().forEachRemaining(e -> {
                    if (depth < 3) {
                        out.put(e.getKey(), generate(e.getValue(), depth + 1));
                    }
                });
                yield out;
            }
        };
    }

    /** The valid body broken in every way a client gets wrong: shape, members, types, sizes, encoding. */
    private static List<String> bodyVariants(JsonNode contract, JsonNode schema, String valid, Random random) throws Exception {
        List<String> variants = new ArrayList<>(List.of("", "{", "[]", "null", "42", "\"text\"", "{}",
                valid + " {}", valid.replaceFirst("\\{", "{\"x\":1,\"x\":2,"), "{\"\\ud800\":1}"));
        ObjectNode base = (ObjectNode) JSON.readTree(valid);
        List<String> members = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(members::add);
        for (String member : members) {
            JsonNode memberSchema = resolve(contract, schema.path("properties").get(member));
            ObjectNode removed = base.deepCopy();
            removed.remove(member);
            variants.add(removed.toString());
            for (JsonNode wrong : wrongValues(memberSchema, random)) {
                ObjectNode broken = base.deepCopy();
                broken.set(member, wrong);
                variants.add(broken.toString());
            }
        }
        ObjectNode extra = base.deepCopy();
        extra.put("unexpected" + random.nextInt(1000), "member");
        variants.add(extra.toString());
        return variants;
    }

    private static List<JsonNode> wrongValues(JsonNode schema, Random random) {
        List<JsonNode> values = new ArrayList<>(List.of(NODES.nullNode(), NODES.numberNode(random.nextInt()),
                NODES.booleanNode(true), NODES.objectNode(), NODES.textNode("")));
        String type = schema == null ? "" : schema.path("type").asText("");
        if (!type.equals("array")) {
            values.add(NODES.arrayNode().add("x"));
        }
        values.add(NODES.textNode("x".repeat(100_000)));
        values.add(NODES.textNode("a\u0000b\u202Ec"));
        values.add(NODES.textNode("9".repeat(40)));
        if (type.equals("array")) {
            ArrayNode many = NODES.arrayNode();
            for (int i = 0; i < 1_001; i++) {
                many.add("https://x.example/" + i);
            }
            values.add(many);
            values.add(NODES.arrayNode().add(NODES.nullNode()));
            values.add(NODES.arrayNode());
        }
        return values;
    }

    // ---- the world the requests run in -------------------------------------------------------------------------

    /** Real records for the identifiers in paths and bodies, and one caller per role and kind of token. */
    private static final class World {
        Api.Parties parties;
        String domain;
        String order;
        String foreignOrder;
        String request;
        String notice;
        String mirror;
        String auditor;
        String agent;
        String mandate;
        String importId;
        String webhook;
        final List<Caller> callers = new ArrayList<>();

        static World build() {
            World w = new World();
            w.parties = Api.parties(1, 1);
            w.domain = Api.unique("fz") + ".example";
            w.order = Api.issueOrder(w.parties, w.domain);
            w.foreignOrder = Api.issueOrder(Api.parties(1, 1), Api.unique("fzf") + ".example");
            w.auditor = Api.registerOrganisation("au", "AUDITOR");
            String authority = Api.registerOrganisation("arcom", "AUTHORITY");
            String outsider = Api.registerOrganisation("rh", "RIGHTS_HOLDER");
            Api.operator().body(Map.of("organisation", w.auditor,
                            "from", Instant.now().minus(1, ChronoUnit.DAYS).toString(),
                            "until", Instant.now().plus(300, ChronoUnit.DAYS).toString()))
                    .post("/api/v1/orders/" + w.order + "/auditors").then().statusCode(201);
            w.request = Api.file(w.parties.claimant(), w.order, "https://" + w.domain + "/film/1");
            w.notice = Api.as(w.parties.engine(), "search-engine").queryParam("orderId", w.order)
                    .get("/api/v1/notices").then().statusCode(200).extract().path("items[0].id");
            w.mirror = Api.as(w.parties.claimant(), "rights-holder")
                    .body(Map.of("domain", Api.unique("fzm") + ".example", "evidence", "Same catalogue"))
                    .post("/api/v1/orders/" + w.order + "/mirrors").then().statusCode(201).extract().path("id");
            w.agent = Api.registerOrganisation("agent", "AGENT");
            w.mandate = Api.operator().body(Map.of("agent", w.agent, "principal", w.parties.claimant()))
                    .post("/api/v1/mandates").then().statusCode(201).extract().path("id");
            w.importId = Api.as(w.parties.claimant(), "rights-holder").contentType("text/csv")
                    .body("https://" + w.domain + "/film/imported\n").post("/api/v1/orders/" + w.order + "/imports")
                    .then().statusCode(202).extract().path("id");
            w.webhook = Api.as(w.parties.engine(), "search-engine").body(Map.of("url", "http://127.0.0.1:9/fuzz",
                    "eventTypes", List.of("ORDER_AMENDED"))).post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
            w.callers.add(new Caller("operator", Tokens.of("operator", "operator")));
            w.callers.add(new Caller("authority", Tokens.of(authority, "authority")));
            w.callers.add(new Caller("claimant", Tokens.of(w.parties.claimant(), "rights-holder")));
            w.callers.add(new Caller("engine", Tokens.of(w.parties.engine(), "search-engine")));
            w.callers.add(new Caller("auditor", Tokens.of(w.auditor, "auditor")));
            w.callers.add(new Caller("agent", Tokens.of(w.agent, "agent")));
            w.callers.add(new Caller("outsider", Tokens.of(outsider, "rights-holder")));
            w.callers.add(new Caller("unregistered", Tokens.of("nobody-" + UUID.randomUUID().toString().substring(0, 8), "rights-holder")));
            w.callers.add(new Caller("no-organisation", Tokens.withoutOrganisation("rights-holder")));
            w.callers.add(new Caller("expired", Tokens.expired(w.parties.claimant(), "rights-holder")));
            w.callers.add(new Caller("anonymous", null));
            return w;
        }

        Caller callerFor(Operation op) {
            String description = op.node().path("description").asText("");
            String role = description.startsWith("Roles: search engines") || description.startsWith("Roles: the addressed search engine") ? "engine"
                    : description.startsWith("Roles: a rights holder") || description.startsWith("Roles: a claimant") ? "claimant"
                    : description.startsWith("Roles: authority") ? "authority"
                    : description.startsWith("Roles: any") ? "claimant"
                    : "operator";
            return callers.stream().filter(c -> c.name().equals(role)).findFirst().orElseThrow();
        }

        String validPath(String template) {
            return template.replace("{orderId}", order).replace("{noticeId}", notice)
                    .replace("{requestId}", request).replace("{mirrorId}", mirror).replace("{mandateId}", mandate)
                    .replace("{importId}", importId).replace("{webhookId}", webhook);
        }

        /** Each path parameter in turn replaced by a foreign, absent, oversized or badly encoded value. */
        List<String> pathVariants(String template) {
            List<String> variants = new ArrayList<>();
            java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(template);
            while (names.find()) {
                String name = names.group(0);
                for (String value : List.of(UUID.randomUUID().toString(), "x".repeat(37), "x".repeat(300), "%20",
                        "%C3%A9t%C3%A9", "..%2F..", "%00", "'%20or%201=1", "-1", foreignOrder)) {
                    variants.add(validPath(template.replace(name, value)));
                }
            }
            return variants;
        }

        Map<String, String> validQuery(Operation op) {
            Map<String, String> query = new LinkedHashMap<>();
            for (String name : queryNames(op)) {
                if (name.equals("orderId")) {
                    query.put(name, order);
                }
            }
            return query;
        }

        List<Map<String, String>> queryVariants(Operation op) {
            List<Map<String, String>> variants = new ArrayList<>();
            for (String name : queryNames(op)) {
                List<String> values = switch (name) {
                    case "limit" -> List.of("1", "1000", "0", "1001", "-5", "abc", "99999999999999999999", "1.5", "");
                    case "after" -> List.of("abc", "AAAA", "MTIz", "-1", "%00", "x".repeat(500), "eyJ4IjoxfQ", "");
                    case "orderId" -> List.of(foreignOrder, UUID.randomUUID().toString(), "x".repeat(37), "x".repeat(300), "%00", "");
                    case "status" -> List.of("PENDING", "DELISTED", "nope", "pending", "");
                    case "from", "checkpointSeq" -> List.of("0", "1", "abc", "99999999", "-1", "99999999999999999999", "");
                    case "checkpointHash" -> List.of("abc", "0".repeat(64), "%00", "");
                    default -> List.of("x", "");
                };
                for (String value : values) {
                    Map<String, String> query = validQuery(op);
                    query.put(name, value);
                    variants.add(query);
                }
            }
            return variants;
        }

        private static List<String> queryNames(Operation op) {
            List<String> names = new ArrayList<>();
            for (JsonNode parameter : op.node().path("parameters")) {
                String ref = parameter.path("$ref").asText("");
                if (ref.endsWith("/after") || ref.endsWith("/limit")) {
                    names.add(ref.substring(ref.lastIndexOf('/') + 1));
                } else if (parameter.path("in").asText().equals("query")) {
                    names.add(parameter.get("name").asText());
                }
            }
            return names;
        }
    }
}
