package eu.delisting.gateway.imports;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static eu.delisting.gateway.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Bulk imports: a file of URLs becomes 1,000-URL filings in the background, line by line accounted for. */
@QuarkusTest
class ImportTest {

    @Inject
    AgroalDataSource db;

    private static RequestSpecification upload(String organisation, String role, String contentType, String body) {
        return as(organisation, role).contentType(contentType).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Map<String, Object> awaitFinished(String organisation, String role, String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Map<String, Object> job = as(organisation, role).get("/api/v1/imports/" + id).then().statusCode(200)
                    .extract().jsonPath().getMap("");
            if (job.get("status").equals("DONE") || job.get("status").equals("FAILED")) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("import " + id + " did not finish within 60 s");
    }

    private static String urls(int count, String prefix) {
        return IntStream.range(0, count).mapToObj(i -> "https://allostreaming.com/" + prefix + "/" + i)
                .collect(Collectors.joining("\n", "url\n", "\n"));
    }

    @Test
    void aCsvFileIsFiledInRequestsOfAThousandAndEveryLineHasItsOutcome() throws Exception {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String prefix = UUID.randomUUID().toString();
        // 2,400 covered URLs, one out of scope with a mirror hint, one line without a URL, one duplicate.
        // As spreadsheets write it: a byte order mark, and CRLF line ends at the end.
        String file = "\uFEFF" + urls(2_400, prefix) + "https://allostreaming.net/film/1\r\n\"\"\r\nhttps://allostreaming.com/"
                + prefix + "/7\r\n";

        Response accepted = upload(parties.claimant(), "rights-holder", "text/csv", file)
                .post("/api/v1/orders/" + order + "/imports");
        accepted.then().statusCode(202).body("linesRead", equalTo(2_403)).body("claimant", equalTo(parties.claimant()));
        String id = accepted.path("id");
        assertThat(accepted.header("Location")).isEqualTo("/api/v1/imports/" + id);

        Map<String, Object> job = awaitFinished(parties.claimant(), "rights-holder", id);
        assertThat(job).containsEntry("status", "DONE").containsEntry("processed", 2_403)
                .containsEntry("filed", 2_401).containsEntry("refused", 2).containsEntry("percent", 100)
                .containsEntry("requests", 3);
        assertThat(Rows.count(db, "select count(*) from delisting_request where order_id = ?", order)).isEqualTo(3);
        assertThat(Rows.count(db, "select count(*) from notice where order_id = ?", order)).isEqualTo(2 * 2_400);
        assertThat(Rows.count(db, "select count(*) from audit_event where order_id = ? and action = 'REQUEST_FILED'",
                order)).isEqualTo(3);
        assertThat(Rows.count(db, "select count(*) from audit_event where record_id = ? and action in"
                + " ('IMPORT_ACCEPTED', 'IMPORT_COMPLETED')", id)).isEqualTo(2);

        String result = as(parties.claimant(), "rights-holder").accept("text/csv").get("/api/v1/imports/" + id + "/result")
                .then().statusCode(200).extract().asString();
        List<String> rows = result.lines().toList();
        assertThat(rows).hasSize(2_404);
        assertThat(rows.get(0)).isEqualTo("index,url,status,request_id,code,hint");
        assertThat(rows.get(1)).startsWith("0,https://allostreaming.com/" + prefix + "/0,FILED,");
        assertThat(rows.get(2_401)).isEqualTo("2400,https://allostreaming.net/film/1,REFUSED,,OUT_OF_SCOPE,POSSIBLE_MIRROR allostreaming.com");
        assertThat(rows.get(2_402)).isEqualTo("2401,,REFUSED,,MALFORMED_LINE,");
        assertThat(rows.get(2_403)).startsWith("2402,https://allostreaming.com/" + prefix + "/7,FILED,");
        // Another organisation learns nothing of the job.
        as(Api.registerOrganisation("rh", "RIGHTS_HOLDER"), "rights-holder").get("/api/v1/imports/" + id)
                .then().statusCode(404);
    }

    @Test
    void theSameFileAndKeyReturnTheSameJobAndAnotherFileWithThatKeyIsRefused() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String file = urls(3, UUID.randomUUID().toString());
        String first = upload(parties.claimant(), "rights-holder", "text/csv", file).header("Idempotency-Key", "batch-1")
                .post("/api/v1/orders/" + order + "/imports").then().statusCode(202).extract().path("id");
        upload(parties.claimant(), "rights-holder", "text/csv", file).header("Idempotency-Key", "batch-1")
                .post("/api/v1/orders/" + order + "/imports").then().statusCode(202)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
        upload(parties.claimant(), "rights-holder", "text/csv", file + "https://allostreaming.com/more\n")
                .header("Idempotency-Key", "batch-1").post("/api/v1/orders/" + order + "/imports")
                .then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertThat(Rows.count(db, "select count(*) from import_job where order_id = ?", order)).isEqualTo(1);
        assertThat(Rows.count(db, "select count(*) from import_line l join import_job j on j.id = l.job_id"
                + " where j.order_id = ?", order)).isEqualTo(3);
    }

