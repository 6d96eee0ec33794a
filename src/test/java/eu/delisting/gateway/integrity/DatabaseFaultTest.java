package eu.delisting.gateway.integrity;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static eu.delisting.gateway.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded MariaDB frozen (SIGSTOP) and then killed (SIGKILL) under filings: every request is
 * answered within a bounded time, as 201 or as 503 problem+json with Retry-After; readiness
 * answers within a second and says DOWN; once the database is back (resumed, or restarted on the
 * same data) the gateway recovers without a restart, and no request is ever half filed.
 */
@QuarkusTest
class DatabaseFaultTest {

    /** Lock wait 4 s, network read 6 s, connection check 1 s: an answer comes well within this. */
    private static final Duration BOUND = Duration.ofSeconds(15);

    @Inject
    AgroalDataSource db;

    @Test
    void aFrozenThenKilledDatabaseGivesBounded503sAndNothingHalfFiled() throws Exception {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        ProcessHandle server = mariadb();
        List<String> command = new ArrayList<>();
        command.add(server.info().command().orElseThrow());
        command.addAll(List.of(server.info().arguments().orElseThrow()));

        // Frozen, with more clients than the pool has connections (32): those holding one wait for the
        // statement timeout, the others for a connection; every answer is bounded.
        signal("STOP", server.pid());
        try {
            List<Response> frozen = join(fileWhileBroken(parties, order, 40));
            assertBoundedAnswers(frozen);
            assertReadinessDown();
        } finally {
            signal("CONT", server.pid());
        }
        awaitFiling(parties, order);

        // Killed in the middle of filings: they are in flight (frozen) when the process dies.
        signal("STOP", server.pid());
        List<Future<Response>> inFlight = fileWhileBroken(parties, order, 8);
        Thread.sleep(1_500);
        signal("KILL", server.pid());
        server.onExit().get(10, TimeUnit.SECONDS);
        List<Response> killed = join(inFlight);
        killed.addAll(join(fileWhileBroken(parties, order, 4)));
        assertBoundedAnswers(killed);
        assertThat(killed).allMatch(r -> r.statusCode() == 503);
        assertReadinessDown();

        restart(command);
        awaitFiling(parties, order);
        RestAssured.given().get("/q/health/ready").then().statusCode(200);

        // No partial request: each stored request has all its notices (10 URLs x 2 engines).
        assertThat(Rows.count(db, "select count(*) from delisting_request r where r.order_id = ? and r.url_count * 2 <>"
                + " (select count(*) from notice n where n.request_id = r.id)", order)).isZero();
        assertThat(Rows.count(db, "select count(*) from delisting_request where order_id = ?", order)).isPositive();
        // The audit chain is whole after the crash: what was committed is there, linked, and nothing else.
        Response verdict = Api.operator().get("/api/v1/audit/verification");
        assertThat(verdict.statusCode()).isEqualTo(200);
        assertThat(verdict.<Boolean>path("valid")).as(verdict.asString()).isTrue();
    }

    private final ExecutorService clients = Executors.newCachedThreadPool();

    /** Starts {@code count} filings of 10 URLs each at once; each must be answered within the bound. */
    private List<Future<Response>> fileWhileBroken(Api.Parties parties, String order, int count) {
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> urls = java.util.stream.IntStream.range(0, 10)
                    .mapToObj(u -> "https://allostreaming.com/" + Api.unique("fault") + "/" + u).toList();
            var filer = as(parties.claimant(), "rights-holder").body(Map.of("urls", urls));
            answers.add(clients.submit(() -> {
                long started = System.nanoTime();
                Response r = filer.post("/api/v1/orders/" + order + "/requests");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
                return r;
            }));
        }
        return answers;
    }

    private static List<Response> join(List<Future<Response>> answers) throws Exception {
        List<Response> responses = new ArrayList<>();
        for (Future<Response> answer : answers) {
            responses.add(answer.get(BOUND.toSeconds() + 10, TimeUnit.SECONDS));
        }
        return responses;
    }

    private static void assertBoundedAnswers(List<Response> answers) {
        for (Response r : answers) {
            assertThat(r.statusCode()).as(r.asString()).isIn(201, 503);
            if (r.statusCode() == 503) {
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.<String>path("code")).isEqualTo("SERVICE_UNAVAILABLE");
                assertThat(r.header("Retry-After")).isNotBlank();
            }
        }
    }

    private static void assertReadinessDown() {
        long started = System.nanoTime();
        String body = RestAssured.given().get("/q/health/ready").then().statusCode(503).extract().asString();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
        assertThat(body).as("readiness names no driver, host or error text")
                .doesNotContainIgnoringCase("jdbc").doesNotContainIgnoringCase("mysql")
                .doesNotContainIgnoringCase("exception").doesNotContain("127.0.0.1");
        RestAssured.given().get("/q/health/live").then().statusCode(200);
    }

    private static void awaitFiling(Api.Parties parties, String order) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            int status = as(parties.claimant(), "rights-holder")
                    .body(Map.of("urls", List.of("https://allostreaming.com/" + Api.unique("back"))))
                    .post("/api/v1/orders/" + order + "/requests").statusCode();
            if (status == 201) {
                return;
            }
            assertThat(status).isEqualTo(503);
            assertThat(System.nanoTime()).as("the gateway recovers once the database is back").isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** The embedded MariaDB server: a child process of this JVM, started by the gateway's test profile. */
    private static ProcessHandle mariadb() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/mariadbd") || c.endsWith("/mysqld")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no embedded MariaDB process found"));
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    /** Starts the server again on the same data directory and port, as its supervisor would. */
    private static void restart(List<String> command) throws IOException {
        File log = File.createTempFile("mariadb-restart", ".log");
        Process restarted = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log).start();
        Runtime.getRuntime().addShutdownHook(new Thread(restarted::destroy, "restarted-mariadb-stop"));
    }
}
