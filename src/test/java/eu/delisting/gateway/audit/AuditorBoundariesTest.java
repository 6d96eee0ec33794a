package eu.delisting.gateway.audit;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static eu.delisting.gateway.support.Api.as;
import static eu.delisting.gateway.support.Api.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** What an auditor can reach and leave behind outside its mandate, and what a refusal tells a prober. */
@QuarkusTest
class AuditorBoundariesTest {

    @Inject
    AgroalDataSource db;

    private static void appoint(String order, String auditor, Instant from, Instant until) {
        operator().body(Map.of("organisation", auditor, "from", from.toString(), "until", until.toString()))
                .post("/api/v1/orders/" + order + "/auditors").then().statusCode(201);
    }

    @Test
    void anAuditorPollingAnOrderItDoesNotAuditGets404AndNothingIsWrittenIntoThatOrdersTrail() {
        String audited = Api.issueOrder(Api.parties(1, 1), "allostreaming.com");
        String other = Api.issueOrder(Api.parties(1, 1), "allostreaming.com");
        String auditor = Api.registerOrganisation("au", "AUDITOR");
        appoint(audited, auditor, Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(30, ChronoUnit.DAYS));
        long before = Rows.count(db, "select count(*) from audit_event where order_id = ?", other);

        as(auditor, "auditor").queryParam("orderId", other).get("/api/v1/notices").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        as(auditor, "auditor").queryParam("orderId", "not-an-order").get("/api/v1/notices").then().statusCode(404);
        as(auditor, "auditor").queryParam("orderId", "x".repeat(37)).get("/api/v1/notices").then().statusCode(422)
                .body("errors[0].field", equalTo("orderId"));
        as(auditor, "auditor").queryParam("orderId", audited).get("/api/v1/notices").then().statusCode(200);
        as(auditor, "auditor").get("/api/v1/orders/" + other + "/requests").then().statusCode(404);
        as(auditor, "auditor").get("/api/v1/orders/" + other + "/mirrors").then().statusCode(404);
        as(auditor, "auditor").get("/api/v1/orders/" + other + "/compliance").then().statusCode(404);
        as(auditor, "auditor").queryParam("orderId", other).get("/api/v1/audit/events").then().statusCode(404);

        assertThat(Rows.count(db, "select count(*) from audit_event where order_id = ?", other)).isEqualTo(before);
        assertThat(Rows.count(db, "select count(*) from audit_event where action = 'AUDITOR_READ'"
                + " and organisation_id = ? and order_id = ?", auditor, audited)).isEqualTo(1);
        assertThat(Rows.count(db, "select count(*) from audit_event where action = 'AUDITOR_READ'"
                + " and organisation_id = ? and (order_id is null or order_id <> ?)", auditor, audited)).isZero();
    }

    @Test
    void anAuditorWhoseMandateEndedNoLongerFindsTheOrderInItsList() {
        String ended = Api.issueOrder(Api.parties(1, 1), "allostreaming.com");
        String current = Api.issueOrder(Api.parties(1, 1), "allostreaming.com");
        String auditor = Api.registerOrganisation("au", "AUDITOR");
        appoint(ended, auditor, Instant.now().minus(30, ChronoUnit.DAYS), Instant.now().minus(1, ChronoUnit.DAYS));
        appoint(current, auditor, Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(30, ChronoUnit.DAYS));

        as(auditor, "auditor").get("/api/v1/orders/" + ended).then().statusCode(403);
        as(auditor, "auditor").get("/api/v1/orders").then().statusCode(200)
                .body("items.id", hasItem(current))
                .body("items.id", not(hasItem(ended)));
    }

    /**
     * Refusing an order id that exists but is someone else's must cost what refusing an absent one costs,
     * or the time of a 404 tells a prober which ids exist. Interleaved pairs; medians compared.
     */
    @Test
    void aForeignIdAndAnAbsentIdAreRefusedInTheSameTime() {
        Api.Parties mine = Api.parties(1, 1);
        Api.Parties theirs = Api.parties(1, 1);
        String foreignOrder = Api.issueOrder(theirs, "allostreaming.com");
        String foreignRequest = Api.file(theirs.claimant(), foreignOrder, "https://allostreaming.com/timing");
        String prober = mine.claimant();

        compare(() -> "/api/v1/orders/" + foreignOrder, () -> "/api/v1/orders/" + UUID.randomUUID(), prober);
        compare(() -> "/api/v1/requests/" + foreignRequest, () -> "/api/v1/requests/" + UUID.randomUUID(), prober);
        compare(() -> "/api/v1/orders/" + foreignOrder + "/requests",
                () -> "/api/v1/orders/" + UUID.randomUUID() + "/requests", prober);
        String foreignNotice = as(theirs.engine(), "search-engine").get("/api/v1/notices?orderId=" + foreignOrder)
                .path("items[0].id");
        compare(() -> "/api/v1/notices/" + foreignNotice, () -> "/api/v1/notices/" + UUID.randomUUID(), prober);
    }

    private static void compare(Supplier<String> foreign, Supplier<String> absent, String prober) {
        for (int i = 0; i < 30; i++) { // warm both paths
            time(prober, foreign.get());
            time(prober, absent.get());
        }
        List<Long> foreignTimes = new ArrayList<>();
        List<Long> absentTimes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            boolean foreignFirst = i % 2 == 0;
            long a = time(prober, foreignFirst ? foreign.get() : absent.get());
            long b = time(prober, foreignFirst ? absent.get() : foreign.get());
            foreignTimes.add(foreignFirst ? a : b);
            absentTimes.add(foreignFirst ? b : a);
        }
        double foreignMedian = median(foreignTimes) / 1_000_000.0;
        double absentMedian = median(absentTimes) / 1_000_000.0;
        System.out.printf("404 timing %s: foreign median %.2f ms, absent median %.2f ms%n", foreign.get(),
                foreignMedian, absentMedian);
        // Either way round: a foreign id answered faster than an absent one would tell just as much.
        assertThat(foreignMedian).as("foreign vs absent median (ms) for " + foreign.get())
                .isLessThanOrEqualTo(Math.max(absentMedian * 1.25, absentMedian + 0.5));
        assertThat(absentMedian).as("absent vs foreign median (ms) for " + foreign.get())
                .isLessThanOrEqualTo(Math.max(foreignMedian * 1.25, foreignMedian + 0.5));
    }

    private static long time(String prober, String path) {
        RequestSpecification spec = as(prober, "rights-holder");
        long start = System.nanoTime();
        int status = spec.get(path).statusCode();
        long elapsed = System.nanoTime() - start;
        assertThat(status).isEqualTo(404);
        return elapsed;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