    @Test
    void anAgentImportsNdjsonForItsPrincipalAndOnlyWhatTheOrderAndTheFileAllowIsAccepted() throws Exception {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String agent = Api.registerOrganisation("alpa", "AGENT");
        Api.operator().body(Map.of("agent", agent, "principal", parties.claimant())).post("/api/v1/mandates")
                .then().statusCode(201);
        String ndjson = "{\"url\":\"https://allostreaming.com/a\"}\n{\"url\":\"https://allostreaming.com/b\"}\nnot json\n";

        String id = upload(agent, "agent", "application/x-ndjson", ndjson)
                .post("/api/v1/orders/" + order + "/imports?onBehalfOf=" + parties.claimant())
                .then().statusCode(202).body("filedBy", equalTo(agent)).extract().path("id");
        Map<String, Object> job = awaitFinished(agent, "agent", id);
        assertThat(job).containsEntry("filed", 2).containsEntry("refused", 1);
        assertThat(Rows.count(db, "select count(*) from delisting_request where order_id = ? and claimant_id = ?"
                + " and filed_by_organisation = ?", order, parties.claimant(), agent)).isEqualTo(1);
        as(parties.claimant(), "rights-holder").get("/api/v1/imports/" + id).then().statusCode(200);

        upload(agent, "agent", "application/x-ndjson", ndjson).post("/api/v1/orders/" + order + "/imports")
                .then().statusCode(422).body("errors[0].field", equalTo("onBehalfOf"));
        upload(parties.claimant(), "rights-holder", "application/json", "{}").post("/api/v1/orders/" + order + "/imports")
                .then().statusCode(415).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        upload(parties.claimant(), "rights-holder", "text/csv", "url\n").post("/api/v1/orders/" + order + "/imports")
                .then().statusCode(422);
        upload(parties.engine(), "search-engine", "text/csv", "https://allostreaming.com/x\n")
                .post("/api/v1/orders/" + order + "/imports").then().statusCode(403);
        upload(Api.registerOrganisation("rh", "RIGHTS_HOLDER"), "rights-holder", "text/csv", "https://allostreaming.com/x\n")
                .post("/api/v1/orders/" + order + "/imports").then().statusCode(404);
        String tooMany = IntStream.range(0, 100_001).mapToObj(i -> "https://allostreaming.com/" + i)
                .collect(Collectors.joining("\n"));
        upload(parties.claimant(), "rights-holder", "text/csv", tooMany).post("/api/v1/orders/" + order + "/imports")
                .then().statusCode(413).body("code", equalTo("BATCH_TOO_LARGE"));
        assertThat(Rows.count(db, "select count(*) from import_job where order_id = ?", order)).isEqualTo(1);
    }

