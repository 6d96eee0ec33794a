package eu.delisting.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Holds every response the REST tests receive to {@code openapi/openapi.yaml}: the status must be documented for
 * the operation, the content type must be one the operation declares for that status, and the body must satisfy
 * its JSON Schema (OpenAPI 3.1 schemas are JSON Schema 2020-12, validated by networknt's json-schema-validator).
 * A response that breaks the contract fails the test that received it.
 *
 * <p>Installed for every request REST Assured sends in the test JVM ({@link #install()}); paths outside the
 * contract ({@code /q/...}, {@code /openapi}, dev resources) are not checked.
 */
public final class ContractValidation implements Filter {

    private static final String CONTRACT_URI = "https://contract.delisting-gateway.test/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Formats (date-time, date) are assertions, not annotations: a malformed instant is a violation. */
    private static final com.networknt.schema.SchemaValidatorsConfig STRICT =
            com.networknt.schema.SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private final JsonNode contract;
    private final List<Route> routes;
    private final JsonSchemaFactory schemas;
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
    private final AtomicLong checked = new AtomicLong();

    /** Declared last: it reads the constants above while it is built. */
    public static final ContractValidation INSTANCE = new ContractValidation(Path.of("openapi/openapi.yaml"));

    /** One operation of the contract: its method, path template and OpenAPI operation object. */
    public record Route(String method, String template, Pattern pattern, JsonNode operation) {
        public String operationId() {
            return operation.path("operationId").asText(method + " " + template);
        }
    }

    /** A response that does not match the contract, with everything needed to see why. */
    public record Violation(String operation, int status, String problem) {
    }

    ContractValidation(Path file) {
        try {
            this.contract = new YAMLMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        closeObjects(contract.path("components").path("schemas"));
        closeObjects(contract.path("paths"));
        String text;
        try {
            text = JSON.writeValueAsString(contract);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(CONTRACT_URI, text))));
        this.routes = routes(contract);
    }

    /** Adds the filter to REST Assured's global filters once per class loader. */
    public static void install() {
        if (!RestAssured.filters().contains(INSTANCE)) {
            RestAssured.filters(INSTANCE);
        }
    }

    /** The contract as read (object schemas closed, see {@link #closeObjects}). */
    public JsonNode contract() {
        return contract;
    }

    /** Every operation of the contract. */
    public List<Route> routes() {
        return routes;
    }

    /** How many responses have been checked in this JVM (so a test can show the filter ran). */
    public long checked() {
        return checked.get();
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                           FilterContext context) {
        Response answer = context.next(request, response);
        String path = URI.create(request.getURI()).getRawPath();
        List<Violation> violations = check(request.getMethod(), path, answer.statusCode(), answer.contentType(),
                answer.asByteArray());
        if (!violations.isEmpty()) {
            throw new AssertionError("Response breaks openapi/openapi.yaml: " + request.getMethod() + " " + path
                    + " -> " + answer.statusCode() + " " + violations + "\nbody: " + abbreviate(answer.asString()));
        }
        return answer;
    }

    /** What, if anything, is wrong with this response for this request; empty when it is not a contract path. */
    public List<Violation> check(String method, String path, int status, String contentType, byte[] body) {
        Route route = route(method, path);
        if (route == null) {
            return List.of();
        }
        checked.incrementAndGet();
        String operation = route.operationId();
        JsonNode responses = route.operation().path("responses");
        String statusKey = String.valueOf(status);
        JsonNode declared = responses.get(statusKey);
        String pointer = "/paths/" + escape(route.template()) + "/" + route.method() + "/responses/" + statusKey;
        if (declared == null) {
            return List.of(new Violation(operation, status, "status not documented (documented: "
                    + fieldNames(responses) + ")"));
        }
        if (declared.has("$ref")) {
            pointer = declared.get("$ref").asText().substring(1);
            declared = contract.at(pointer);
        }
        JsonNode content = declared.path("content");
        boolean empty = body == null || body.length == 0;
        if (content.isMissingNode() || content.isEmpty()) {
            return empty || "HEAD".equalsIgnoreCase(method) ? List.of()
                    : List.of(new Violation(operation, status, "a body where the contract documents none"));
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!content.has(mediaType)) {
            return List.of(new Violation(operation, status, "content type '" + mediaType + "' not documented (documented: "
                    + fieldNames(content) + ")"));
        }
        if (!mediaType.endsWith("json") || !content.path(mediaType).has("schema")) {
            return List.of();
        }
        if (empty) {
            return List.of(new Violation(operation, status, "empty body where the contract documents " + mediaType));
        }
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (IOException e) {
            return List.of(new Violation(operation, status, "body is not JSON"));
        }
        String schemaPointer = pointer + "/content/" + escape(mediaType) + "/schema";
        JsonSchema schema = compiled.computeIfAbsent(schemaPointer,
                p -> schemas.getSchema(SchemaLocation.of(CONTRACT_URI + "#" + p), STRICT));
        Set<ValidationMessage> messages = schema.validate(instance);
        return messages.stream().map(m -> new Violation(operation, status, m.getMessage())).toList();
    }

    /**
     * Every object schema that lists its properties lists all of them: a member the contract does not name is a
     * violation (a field leaking into an answer is caught). {@code unevaluatedProperties} rather than
     * {@code additionalProperties}, so that allOf compositions still see each other's members.
     */
    private static void closeObjects(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.has("unevaluatedProperties") && !object.path("properties").has("$ref")) {
                object.put("unevaluatedProperties", false);
            }
            object.elements().forEachRemaining(ContractValidation::closeObjects);
        } else if (node != null && node.isArray()) {
            node.elements().forEachRemaining(ContractValidation::closeObjects);
        }
    }

    private Route route(String method, String path) {
        for (Route route : routes) {
            if (route.method().equalsIgnoreCase(method) && route.pattern().matcher(path).matches()) {
                return route;
            }
        }
        return null;
    }

    private static List<Route> routes(JsonNode contract) {
        List<Route> routes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            String regex = java.util.Arrays.stream(path.getKey().split("/", -1))
                    .map(segment -> segment.startsWith("{") ? "[^/]+" : Pattern.quote(segment))
                    .collect(Collectors.joining("/"));
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getValue().has("responses")) {
                    routes.add(new Route(op.getKey(), path.getKey(), Pattern.compile(regex), op.getValue()));
                }
            }
        }
        // Literal paths win over templated ones ("/orders/x/requests" before "/orders/{orderId}").
        routes.sort(java.util.Comparator.comparingLong(r -> r.template().chars().filter(c -> c == '{').count()));
        return List.copyOf(routes);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }
}
