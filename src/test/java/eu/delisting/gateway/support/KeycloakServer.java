package eu.delisting.gateway.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
import java.util.stream.Stream;

/**
 * A real Keycloak (the distribution from Maven Central, unpacked by the build into target/keycloak)
 * on a free loopback port, with the gateway's realm (plus the test-only clients) and a second realm
 * imported. Used by the test suite and by the benchmark.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(180);

    private final Process process;
    private final String url;
    private final double startSeconds;

    private KeycloakServer(Process process, String url, double startSeconds) {
        this.process = process;
        this.url = url;
        this.startSeconds = startSeconds;
    }

    public static Path home() {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.7.3"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home.toAbsolutePath()
                    + ": the build unpacks it in process-test-resources (run through ./mvnw verify)");
        }
        return home;
    }

    /** Starts Keycloak and waits until both realms answer. */
    public static KeycloakServer start() {
        Path home = home();
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
            Process process = builder.start();
            KeycloakServer server = new KeycloakServer(process, url, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "keycloak-stop"));
            server.awaitReady(url + "/realms/partners/.well-known/openid-configuration", home);
            return new KeycloakServer(process, url, (System.nanoTime() - started) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return url;
    }

    public double startSeconds() {
        return startSeconds;
    }

    @Override
    public synchronized void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A fresh store, and the realms to import: the gateway's own, plus the test-only clients. */
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

    private void awaitReady(String readyUrl, Path home) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited; see " + home.resolve("keycloak-test.log"));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(readyUrl)).GET().build(),
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
        close();
        throw new IllegalStateException("Keycloak not ready within " + READY_WITHIN + "; see "
                + home.resolve("keycloak-test.log"));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
