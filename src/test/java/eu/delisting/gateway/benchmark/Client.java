package eu.delisting.gateway.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The gateway's HTTP API as its clients call it: bearer tokens obtained from Keycloak with each
 * organisation's client credentials (renewed before they expire), JSON in and out.
 */
final class Client {

    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, String body, long nanos) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private record Token(String value, long renewAfterNanos) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final String gateway;
    private final String tokenEndpoint;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    Client(String gateway, String keycloak) {
        this.gateway = gateway;
        this.tokenEndpoint = keycloak + "/realms/delisting/protocol/openid-connect/token";
    }

    /** The gateway's base URL. */
    String gateway() {
        return gateway;
    }

    /** A token for the organisation's service account (client id = organisation id). */
    String token(String organisation) {
        Token current = tokens.get(organisation);
        if (current != null && System.nanoTime() < current.renewAfterNanos()) {
            return current.value();
        }
        String form = "grant_type=client_credentials&client_id=" + enc(organisation)
                + "&client_secret=" + enc(organisation + "-local-secret");
        Answer answer = send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (answer.status() != 200) {
            throw new IllegalStateException("Keycloak refused a token for " + organisation + ": " + answer.body());
        }
        JsonNode json = answer.json();
        long lifetime = json.path("expires_in").asLong(300);
        Token token = new Token(json.get("access_token").asText(),
                System.nanoTime() + Duration.ofSeconds(Math.max(10, lifetime - 60)).toNanos());
        tokens.put(organisation, token);
        return token.value();
    }

    Answer get(String organisation, String path) {
        return send(HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Bearer " + token(organisation))
                .timeout(Duration.ofMinutes(10))
                .GET());
    }

    Answer post(String organisation, String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(gateway + path))
                    .header("Authorization", "Bearer " + token(organisation))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A file uploaded as it is, with its media type. */
    Answer upload(String organisation, String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Bearer " + token(organisation))
                .header("Content-Type", contentType)
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A POST that must succeed with {@code expected}; anything else stops the benchmark. */
    JsonNode expect(int expected, String organisation, String path, Object body) {
        Answer answer = post(organisation, path, body);
        if (answer.status() != expected) {
            throw new IllegalStateException("POST " + path + " as " + organisation + " answered " + answer.status()
                    + ", not " + expected + ": " + answer.body());
        }
        return answer.json();
    }

    private Answer send(HttpRequest.Builder request) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), System.nanoTime() - started);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
