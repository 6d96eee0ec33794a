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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real Keycloak (the distribution from Maven Central, unpacked by the build into target/keycloak)
 * on a free loopback port, with the gateway's realm (plus the test-only clients) and a second realm
 * imported. Used by the test suite and by the benchmark.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(180);

    /** Where the build's shared Keycloak is announced (see the pom: started once for the tests and the benchmark). */
    public static final String SHARED_PROPERTY = "keycloak.shared";

    /**
     * How long a consumer waits for the build's launcher to announce its Keycloak before starting its own (the
     * launcher announces it within a second of starting, before the build forks the tests; a run outside the
     * build, where no launcher runs, waits this long once).
     */
    private static final Duration ANNOUNCED_WITHIN = Duration.ofSeconds(10);

    private final ProcessHandle process;
    private final boolean owned;
    private final String url;
    private final long launchedNanos;
    private volatile double startSeconds = -1;

    private KeycloakServer(ProcessHandle process, boolean owned, String url, long launchedNanos) {
        this.process = process;
        this.owned = owned;
        this.url = url;
        this.launchedNanos = launchedNanos;
    }

    public static Path home() {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.7.3"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home.toAbsolutePath()
                    + ": the build unpacks it in process-test-resources (run through ./mvnw verify)");
        }
        return home;
    }

    /**
     * The Keycloak this build started for all its consumers (the pom's {@code keycloak} execution runs
     * {@link #main} in the background right after the test classes compile, so that it starts while the test
     * application does); when there is none (a run outside Maven), one started here. Not awaited: callers that
     * talk to it call {@link #awaitReady()}.
     */
    public static KeycloakServer shared() {
        String announced = System.getProperty(SHARED_PROPERTY);
        if (announced != null && !announced.isBlank()) {
            Path file = Path.of(announced);
            long deadline = System.nanoTime() + ANNOUNCED_WITHIN.toNanos();
            while (!Files.exists(file) && System.nanoTime() < deadline) {
                pause();
            }
            try {
                List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
                if (lines.size() >= 2) {
                    Optional<ProcessHandle> running = ProcessHandle.of(Long.parseLong(lines.get(1).strip()));
                    if (running.isPresent() && running.get().isAlive()) {
                        return new KeycloakServer(running.get(), false, lines.get(0).strip(), System.nanoTime());
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // Unreadable announcement: start one here.
            }
            System.out.println("No running Keycloak announced at " + file + "; starting one for this process");
        }
        return launch();
    }

    /**
     * The build's launcher: starts Keycloak, announces its URL and process in the file named by the first argument,
     * waits until it is ready, then until it ends (the build stops this process when it ends, and with it Keycloak).
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        Files.deleteIfExists(file);
        KeycloakServer keycloak = launch();
        Path written = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(written, keycloak.url + "\n" + keycloak.process.pid() + "\n");
        Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover announcement names a process that no longer runs: consumers start their own.
            }
        }, "keycloak-announcement"));
        // The build ends this process when it ends; if the build itself is killed, this process ends with it
        // (its shutdown hooks stop Keycloak). Exit from a thread of its own: the callback runs on the JDK's process
        // reaper, which must stay free to see Keycloak's process end while the hooks wait for it.
        ProcessHandle.current().parent().ifPresent(build -> build.onExit()
                .thenRun(() -> Thread.ofPlatform().name("keycloak-launcher-exit").start(() -> System.exit(0))));
        try {
            keycloak.awaitReady();
        } catch (IllegalStateException e) {
            System.out.println("[keycloak] " + e.getMessage());
            System.exit(1);
        }
        System.out.printf("[keycloak] ready on %s in %.1f s, shared by the tests and the benchmark%n", keycloak.url,
                keycloak.startSeconds);
        keycloak.process.onExit().join();
    }

    /** Starts Keycloak on free loopback ports, with fresh realms, without waiting for it. */
    private static KeycloakServer launch() {
        Path home = home();
        try {
            prepareImport(home);
            int port = freePort();
            String url = "http://127.0.0.1:" + port;
            // An in-memory store (fresh at each start, nothing to delete): its schema and the imported realms cost
            // about a fifth less CPU than in H2 files, at the build's busiest moment.
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--db=dev-mem", "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=" + url,
                    "--import-realm", "--http-management-port=" + freePort())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("keycloak-test.log").toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            // The quick compiler only: Keycloak's start costs about 25 s of CPU instead of 36 (with the in-memory
            // store; 45 before), and what the tests ask of it afterwards is little.
            builder.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
            long started = System.nanoTime();
            KeycloakServer server = new KeycloakServer(builder.start().toHandle(), true, url, started);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "keycloak-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until both realms answer (at once when they already did); this server, for chaining. */
    public KeycloakServer awaitReady() {
        if (startSeconds < 0) {
            awaitReady(url + "/realms/partners/.well-known/openid-configuration", home());
            startSeconds = (System.nanoTime() - launchedNanos) / 1e9;
        }
        return this;
    }

    public String url() {
        return url;
    }

    /** Seconds from launch (or, for the build's shared one, from the moment this process found it) to ready. */
    public double startSeconds() {
        return startSeconds;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public synchronized void close() {
        // The build's shared Keycloak outlives its consumers; the build's launcher stops it.
        if (owned && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The realms to import: the gateway's own, plus the test-only clients. */
    private static void prepareImport(Path home) throws IOException {
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
            pause();
        }
        close();
        throw new IllegalStateException("Keycloak not ready within " + READY_WITHIN + "; see "
                + home.resolve("keycloak-test.log"));
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