    /**
     * A replica that holds a job (its row locked), does part of a chunk and dies before committing: no other
     * replica files the job meanwhile, nothing of the dead chunk remains, and the job resumes from what the
     * database says and files every line exactly once.
     */
    @Test
    void aJobHeldByAReplicaThatDiesMidChunkResumesAndEveryLineIsFiledOnce() throws Exception {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String id;
        try (Connection replica = db.getConnection()) {
            replica.setAutoCommit(false);
            id = upload(parties.claimant(), "rights-holder", "text/csv", urls(2_500, UUID.randomUUID().toString()))
                    .post("/api/v1/orders/" + order + "/imports").then().statusCode(202).extract().path("id");
            try (PreparedStatement hold = replica.prepareStatement("select id from import_job where id = ? for update")) {
                hold.setString(1, id);
                hold.executeQuery().close();
            }
            long processed = Rows.count(db, "select lines_done from import_job where id = ?", id);
            // The dying replica's partial chunk: lines marked filed, progress counted, never committed.
            try (PreparedStatement partial = replica.prepareStatement("update import_line set status = 'FILED',"
                    + " request_id = 'dead-replica' where job_id = ? and status = 'PENDING' limit 500");
                 PreparedStatement progress = replica.prepareStatement("update import_job set lines_done = lines_done"
                         + " + 500, filed = filed + 500, requests = requests + 1, status = 'RUNNING' where id = ?")) {
                partial.setString(1, id);
                partial.executeUpdate();
                progress.setString(1, id);
                progress.executeUpdate();
            }
            Thread.sleep(2_500);
            assertThat(Rows.count(db, "select lines_done from import_job where id = ?", id))
                    .as("progress while another replica holds the job").isEqualTo(processed);
            replica.rollback();
        }
        Map<String, Object> job = awaitFinished(parties.claimant(), "rights-holder", id);
        assertThat(job).containsEntry("status", "DONE").containsEntry("filed", 2_500).containsEntry("requests", 3);
        assertThat(Rows.count(db, "select count(*) from notice where order_id = ?", order)).isEqualTo(2_500);
        assertThat(Rows.count(db, "select count(*) from import_line where job_id = ? and status = 'FILED'"
                + " and request_id <> 'dead-replica'", id)).isEqualTo(2_500);
        assertThat(Rows.count(db, "select count(*) from delisting_request where order_id = ?", order)).isEqualTo(3);
    }

    /** A mandate revoked while its agent's import waits: the job ends, every line refused with the order's answer. */
    @Test
    void anImportWhoseMandateIsRevokedEndsWithEveryRemainingLineRefused() throws Exception {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String agent = Api.registerOrganisation("alpa", "AGENT");
        String mandate = Api.operator().body(Map.of("agent", agent, "principal", parties.claimant()))
                .post("/api/v1/mandates").then().statusCode(201).extract().path("id");
        String id;
        try (Connection replica = db.getConnection()) {
            replica.setAutoCommit(false);
            id = upload(agent, "agent", "text/csv", urls(1_500, UUID.randomUUID().toString()))
                    .post("/api/v1/orders/" + order + "/imports?onBehalfOf=" + parties.claimant())
                    .then().statusCode(202).extract().path("id");
            try (PreparedStatement hold = replica.prepareStatement("select id from import_job where id = ? for update")) {
                hold.setString(1, id);
                hold.executeQuery().close();
            }
            long filedBefore = Rows.count(db, "select filed from import_job where id = ?", id);
            Api.operator().body(Map.of("reason", "Agreement ended")).post("/api/v1/mandates/" + mandate + "/revocation")
                    .then().statusCode(200);
            replica.rollback();
            Map<String, Object> job = awaitFinished(agent, "agent", id);
            assertThat(job).containsEntry("status", "FAILED").containsEntry("processed", 1_500)
                    .containsEntry("filed", (int) filedBefore);
            assertThat(((Map<?, ?>) job.get("failure")).get("code")).isEqualTo("NOT_A_PARTY");
        }
        assertThat(Rows.count(db, "select count(*) from import_line where job_id = ? and status = 'REFUSED'"
                + " and code = 'NOT_A_PARTY'", id)).isEqualTo(1_500 - Rows.count(db,
                "select filed from import_job where id = ?", id));
        assertThat(Rows.count(db, "select count(*) from import_line where job_id = ? and status = 'PENDING'", id)).isZero();
    }
}
