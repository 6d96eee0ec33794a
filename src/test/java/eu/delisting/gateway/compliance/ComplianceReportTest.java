package eu.delisting.gateway.compliance;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static eu.delisting.gateway.support.Api.as;
import static eu.delisting.gateway.support.Api.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class ComplianceReportTest {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theReportCountsStatesOverdueLateDelaysAndCoverageGaps() {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String google = parties.engines().get(0);
        String bing = parties.engines().get(1);
        Api.file(parties.claimant(), order, "https://allostreaming.com/1", "https://allostreaming.com/2",
                "https://allostreaming.com/3");
        io.restassured.response.Response queue = as(google, "search-engine").get("/api/v1/notices?orderId=" + order);
        List<String> googles = queue.path("items.id");
        List<String> created = queue.path("items.createdAt");
        // Delisted exactly an hour after each notice was issued (stated, not read from a clock a busy machine delays).
        clock.advance(Duration.ofHours(2));
        as(google, "search-engine").body(Map.of("status", "DELISTED",
                "effectiveAt", Instant.parse(created.get(0)).plus(Duration.ofHours(1)).toString(),
                "territories", List.of("FR"))).post("/api/v1/notices/" + googles.get(0) + "/acknowledgements")
                .then().statusCode(201);
        as(google, "search-engine").body(Map.of("status", "DELISTED",
                "effectiveAt", Instant.parse(created.get(1)).plus(Duration.ofHours(1)).toString(),
                "territories", List.of("BE"))).post("/api/v1/notices/" + googles.get(1) + "/acknowledgements")
                .then().statusCode(201);

        clock.advance(Duration.ofDays(40));
        String auditor = Api.registerOrganisation("aud", "AUDITOR");
        operator().body(Map.of("organisation", auditor, "from", Instant.now().toString(),
                "until", Instant.now().plus(Duration.ofDays(400)).toString()))
                .post("/api/v1/orders/" + order + "/auditors").then().statusCode(201);

        as(auditor, "auditor").get("/api/v1/orders/" + order + "/compliance")
                .then().statusCode(200)
                .body("addressees", hasSize(2))
                .body("addressees.find { it.addressee == '" + google + "' }.notices", equalTo(3))
                .body("addressees.find { it.addressee == '" + google + "' }.byStatus.DELISTED", equalTo(2))
                .body("addressees.find { it.addressee == '" + google + "' }.overdue", equalTo(1))
                .body("addressees.find { it.addressee == '" + google + "' }.coverageGaps", equalTo(1))
                .body("addressees.find { it.addressee == '" + google + "' }.filingToDelisting.medianSeconds", equalTo(3600))
                .body("addressees.find { it.addressee == '" + bing + "' }.overdue", equalTo(3))
                .body("addressees.find { it.addressee == '" + bing + "' }.byStatus.PENDING", equalTo(3));

        io.restassured.response.Response response = as(auditor, "auditor").accept("text/csv")
                .get("/api/v1/orders/" + order + "/compliance");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/csv");
        String csv = response.asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("notice_id,addressee,url,canonical_url,status");
        assertThat(lines).hasSize(1 + 6);
        assertThat(csv).contains("DELISTED@");
        // Written a page of notices at a time (two in tests): every notice once, in feed order, as the JSON lists them.
        List<String> ids = as(auditor, "auditor").get("/api/v1/orders/" + order + "/compliance").path("notices.noticeId");
        assertThat(lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList())
                .containsExactlyElementsOf(ids);
        // The JSON is written the same way, its figures counted from the lines it wrote: six notices, once each.
        assertThat(ids).hasSize(6).doesNotHaveDuplicates();

        as(parties.claimant(), "rights-holder").get("/api/v1/orders/" + order + "/compliance").then().statusCode(403);
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAreNeutralised() {
        ComplianceService.NoticeLine line = new ComplianceService.NoticeLine("n1", "google", "=HYPERLINK(\"x\")",
                "https://a.com/", eu.delisting.gateway.notices.NoticeStatus.PENDING, Instant.EPOCH, null, false, false,
                null, java.util.Set.of(), false, 0, "+cmd");
        String csv = ComplianceService.csvRow(line);
        assertThat(csv).contains("\"'=HYPERLINK(\"\"x\"\")\"").contains(",'+cmd");
    }
}
