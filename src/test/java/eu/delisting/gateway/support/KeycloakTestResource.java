package eu.delisting.gateway.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts a real Keycloak (the distribution from Maven Central, unpacked by the build into
 * target/keycloak) on a free loopback port, with the gateway's realm (plus two test-only clients)
 * and a second realm imported, and points two further OIDC tenants of the gateway at it. Started
 * once for the whole test run (the resource is global), stopped when the run ends.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String URL_PROPERTY = "gateway.test.keycloak-url";
    private static final Duration READY_WITHIN = Duration.ofSeconds(180);

    private Process keycloak;

    @Override
    public Map<String, String> start() {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.7.3"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home.toAbsolutePath()
                    + ": the build unpacks it in process-test-resources (run through ./mvnw verify)");
        }
        try {
            prepareImport(home);
            int port = freePort();
            String url = "http://127.0.0.1:" + port;
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=" + url, "--import-realm",
                    "--http-management-port=" + freePort())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("keycloak-test.log").toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            long started = System.nanoTime();
            keycloak = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "keycloak-stop"));
            awaitReady(url + "/realms/partners/.well-known/openid-configuration", home);
            System.out.printf("Keycloak ready on %s in %.1f s%n", url, (System.nanoTime() - started) / 1e9);
            return Map.ofEntries(
                    Map.entry(URL_PROPERTY, url),
                    Map.entry("quarkus.oidc.resolve-tenants-with-issuer", "true"),
                    Map.entry("quarkus.oidc.keycloak.auth-server-url", url + "/realms/delisting"),
                    Map.entry("quarkus.oidc.keycloak.token.audience", "delisting-gateway"),
                    Map.entry("quarkus.oidc.keycloak.roles.role-claim-path", "realm_access/roles"),
                    Map.entry("quarkus.oidc.keycloak.application-type", "service"),
                    Map.entry("quarkus.oidc.partners.auth-server-url", url + "/realms/partners"),
                    Map.entry("quarkus.oidc.partners.token.audience", "delisting-gateway"),
                    Map.entry("quarkus.oidc.partners.roles.role-claim-path", "realm_access/roles"),
                    Map.entry("quarkus.oidc.partners.application-type", "service"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void stop() {
        if (keycloak != null && keycloak.isAlive()) {
            keycloak.descendants().forEach(ProcessHandle::destroy);
            keycloak.destroy();
            try {
                keycloak.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A fresh H2 store, and the realms to import: the gateway's own, plus the test-only clients. */
    private static void prepareImport(Path home) throws IOException {
        deleteTree(home.resolve("data/h2"));
        Path imports = home.resolve("data/import");
        deleteTree(imports);
        Files.createDirectories(imports);
        ObjectMapper json = new ObjectMapper();
        ObjectNode realm = (ObjectNode) json.readTree(Path.of("src/main/keycloak/delisting-realm.json").toFile());
        ObjectNode extra = (ObjectNode) json.readTree(Path.of("src/test/keycloak/delisting-test-clients.json").toFile());
        ((ArrayNode) realm.get("clients")).addAll((ArrayNode) extra.get("clients"));
        ((ArrayNode) realm.get("users")).addAll((ArrayNode) extra.get("users"));
        json.writeValue(imports.resolve("delisting-realm.json").toFile(), realm);
        Files.copy(Path.of("src/test/keycloak/partners-realm.json"), imports.resolve("partners-realm.json"));
    }

    private void awaitReady(String url, Path home) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!keycloak.isAlive()) {
                throw new IllegalStateException("Keycloak exited; see " + home.resolve("keycloak-test.log"));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException("Keycloak not ready within " + READY_WITHIN + "; see "
                + home.resolve("keycloak-test.log"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
