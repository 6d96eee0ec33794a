package eu.delisting.gateway.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged gateway (target/quarkus-app) as its own process, started the way a container starts
 * it (prod profile, the chart's JVM options and memory limit), pointed at the benchmark's database and Keycloak.
 * Samples its resident memory from /proc while it runs.
 */
final class GatewayProcess implements AutoCloseable {

    private static final Path APP = Path.of("target/quarkus-app").toAbsolutePath();
    private static final Path JAR = APP.resolve("quarkus-run.jar");
    /**
     * The JDK's AOT cache recorded by the benchmark's training run ({@link #train}); every later start uses it, as
     * the image uses the one its own training run records.
     */
    private static final Path AOT = Path.of("target/benchmark/app.aot").toAbsolutePath();

    private final Process process;
    private final Path log;
    final String url;
    final double readySeconds;
    private volatile long peakRssKb;
    private final Thread sampler;

    private static final Path VALUES = Path.of("helm/delisting-gateway/values.yaml");

    /**
     * The JVM options the chart ships ({@code javaOpts}, which the image's default equals) and its memory limit as
     * the JVM would see it in the container ({@code -XX:MaxRAM}): the heap and the collector follow from them as
     * they do in a pod.
     */
    static List<String> shippedJvmArgs() {
        try {
            com.fasterxml.jackson.databind.JsonNode values = new com.fasterxml.jackson.databind.ObjectMapper(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(VALUES.toFile());
            String limit = values.at("/resources/limits/memory").asText();
            Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(limit);
            if (!m.matches()) {
                throw new IllegalStateException("The chart's memory limit " + limit + " is not in Mi or Gi");
            }
            long mib = Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
            List<String> args = new ArrayList<>(List.of(values.get("javaOpts").asText().strip().split("\\s+")));
            args.add("-XX:MaxRAM=" + mib + "m");
            return args;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped JVM settings in words, for the report. */
    static String shippedJvm() {
        return String.join(" ", shippedJvmArgs());
    }

    private GatewayProcess(Process process, Path log, String url, double readySeconds) {
        this.process = process;
        this.log = log;
        this.url = url;
        this.readySeconds = readySeconds;
        this.sampler = Thread.ofPlatform().daemon().name("rss-sampler").start(this::sample);
    }

    static GatewayProcess start(String name, Map<String, String> env, List<String> jvmArgs, Path dir) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("No packaged gateway at " + JAR.toAbsolutePath() + ": run the package phase first");
        }
        int port = eu.delisting.gateway.support.KeycloakServer.freePort();
        String url = "http://127.0.0.1:" + port;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Files.isRegularFile(AOT)) {
            command.add("-XX:AOTCache=" + AOT);
        }
        command.addAll(shippedJvmArgs());
        command.addAll(jvmArgs);
        // Extra JVM options for every gateway instance, e.g. to profile one with JFR:
        // -Dbench.jvm-args="-XX:StartFlightRecording=filename=target/benchmark/gateway.jfr"
        String extra = System.getProperty("bench.jvm-args", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add("-jar");
        command.add(JAR.getFileName().toString());
        Path log = dir.toAbsolutePath().resolve("gateway-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(APP.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        try {
            long started = System.nanoTime();
            Process process = builder.start();
            awaitReady(process, url + "/q/health/ready", log);
            double seconds = (System.nanoTime() - started) / 1e9;
            GatewayProcess gateway = new GatewayProcess(process, log, url, seconds);
            Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "gateway-stop"));
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Later starts run without an AOT cache (one a previous run left behind included). */
    static void withoutAotCache() {
        try {
            Files.deleteIfExists(AOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The training run: the gateway started with the shipped options and {@code -XX:AOTCacheOutput}, exercised by
     * {@code exercise}, then stopped; the JVM writes the AOT cache as it exits. Returns the cache's size in MB.
     */
    static long train(Map<String, String> env, Path dir, java.util.function.Consumer<String> exercise) {
        try {
            Files.createDirectories(AOT.getParent());
            Files.deleteIfExists(AOT);
            try (GatewayProcess training = start("training", env, List.of("-XX:AOTCacheOutput=" + AOT), dir)) {
                exercise.accept(training.url);
            }
            if (!Files.isRegularFile(AOT)) {
                throw new IllegalStateException("The training run wrote no AOT cache; see " + dir.resolve("gateway-training.log"));
            }
            return Files.size(AOT) / (1024 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitReady(Process process, String readyUrl, Path log) {
        try {
            awaitStatus(readyUrl, 200, Duration.ofSeconds(120), process::isAlive);
        } catch (IllegalStateException e) {
            process.destroy();
            throw new IllegalStateException(e.getMessage() + "; see " + log.toAbsolutePath(), e);
        }
    }

    /**
     * Polls {@code url} every 20 ms until it answers {@code status}; fails when {@code within} has passed
     * or when {@code alive} says the server is gone.
     */
    static void awaitStatus(String url, int status, Duration within, BooleanSupplier alive) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException("The gateway exited while starting");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == status) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(20);
        }
        throw new IllegalStateException(url + " did not answer " + status + " within " + within);
    }

    /** Starts a new peak-memory window. */
    void resetPeak() {
        peakRssKb = rssKb();
    }

    long peakRssMb() {
        return Math.max(peakRssKb, rssKb()) / 1024;
    }

    private void sample() {
        try {
            while (process.isAlive()) {
                long rss = rssKb();
                if (rss > peakRssKb) {
                    peakRssKb = rss;
                }
                sleep(100);
            }
        } catch (IllegalStateException stopped) {
            // closed
        }
    }

    private long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone
        }
        return 0;
    }

    /** Every log line so far that matches {@code pattern}, as its match. */
    List<Matcher> logLines(Pattern pattern) {
        List<Matcher> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(log)) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    found.add(m);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    @Override
    public synchronized void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sampler.interrupt();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
