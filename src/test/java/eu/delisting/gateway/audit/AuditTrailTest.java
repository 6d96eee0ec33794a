package eu.delisting.gateway.audit;

import eu.delisting.gateway.hashing.Sha256;
import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import eu.delisting.gateway.support.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static eu.delisting.gateway.support.Api.as;
import static eu.delisting.gateway.support.Api.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class AuditTrailTest {

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void entriesAppendedByAClockFinerThanTheDatabaseStillVerify() throws SQLException {
        // A clock with nanoseconds (the JDK's own on Linux): the database keeps microseconds. After the chain's head
        // (an earlier test may have appended at a clock moved ahead), so that the entries take this very instant.
        Instant head;
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select last_at from audit_chain where id = 1")) {
            rs.next();
            Object at = rs.getObject(1);
            head = at == null ? Instant.EPOCH : eu.delisting.gateway.database.DatabaseTime.toInstant(at);
        }
        Instant fine = (head.isAfter(Instant.now()) ? head : Instant.now()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .plusSeconds(2).plusNanos(123_456_789);
        clock.freezeAt(fine);
        String organisation = Api.registerOrganisation("fine", "RIGHTS_HOLDER");
        clock.freezeAt(fine.plusNanos(999));
        Api.registerOrganisation("fine", "RIGHTS_HOLDER");
        clock.reset();

        assertThat(Rows.count(db, "select count(*) from audit_event where record_id = ? and occurred_at = ?",
                organisation, java.time.LocalDateTime.ofInstant(fine, java.time.ZoneOffset.UTC)
                        .truncatedTo(java.time.temporal.ChronoUnit.MICROS))).isEqualTo(1);
        operator().get("/api/v1/audit/verification").then().statusCode(200).body("valid", equalTo(true));
    }

    private String appoint(String order, Instant from, Instant until) {
        String auditor = Api.registerOrganisation("aud", "AUDITOR");
        operator().body(Map.of("organisation", auditor, "from", from.toString(), "until", until.toString()))
                .post("/api/v1/orders/" + order + "/auditors")
                .then().statusCode(201).body("organisation", equalTo(auditor)).body("orderId", equalTo(order));
        return auditor;
    }

    @Test
    void anAuditorReadsDuringItsMandateOnlyAndWritesNothing() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        Instant now = Instant.now();
        String auditor = appoint(order, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(10)));
        String later = appoint(order, now.plus(Duration.ofDays(5)), now.plus(Duration.ofDays(20)));
        String request = Api.file(parties.claimant(), order, "https://allostreaming.com/audited");

        as(auditor, "auditor").get("/api/v1/orders/" + order).then().statusCode(200);
        as(auditor, "auditor").get("/api/v1/requests/" + request).then().statusCode(200);
        as(auditor, "auditor").get("/api/v1/notices?orderId=" + order).then().statusCode(200)
                .body("items.requestId", hasItem(request));
        as(later, "auditor").get("/api/v1/orders/" + order).then().statusCode(403);
        as(auditor, "auditor").body(Map.of("urls", List.of("https://allostreaming.com/x")))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(403);

        clock.advance(Duration.ofDays(11));
        as(auditor, "auditor").get("/api/v1/orders/" + order).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as(later, "auditor").get("/api/v1/orders/" + order).then().statusCode(200);

        assertThat(Rows.count(db, "select count(*) from audit_event where action = 'AUDITOR_READ' and organisation_id = ?",
                auditor)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void appointmentsAreValidated() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        operator().body(Map.of("organisation", parties.engine(), "from", "2026-12-01T00:00:00Z", "until", "2026-11-01T00:00:00Z"))
                .post("/api/v1/orders/" + order + "/auditors")
                .then().statusCode(422)
                .body("errors.code", hasItems("WRONG_KIND", "BEFORE_FROM"));
        operator().body(Map.of("organisation", parties.engine(), "from", "x", "until", "y"))
                .post("/api/v1/orders/00000000-0000-0000-0000-000000000000/auditors").then().statusCode(404);
    }

    @Test
    void everyChangeIsChainedAndTheChainVerifies() {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String auditor = appoint(order, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)));
        Api.file(parties.claimant(), order, "https://allostreaming.com/chained");

        Response events = as(auditor, "auditor").get("/api/v1/audit/events?orderId=" + order);
        events.then().statusCode(200)
                .body("items.action", hasItems("ORDER_ISSUED", "AUDITOR_APPOINTED", "REQUEST_FILED"));
        List<Map<String, Object>> items = events.path("items");
        for (int i = 1; i < items.size(); i++) {
            assertThat(((Number) items.get(i).get("seq")).longValue())
                    .isGreaterThan(((Number) items.get(i - 1).get("seq")).longValue());
        }
        as(auditor, "auditor").get("/api/v1/audit/verification").then().statusCode(200)
                .body("valid", equalTo(true))
                .body("entries", greaterThan(3));
        as(auditor, "auditor").get("/api/v1/audit/events").then().statusCode(422);
    }

    @Test
    void theDatabaseRefusesToRewriteTheLog() {
        Api.registerOrganisation("rh", "RIGHTS_HOLDER");
        assertThatThrownBy(() -> Rows.execute(db, "update audit_event set action = 'NOTHING' where seq = 1"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> Rows.execute(db, "delete from audit_event where seq = 1"))
                .hasMessageContaining("append-only");
    }

    // --- Tampering, with the append-only triggers lifted for the test and everything put back after.

    private record Entry(long seq, Map<String, Object> columns) {
    }

    private static final List<String> COLUMNS = List.of("seq", "occurred_at", "organisation_id", "subject", "action",
            "record_type", "record_id", "order_id", "detail", "digest", "prev_hash", "hash");

    private Entry load(Connection c, long seq) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("select * from audit_event where seq = ?")) {
            st.setLong(1, seq);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                Map<String, Object> columns = new java.util.LinkedHashMap<>();
                for (String column : COLUMNS) {
                    columns.put(column, rs.getObject(column));
                }
                return new Entry(seq, columns);
            }
        }
    }

    private void insert(Connection c, Map<String, Object> columns) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("insert into audit_event (" + String.join(",", COLUMNS)
                + ") values (" + String.join(",", COLUMNS.stream().map(x -> "?").toList()) + ")")) {
            for (int i = 0; i < COLUMNS.size(); i++) {
                st.setObject(i + 1, columns.get(COLUMNS.get(i)));
            }
            st.executeUpdate();
        }
    }

    interface Tamper {
        void apply(Connection c) throws SQLException;
    }

    /** Lifts the triggers, tampers, asks for verification, then restores rows and triggers. */
    private Response tamperAndVerify(List<Long> touched, Tamper tamper, Tamper restoreExtra) throws SQLException {
        return tamperAndVerify(touched, tamper, restoreExtra, "/api/v1/audit/verification");
    }

    private Response tamperAndVerify(List<Long> touched, Tamper tamper, Tamper restoreExtra, String verification)
            throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            List<Entry> originals = new ArrayList<>();
            for (long seq : touched) {
                originals.add(load(c, seq));
            }
            st.execute("drop trigger audit_event_no_update");
            st.execute("drop trigger audit_event_no_delete");
            try {
                tamper.apply(c);
                return operator().get(verification);
            } finally {
                // The triggers come back whatever the restore does: a log left writable would fail later tests
                // for no reason they could name.
                try {
                    restoreExtra.apply(c);
                    for (Entry e : originals) {
                        st.execute("delete from audit_event where seq = " + e.seq());
                    }
                    for (Entry e : originals) {
                        insert(c, e.columns());
                    }
                } finally {
                    st.execute("create trigger audit_event_no_update before update on audit_event for each row"
                            + " signal sqlstate '45000' set message_text = 'audit_event is append-only'");
                    st.execute("create trigger audit_event_no_delete before delete on audit_event for each row"
                            + " signal sqlstate '45000' set message_text = 'audit_event is append-only'");
                }
            }
        }
    }

    interface AtHead {
        void apply(long head) throws SQLException;
    }

    /** Runs {@code work} in one transaction holding the chain head's lock, as the gateway's appends take it. */
    private static void underHeadLock(Connection c, AtHead work) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select last_seq from audit_chain where id = 1 for update")) {
            rs.next();
            work.apply(rs.getLong(1));
            c.commit();
        } catch (Throwable e) {
            // Nothing half done is committed (turning auto-commit back on below would commit it).
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private long[] twoEntries() {
        Api.registerOrganisation("tamper", "RIGHTS_HOLDER");
        Api.registerOrganisation("tamper", "RIGHTS_HOLDER");
        long head = Rows.count(db, "select last_seq from audit_chain where id = 1");
        return new long[]{head - 1, head};
    }

    @Test
    void anEditedEntryIsNamed() throws SQLException {
        long[] seqs = twoEntries();
        long target = seqs[0];
        Response verdict = tamperAndVerify(List.of(target), c -> {
            try (Statement st = c.createStatement()) {
                st.execute("update audit_event set organisation_id = 'someone-else' where seq = " + target);
            }
        }, c -> { });
        verdict.then().statusCode(200).body("valid", equalTo(false))
                .body("brokenAt.seq", equalTo((int) target))
                .body("brokenAt.reason", equalTo("ENTRY_ALTERED"));
        operator().get("/api/v1/audit/verification").then().body("valid", equalTo(true));
    }

    @Test
    void aDeletedEntryIsNamed() throws SQLException {
        long[] seqs = twoEntries();
        Response verdict = tamperAndVerify(List.of(seqs[0]), c -> {
            try (Statement st = c.createStatement()) {
                st.execute("delete from audit_event where seq = " + seqs[0]);
            }
        }, c -> { });
        verdict.then().statusCode(200).body("valid", equalTo(false))
                .body("brokenAt.seq", equalTo((int) seqs[1]))
                .body("brokenAt.reason", equalTo("MISSING_ENTRY"))
                .body("brokenAt.detail", containsString(String.valueOf(seqs[0])));
        operator().get("/api/v1/audit/verification").then().body("valid", equalTo(true));
    }

    @Test
    void twoSwappedEntriesAreNamed() throws SQLException {
        long[] seqs = twoEntries();
        Response verdict = tamperAndVerify(List.of(seqs[0], seqs[1]), c -> {
            Entry a = load(c, seqs[0]);
            Entry b = load(c, seqs[1]);
            try (Statement st = c.createStatement()) {
                st.execute("delete from audit_event where seq in (" + seqs[0] + "," + seqs[1] + ")");
            }
            Map<String, Object> first = new java.util.LinkedHashMap<>(b.columns());
            first.put("seq", seqs[0]);
            Map<String, Object> second = new java.util.LinkedHashMap<>(a.columns());
            second.put("seq", seqs[1]);
            insert(c, first);
            insert(c, second);
        }, c -> { });
        verdict.then().statusCode(200).body("valid", equalTo(false))
                .body("brokenAt.seq", equalTo((int) seqs[0]))
                .body("brokenAt.reason", equalTo("PREVIOUS_HASH_MISMATCH"));
        operator().get("/api/v1/audit/verification").then().body("valid", equalTo(true));
    }

    @Test
    void anEntryInsertedWithABackDatedInstantIsNamed() throws SQLException {
        twoEntries();
        // The forged entry goes on the head as the gateway appends, under the head's lock, and comes off the same way:
        // the gateway's own work in the background (sweeps, imports, webhooks) appends meanwhile as it would anyway,
        // after the forged entry, and those entries go with it.
        long[] at = new long[1];
        Response verdict = tamperAndVerify(List.of(), c -> underHeadLock(c, head -> {
            // A careful forger: a well-formed entry, correctly hashed and linked, dated a day back.
            long forged = head + 1;
            at[0] = forged;
            Entry last = load(c, head);
            String detail = "{\"note\":\"backdated\"}";
            Instant backdated = Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            Map<String, Object> columns = new java.util.LinkedHashMap<>();
            columns.put("seq", forged);
            columns.put("occurred_at", java.time.LocalDateTime.ofInstant(backdated, java.time.ZoneOffset.UTC));
            columns.put("organisation_id", "operator");
            columns.put("subject", "forger");
            columns.put("action", "ORGANISATION_REGISTERED");
            columns.put("record_type", "organisation");
            columns.put("record_id", "ghost");
            columns.put("order_id", null);
            columns.put("detail", detail);
            columns.put("digest", Sha256.hex(detail));
            columns.put("prev_hash", last.columns().get("hash"));
            StringBuilder canonical = new StringBuilder();
            for (String field : new String[]{String.valueOf(forged), AuditChain.INSTANT.format(backdated), "operator", "forger",
                    "ORGANISATION_REGISTERED", "organisation", "ghost", "", Sha256.hex(detail),
                    (String) last.columns().get("hash")}) {
                canonical.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field).append('\n');
            }
            String hash = Sha256.hex(canonical.toString());
            columns.put("hash", hash);
            insert(c, columns);
            try (Statement st = c.createStatement()) {
                st.execute("update audit_chain set last_seq = " + forged + ", last_hash = '" + hash + "' where id = 1");
            }
        }), c -> {
            if (at[0] == 0) {
                return; // nothing was forged
            }
            underHeadLock(c, head -> {
                try (Statement st = c.createStatement();
                     PreparedStatement move = c.prepareStatement(
                             "update audit_chain set last_seq = ?, last_hash = ?, last_at = ? where id = 1")) {
                    st.execute("delete from audit_event where seq >= " + at[0]);
                    Entry last = load(c, at[0] - 1);
                    move.setLong(1, last.seq());
                    move.setObject(2, last.columns().get("hash"));
                    move.setObject(3, last.columns().get("occurred_at"));
                    move.executeUpdate();
                }
            });
        });
        long forged = at[0];
        verdict.then().statusCode(200).body("valid", equalTo(false))
                .body("brokenAt.seq", equalTo((int) forged))
                .body("brokenAt.reason", equalTo("INSTANT_BACKWARDS"));
        operator().get("/api/v1/audit/verification").then().body("valid", equalTo(true));
    }

    @Test
    void aSignedCheckpointProvesLaterThatTheLogWasNotRewritten() throws Exception {
        Api.registerOrganisation("cp", "RIGHTS_HOLDER");
        Response checkpoint = operator().get("/api/v1/audit/checkpoint");
        checkpoint.then().statusCode(200).body("algorithm", equalTo("Ed25519"));
        long seq = ((Number) checkpoint.path("seq")).longValue();
        String hash = checkpoint.path("hash");

        String pem = operator().get("/api/v1/audit/checkpoint-key").then().statusCode(200).extract().path("publicKey");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        verifier.update(checkpoint.<String>path("signedPayload").getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(checkpoint.<String>path("signature")))).isTrue();
        assertThat(checkpoint.<String>path("signedPayload")).contains("seq=" + seq, "hash=" + hash);

        Api.registerOrganisation("cp", "RIGHTS_HOLDER");
        operator().get("/api/v1/audit/verification?checkpointSeq=" + seq + "&checkpointHash=" + hash)
                .then().statusCode(200).body("valid", equalTo(true)).body("checkpoint.matches", equalTo(true));
        operator().get("/api/v1/audit/verification?checkpointSeq=" + seq + "&checkpointHash=" + "f".repeat(64))
                .then().statusCode(200).body("valid", equalTo(false))
                .body("brokenAt.reason", equalTo("CHECKPOINT_MISMATCH"));
    }

    @Test
    void verificationFromTheEntryAfterASignedCheckpointWalksOnlyTheNewEntriesAnchoredToIt() throws SQLException {
        Api.registerOrganisation("inc", "RIGHTS_HOLDER");
        Response checkpoint = operator().get("/api/v1/audit/checkpoint");
        long seq = ((Number) checkpoint.path("seq")).longValue();
        String hash = checkpoint.path("hash");
        Api.registerOrganisation("inc", "RIGHTS_HOLDER");
        Api.registerOrganisation("inc", "RIGHTS_HOLDER");

        Response verdict = operator().get("/api/v1/audit/verification?from=" + (seq + 1) + "&checkpointSeq=" + seq
                + "&checkpointHash=" + hash);

        verdict.then().statusCode(200).body("valid", equalTo(true))
                .body("from", equalTo((int) seq))
                .body("checkpoint.seq", equalTo((int) seq))
                .body("checkpoint.matches", equalTo(true));
        long head = ((Number) verdict.path("headSeq")).longValue();
        assertThat(head).isGreaterThanOrEqualTo(seq + 2);
        assertThat(((Number) verdict.path("entries")).longValue()).as("the checkpoint's entry and the ones after it")
                .isEqualTo(head - seq + 1);
        operator().get("/api/v1/audit/verification?from=" + (seq + 1) + "&checkpointSeq=" + seq + "&checkpointHash="
                        + "f".repeat(64))
                .then().statusCode(200).body("valid", equalTo(false))
                .body("brokenAt.seq", equalTo((int) seq))
                .body("brokenAt.reason", equalTo("CHECKPOINT_MISMATCH"));
        // The checkpoint's entry altered, its stored hash left as signed: recomputed, the entry no longer matches it.
        tamperAndVerify(List.of(seq), c -> {
            try (Statement st = c.createStatement()) {
                st.execute("update audit_event set organisation_id = 'someone-else' where seq = " + seq);
            }
        }, c -> { }, "/api/v1/audit/verification?from=" + (seq + 1) + "&checkpointSeq=" + seq + "&checkpointHash=" + hash)
                .then().statusCode(200).body("valid", equalTo(false))
                .body("brokenAt.seq", equalTo((int) seq))
                .body("brokenAt.reason", equalTo("ENTRY_ALTERED"));
        operator().get("/api/v1/audit/verification").then().body("valid", equalTo(true));
    }
}
