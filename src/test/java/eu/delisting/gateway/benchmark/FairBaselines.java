package eu.delisting.gateway.benchmark;

import eu.delisting.gateway.audit.AuditChainFiller;
import eu.delisting.gateway.hashing.Sha256;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Baselines that write by raw JDBC what the gateway writes for the same outcome: the same rows (requests and
 * their items, notices, acknowledgements), the same feed events, the same audit entries chained the same way,
 * the same locks and one commit per unit of work. What is left between a workload and its fair baseline is
 * the cost of HTTP, tokens, framework and the gateway's own code.
 */
final class FairBaselines {

    /** Opens a connection to the benchmark's database. */
    interface Db {
        Connection open() throws SQLException;
    }

    private final Db db;

    FairBaselines(Db db) {
        this.db = db;
    }

    /**
     * W1's outcome, one transaction per request: the order's row share-locked, the active notices of those URLs
     * looked up, the request and its items, feed positions reserved and the notices inserted, one
     * {@code NOTICE_CREATED} event per notice at the next feed positions, one {@code REQUEST_FILED} audit entry.
     * Returns notices per second.
     */
    double filing(String orderId, List<String> claimants, List<String> engines, int requests,
                  IntFunction<List<String>> urlsOf) throws SQLException {
        int notices = 0;
        try (Connection c = db.open()) {
            c.setAutoCommit(false);
            long started = System.nanoTime();
            try (PreparedStatement order = c.prepareStatement(
                    "SELECT version FROM court_order WHERE id = ? LOCK IN SHARE MODE");
                 PreparedStatement request = c.prepareStatement("INSERT INTO delisting_request (id, order_id,"
                         + " order_version, claimant_id, filed_by, client_reference, addressees, filed_at, url_count,"
                         + " notice_count, filed_by_organisation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement item = c.prepareStatement("INSERT INTO request_item (request_id, position,"
                         + " filed_url, canonical_url, matched_kind, matched_value) VALUES (?, ?, ?, ?, 'DOMAIN', ?)");
                 PreparedStatement lockSeq = c.prepareStatement("SELECT next FROM notice_sequence WHERE id = 1 FOR UPDATE");
                 PreparedStatement reserve = c.prepareStatement("UPDATE notice_sequence SET next = next + ? WHERE id = 1");
                 PreparedStatement notice = c.prepareStatement("INSERT INTO notice (id, seq, order_id, request_id,"
                         + " item_position, url_hash, claimant_id, addressee_id, status, created_at, due_at,"
                         + " measure_ends_at, overdue, late, version, updated_at)"
                         + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, FALSE, FALSE, 1, ?)");
                 PreparedStatement tally = c.prepareStatement("INSERT INTO notice_tally_change (addressee_id, status, delta)"
                         + " VALUES (?, 'PENDING', ?)");
                 PreparedStatement lockFeed = c.prepareStatement("SELECT next FROM event_sequence WHERE id = 1 FOR UPDATE");
                 PreparedStatement advance = c.prepareStatement("UPDATE event_sequence SET next = next + ? WHERE id = 1");
                 PreparedStatement event = c.prepareStatement("INSERT INTO event (seq, organisation_id, type, order_id,"
                         + " notice_id, occurred_at, payload) VALUES (?, ?, 'NOTICE_CREATED', ?, ?, ?, ?)")) {
                for (int r = 0; r < requests; r++) {
                    List<String> urls = urlsOf.apply(r);
                    String claimant = claimants.get(r % claimants.size());
                    order.setString(1, orderId);
                    int version;
                    try (ResultSet rs = order.executeQuery()) {
                        rs.next();
                        version = rs.getInt(1);
                    }
                    List<String> hashes = urls.stream().map(Sha256::hex).toList();
                    try (PreparedStatement active = c.prepareStatement("SELECT id FROM notice WHERE order_id = ?"
                            + " AND addressee_id IN (" + marks(engines.size()) + ") AND active_url_hash IN ("
                            + marks(hashes.size()) + ")")) {
                        int p = 1;
                        active.setString(p++, orderId);
                        for (String e : engines) {
                            active.setString(p++, e);
                        }
                        for (String h : hashes) {
                            active.setString(p++, h);
                        }
                        try (ResultSet rs = active.executeQuery()) {
                            if (rs.next()) {
                                throw new IllegalStateException("The fair baseline found an active notice");
                            }
                        }
                    }
                    Instant now = Instant.now();
                    Timestamp at = Benchmark.utc(now);
                    Timestamp due = Benchmark.utc(now.plus(Duration.ofDays(15)));
                    Timestamp end = Benchmark.utc(now.plus(Duration.ofDays(380)));
                    String requestId = UUID.randomUUID().toString();
                    request.setString(1, requestId);
                    request.setString(2, orderId);
                    request.setInt(3, version);
                    request.setString(4, claimant);
                    request.setString(5, "service-account-" + claimant);
                    request.setString(6, "fair-" + r);
                    request.setString(7, String.join(",", engines));
                    request.setTimestamp(8, at);
                    request.setInt(9, urls.size());
                    request.setInt(10, urls.size() * engines.size());
                    request.setString(11, claimant);
                    request.executeUpdate();
                    for (int i = 0; i < urls.size(); i++) {
                        item.setString(1, requestId);
                        item.setInt(2, i);
                        item.setString(3, urls.get(i));
                        item.setString(4, urls.get(i));
                        item.setString(5, site(urls.get(i)));
                        item.addBatch();
                    }
                    item.executeBatch();
                    long next;
                    try (ResultSet rs = lockSeq.executeQuery()) {
                        rs.next();
                        next = rs.getLong(1);
                    }
                    reserve.setInt(1, urls.size() * engines.size());
                    reserve.executeUpdate();
                    List<String[]> created = new ArrayList<>(urls.size() * engines.size());
                    for (int i = 0; i < urls.size(); i++) {
                        String url = urls.get(i);
                        for (String engine : engines) {
                            String id = UUID.randomUUID().toString();
                            notice.setString(1, id);
                            notice.setLong(2, next++);
                            notice.setString(3, orderId);
                            notice.setString(4, requestId);
                            notice.setInt(5, i);
                            notice.setString(6, hashes.get(i));
                            notice.setString(7, claimant);
                            notice.setString(8, engine);
                            notice.setTimestamp(9, at);
                            notice.setTimestamp(10, due);
                            notice.setTimestamp(11, end);
                            notice.setTimestamp(12, at);
                            notice.addBatch();
                            created.add(new String[]{engine, id, url});
                        }
                    }
                    notice.executeBatch();
                    // The gauges' tally: the request's notices, one change per addressee (V16).
                    for (String engine : engines) {
                        tally.setString(1, engine);
                        tally.setInt(2, urls.size());
                        tally.addBatch();
                    }
                    tally.executeBatch();
                    long position;
                    try (ResultSet rs = lockFeed.executeQuery()) {
                        rs.next();
                        position = rs.getLong(1);
                    }
                    advance.setInt(1, created.size());
                    advance.executeUpdate();
                    String dueAt = due.toLocalDateTime().toInstant(ZoneOffset.UTC).toString();
                    for (String[] n : created) {
                        event.setLong(1, position++);
                        event.setString(2, n[0]);
                        event.setString(3, orderId);
                        event.setString(4, n[1]);
                        event.setTimestamp(5, at);
                        event.setString(6, "{\"dueAt\":\"" + dueAt + "\",\"status\":\"PENDING\",\"url\":\"" + n[2] + "\"}");
                        event.addBatch();
                    }
                    event.executeBatch();
                    AuditChainFiller.appendOne(c, claimant, "service-account-" + claimant, "REQUEST_FILED", "request",
                            requestId, orderId, "{\"addressees\":[\"" + String.join("\",\"", engines)
                                    + "\"],\"noticesCreated\":" + created.size() + ",\"orderVersion\":" + version
                                    + ",\"urls\":" + urls.size() + "}");
                    c.commit();
                    notices += created.size();
                }
            }
            return notices / ((System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * W4's outcome for single acknowledgements, one transaction each, from {@code clients} threads: the notice read and
     * locked in one statement, its state and version written, the acknowledgement appended, the claimant's event
     * staged for the feed (the gateway's relay gives it its position, as it does for the gateway's own), one
     * audit entry. Returns acknowledgements per second.
     */
    double acknowledgeSingly(List<String> noticeIds, int clients) throws InterruptedException {
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(noticeIds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Integer>> done = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            done.add(pool.submit(() -> {
                int acknowledged = 0;
                try (Connection c = db.open();
                     PreparedStatement load = c.prepareStatement("SELECT id, seq, order_id, request_id, item_position,"
                             + " url_hash, claimant_id, addressee_id, status, created_at, due_at, measure_ends_at, overdue,"
                             + " late, active_url_hash, version, updated_at FROM notice WHERE id = ? FOR UPDATE");
                     // The URL the answer shows, from the request item the notice references (V17).
                     PreparedStatement item = c.prepareStatement("SELECT request_id, position, canonical_url, filed_url,"
                             + " matched_kind, matched_value FROM request_item WHERE request_id = ? AND position = ?");
                     PreparedStatement update = c.prepareStatement("UPDATE notice SET status = 'RECEIVED', version = ?,"
                             + " updated_at = ? WHERE id = ?");
                     PreparedStatement ack = c.prepareStatement("INSERT INTO acknowledgement (notice_id, status,"
                             + " effective_at, recorded_at, territories, front_ends, reason_code, comment, late,"
                             + " organisation_id, subject) VALUES (?, 'RECEIVED', ?, ?, 'FR', '', NULL, NULL, FALSE, ?, ?)",
                             java.sql.Statement.RETURN_GENERATED_KEYS);
                     PreparedStatement stage = c.prepareStatement("INSERT INTO event_staged (organisation_id, type,"
                             + " order_id, notice_id, occurred_at, payload) VALUES (?, 'NOTICE_ACKNOWLEDGED', ?, ?, ?, ?)")) {
                    c.setAutoCommit(false);
                    String id;
                    while ((id = queue.poll()) != null) {
                        load.setString(1, id);
                        int version;
                        String orderId;
                        String claimant;
                        String addressee;
                        try (ResultSet rs = load.executeQuery()) {
                            rs.next();
                            orderId = rs.getString(3);
                            item.setString(1, rs.getString(4));
                            item.setInt(2, rs.getInt(5));
                            claimant = rs.getString(7);
                            addressee = rs.getString(8);
                            version = rs.getInt(16);
                        }
                        try (ResultSet rs = item.executeQuery()) {
                            rs.next();
                        }
                        Instant now = Instant.now();
                        Timestamp at = Benchmark.utc(now);
                        String effectiveAt = now.minusSeconds(1).truncatedTo(ChronoUnit.MICROS).toString();
                        update.setInt(1, version + 1);
                        update.setTimestamp(2, at);
                        update.setString(3, id);
                        update.executeUpdate();
                        ack.setString(1, id);
                        ack.setTimestamp(2, Benchmark.utc(now.minusSeconds(1)));
                        ack.setTimestamp(3, at);
                        ack.setString(4, addressee);
                        ack.setString(5, "service-account-" + addressee);
                        ack.executeUpdate();
                        try (ResultSet keys = ack.getGeneratedKeys()) {
                            keys.next();
                        }
                        stage.setString(1, claimant);
                        stage.setString(2, orderId);
                        stage.setString(3, id);
                        stage.setTimestamp(4, at);
                        stage.setString(5, "{\"addressee\":\"" + addressee + "\",\"effectiveAt\":\"" + effectiveAt
                                + "\",\"late\":false,\"reported\":\"RECEIVED\",\"status\":\"RECEIVED\"}");
                        stage.executeUpdate();
                        AuditChainFiller.appendOne(c, addressee, "service-account-" + addressee, "NOTICE_ACKNOWLEDGED",
                                "notice", id, orderId, "{\"effectiveAt\":\"" + effectiveAt + "\",\"from\":\"PENDING\","
                                        + "\"late\":false,\"reported\":\"RECEIVED\",\"to\":\"RECEIVED\",\"version\":"
                                        + (version + 1) + "}");
                        c.commit();
                        acknowledged++;
                    }
                }
                return acknowledged;
            }));
        }
        int acknowledged = 0;
        for (Future<Integer> f : done) {
            try {
                acknowledged += f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("A fair-baseline client failed", e.getCause());
            }
        }
        double rate = noticeIds.size() / ((System.nanoTime() - started) / 1e9);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        if (acknowledged != noticeIds.size()) {
            throw new IllegalStateException("The fair baseline acknowledged " + acknowledged + " of " + noticeIds.size());
        }
        return rate;
    }

    /**
     * W5's outcome: the sweep's own statements in batches of {@code batch}, one transaction each: due notices
     * claimed ({@code FOR UPDATE SKIP LOCKED}), flagged overdue, a {@code NOTICE_OVERDUE} event each to the
     * addressee, the claimant and the order's auditor, one audit entry per batch; then the ended ones expired with
     * a {@code RELIST_PERMITTED} event each. Run while no gateway sweeps. Returns the milliseconds and the number
     * of notices changed.
     */
    long[] sweep(int batch) throws SQLException {
        int changed = 0;
        try (Connection c = db.open()) {
            c.setAutoCommit(false);
            long started = System.nanoTime();
            Timestamp now = Benchmark.utc(Instant.now());
            int claimed;
            do {
                List<String[]> rows = new ArrayList<>();
                try (PreparedStatement claim = c.prepareStatement("SELECT id, order_id, claimant_id, addressee_id,"
                        + " due_at FROM notice FORCE INDEX (notice_overdue_sweep)"
                        + " WHERE status IN ('PENDING', 'RECEIVED') AND overdue = FALSE"
                        + " AND due_at <= ? ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
                    claim.setTimestamp(1, now);
                    claim.setInt(2, batch);
                    try (ResultSet rs = claim.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getTimestamp(5).toLocalDateTime().toInstant(ZoneOffset.UTC).toString()});
                        }
                    }
                }
                claimed = rows.size();
                if (claimed == 0) {
                    break;
                }
                update(c, "UPDATE notice SET overdue = TRUE, version = version + 1, updated_at = ? WHERE id IN (",
                        rows, now);
                List<String[]> events = new ArrayList<>();
                java.util.Map<String, List<String>> auditors = new java.util.HashMap<>();
                for (String[] r : rows) {
                    Set<String> to = new LinkedHashSet<>(List.of(r[3], r[2]));
                    to.addAll(auditors.computeIfAbsent(r[1], order -> auditorsOf(c, order, now)));
                    for (String org : to) {
                        events.add(new String[]{org, "NOTICE_OVERDUE", r[1], r[0],
                                "{\"addressee\":\"" + r[3] + "\",\"dueAt\":\"" + r[4] + "\"}"});
                    }
                }
                publish(c, events, now);
                AuditChainFiller.appendOne(c, "system", "deadline-sweep", "NOTICES_OVERDUE", "notice", rows.get(0)[0],
                        null, "{\"at\":\"" + now.toLocalDateTime() + "Z\",\"ids\":" + ids(rows) + ",\"notices\":"
                                + rows.size() + "}");
                c.commit();
                changed += claimed;
            } while (claimed == batch);
            do {
                List<String[]> rows = new ArrayList<>();
                try (PreparedStatement claim = c.prepareStatement("SELECT id, order_id, addressee_id FROM notice"
                        + " FORCE INDEX (notice_expiry_sweep)"
                        + " WHERE status IN ('PENDING', 'RECEIVED', 'DELISTED') AND measure_ends_at <= ?"
                        + " ORDER BY measure_ends_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
                    claim.setTimestamp(1, now);
                    claim.setInt(2, batch);
                    try (ResultSet rs = claim.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
                        }
                    }
                }
                claimed = rows.size();
                if (claimed == 0) {
                    break;
                }
                update(c, "UPDATE notice SET status = 'EXPIRED', version = version + 1, updated_at = ? WHERE id IN (",
                        rows, now);
                publish(c, rows.stream().map(r -> new String[]{r[2], "RELIST_PERMITTED", r[1], r[0],
                        "{\"reason\":\"MEASURE_ENDED\"}"}).toList(), now);
                AuditChainFiller.appendOne(c, "system", "deadline-sweep", "NOTICES_EXPIRED", "notice", rows.get(0)[0],
                        null, "{\"at\":\"" + now.toLocalDateTime() + "Z\",\"ids\":" + ids(rows) + ",\"notices\":"
                                + rows.size() + "}");
                c.commit();
                changed += claimed;
            } while (claimed == batch);
            return new long[]{(System.nanoTime() - started) / 1_000_000, changed};
        }
    }

    private static List<String> auditorsOf(Connection c, String orderId, Timestamp now) {
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT auditor_id FROM auditor_appointment"
                + " WHERE order_id = ? AND mandate_from <= ? AND mandate_until > ?")) {
            s.setString(1, orderId);
            s.setTimestamp(2, now);
            s.setTimestamp(3, now);
            List<String> auditors = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    auditors.add(rs.getString(1));
                }
            }
            return auditors;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(Connection c, String sql, List<String[]> rows, Timestamp now) throws SQLException {
        try (PreparedStatement u = c.prepareStatement(sql + marks(rows.size()) + ")")) {
            u.setTimestamp(1, now);
            for (int i = 0; i < rows.size(); i++) {
                u.setString(i + 2, rows.get(i)[0]);
            }
            if (u.executeUpdate() != rows.size()) {
                throw new IllegalStateException("The fair sweep changed fewer rows than it claimed");
            }
        }
    }

    /** Events at the next feed positions, the position locked and moved as the gateway's EventLog does. */
    private static void publish(Connection c, List<String[]> events, Timestamp at) throws SQLException {
        long position;
        try (PreparedStatement lock = c.prepareStatement("SELECT next FROM event_sequence WHERE id = 1 FOR UPDATE");
             ResultSet rs = lock.executeQuery()) {
            rs.next();
            position = rs.getLong(1);
        }
        try (PreparedStatement advance = c.prepareStatement("UPDATE event_sequence SET next = next + ? WHERE id = 1")) {
            advance.setInt(1, events.size());
            advance.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO event (seq, organisation_id, type, order_id,"
                + " notice_id, occurred_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (String[] e : events) {
                insert.setLong(1, position++);
                insert.setString(2, e[0]);
                insert.setString(3, e[1]);
                insert.setString(4, e[2]);
                insert.setString(5, e[3]);
                insert.setTimestamp(6, at);
                insert.setString(7, e[4]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static String ids(List<String[]> rows) {
        return "[\"" + String.join("\",\"", rows.stream().map(r -> r[0]).toList()) + "\"]";
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static String site(String url) {
        int start = url.indexOf("://") + 3;
        String host = url.substring(start, url.indexOf('/', start));
        return host.startsWith("www.") ? host.substring(4) : host;
    }
}
