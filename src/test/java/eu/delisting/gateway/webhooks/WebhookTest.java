package eu.delisting.gateway.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import eu.delisting.gateway.events.EventType;
import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static eu.delisting.gateway.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Webhooks as a subscriber sees them, through a real HTTP receiver on loopback that checks each signature
 * with the Standard Webhooks algorithm (written here independently of the gateway's code).
 */
@QuarkusTest
class WebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    @Inject
    WebhookDispatcher dispatcher;

    /** One delivery as received: its headers, body, and whether one of its signatures verified. */
    record Received(String id, long timestamp, String signature, String body, boolean verified, Instant at) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    /** The status the receiver answers with, for each request in turn; 200 once the list is used up. */
    private final List<Integer> answers = Collections.synchronizedList(new ArrayList<>());
    private volatile int steadyAnswer = 200;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            boolean verified = verifies(id, timestamp, body, signature);
            received.add(new Received(id, Long.parseLong(timestamp), signature, body, verified, Instant.now()));
            int status;
            synchronized (answers) {
                status = answers.isEmpty() ? steadyAnswer : answers.remove(0);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String hook() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    /** The Standard Webhooks check: any v1 signature equals base64(HMAC-SHA256(key, id.timestamp.body)). */
    private boolean verifies(String id, String timestamp, String body, String header) {
        if (id == null || timestamp == null || header == null) {
            return false;
        }
        for (String secret : secrets) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
                String expected = "v1," + Base64.getEncoder().encodeToString(
                        mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
                if (Arrays.asList(header.split(" ")).contains(expected)) {
                    return true;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return false;
    }

    private String subscribe(String organisation, String role, List<String> types) {
        Map<String, Object> created = as(organisation, role).body(Map.of("url", hook(), "eventTypes", types))
                .post("/api/v1/webhooks").then().statusCode(201)
                .body("secret", startsWith("whsec_")).body("status", equalTo("ENABLED"))
                .extract().jsonPath().getMap("");
        secrets.add((String) created.get("secret"));
        return (String) created.get("id");
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void anEngineReceivesItsNoticeEventsSignedAndAsItsFeedShowsThem() throws Exception {
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String engine = parties.engines().get(0);
        String webhook = subscribe(engine, "search-engine", List.of("NOTICE_CREATED"));
        Api.file(parties.claimant(), order, "https://allostreaming.com/w/1", "https://allostreaming.com/w/2");

        await("two deliveries", Duration.ofSeconds(10), () -> received.size() >= 2);
        Thread.sleep(300);
        assertThat(received).hasSize(2).allMatch(Received::verified, "signature verifies");
        JsonNode feed = JSON.readTree(as(engine, "search-engine").get("/api/v1/events?limit=1000").asString()).get("items");
        for (Received r : received) {
            JsonNode event = r.json();
            assertThat(event.get("type").asText()).isEqualTo("NOTICE_CREATED");
            assertThat(event.get("orderId").asText()).isEqualTo(order);
            JsonNode same = null;
            for (JsonNode f : feed) {
                if (f.get("seq").asLong() == event.get("seq").asLong()) {
                    same = f;
                }
            }
            assertThat(same).as("the feed holds event " + event.get("seq")).isNotNull();
            assertThat(event.get("noticeId")).isEqualTo(same.get("noticeId"));
            assertThat(event.get("payload")).isEqualTo(same.get("payload"));
            assertThat(Math.abs(r.timestamp() - Instant.now().getEpochSecond())).isLessThan(60);
        }
        as(engine, "search-engine").get("/api/v1/webhooks/" + webhook + "/deliveries").then().statusCode(200)
                .body("items.size()", equalTo(2)).body("items[0].status", equalTo("DELIVERED"))
                .body("items[0].lastStatusCode", equalTo(200)).body("items[0].attempts", equalTo(1));
        // The other engine, not subscribed, gets nothing; nor does the claimant.
        assertThat(Rows.count(db, "select count(*) from webhook_delivery where subscription_id = ?", webhook)).isEqualTo(2);
        as(parties.engines().get(1), "search-engine").get("/api/v1/webhooks/" + webhook).then().statusCode(404);
    }

    @Test
    void aFailingEndpointIsRetriedWithBackoffUnderTheSameIdUntilItAccepts() throws Exception {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String webhook = subscribe(parties.engine(), "search-engine", List.of("NOTICE_CREATED"));
        answers.addAll(List.of(500, 503));
        Api.file(parties.claimant(), order, "https://allostreaming.com/retry");

        await("a third attempt", Duration.ofSeconds(10), () -> received.size() >= 3);
        Thread.sleep(300);
        assertThat(received).hasSize(3).allMatch(Received::verified);
        assertThat(received.stream().map(Received::id).distinct()).hasSize(1);
        Duration first = Duration.between(received.get(0).at(), received.get(1).at());
        Duration second = Duration.between(received.get(1).at(), received.get(2).at());
        assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(90));
        assertThat(second).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        await("recorded as delivered", Duration.ofSeconds(5), () -> Rows.count(db, "select count(*) from webhook_delivery"
                + " where subscription_id = ? and status = 'DELIVERED' and attempts = 3", webhook) == 1);
    }

    @Test
    void deliveriesFailingPastTheGiveUpPeriodDisableTheSubscriptionWithItsReasonAndAReplayDeliversEverything()
            throws Exception {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String webhook = subscribe(parties.engine(), "search-engine", List.of("NOTICE_CREATED"));
        steadyAnswer = 503;
        Api.file(parties.claimant(), order, "https://allostreaming.com/down");

        await("the subscription disabled", Duration.ofSeconds(15), () -> Rows.count(db,
                "select count(*) from webhook_subscription where id = ? and status = 'DISABLED'", webhook) == 1);
        as(parties.engine(), "search-engine").get("/api/v1/webhooks/" + webhook).then().statusCode(200)
                .body("status", equalTo("DISABLED")).body("disabledReason", startsWith("Deliveries failed for PT4S"));
        assertThat(Rows.count(db, "select count(*) from webhook_delivery where subscription_id = ? and status = 'FAILED'",
                webhook)).isEqualTo(1);
        assertThat(Rows.count(db, "select count(*) from audit_event where record_id = ? and action = 'WEBHOOK_DISABLED'",
                webhook)).isEqualTo(1);
        // Published while disabled: its delivery is queued (in the event's transaction) but not attempted.
        int before = received.size();
        Api.file(parties.claimant(), order, "https://allostreaming.com/while-disabled");
        Thread.sleep(1_000);
        assertThat(received).hasSize(before);
        assertThat(Rows.count(db, "select count(*) from webhook_delivery where subscription_id = ? and status = 'HELD'"
                + " and attempts = 0", webhook)).isEqualTo(1);

        steadyAnswer = 200;
        received.clear();
        as(parties.engine(), "search-engine").body(Map.of()).post("/api/v1/webhooks/" + webhook + "/replay")
                .then().statusCode(200).body("pending", equalTo(2)).body("subscription.status", equalTo("ENABLED"));
        await("both events delivered", Duration.ofSeconds(10), () -> Rows.count(db, "select count(*) from webhook_delivery"
                + " where subscription_id = ? and status = 'DELIVERED'", webhook) == 2);
        assertThat(received.stream().map(r -> r.json().get("payload").toString()))
                .anyMatch(p -> p.contains("/down")).anyMatch(p -> p.contains("/while-disabled"));
        assertThat(Rows.count(db, "select count(*) from audit_event where record_id = ? and action = 'WEBHOOK_REPLAYED'",
                webhook)).isEqualTo(1);
    }

    /** Several dispatchers claiming at once (as replicas do): every delivery is attempted exactly once. */
    @Test
    void concurrentDispatchersAttemptEachDeliveryOnce() throws Exception {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String webhook = subscribe(parties.engine(), "search-engine", List.of("NOTICE_CREATED"));
        as(parties.engine(), "search-engine").body(Map.of("url", hook(), "eventTypes", List.of("NOTICE_CREATED"),
                "maxInFlight", 50)).post("/api/v1/webhooks").then().statusCode(201);
        List<String> urls = IntStream.range(0, 300).mapToObj(i -> "https://allostreaming.com/many/" + i).toList();
        // Three replicas' dispatchers, running until every delivery is recorded as delivered and a second after (or for
        // 40 s at most).
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> replicas = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            replicas.add(Thread.ofVirtual().start(() -> {
                Instant until = Instant.now().plusSeconds(40);
                while (!stop.get() && Instant.now().isBefore(until)) {
                    // As a replica's loop does: claim again at once after a claim, pause briefly after none.
                    if (dispatcher.dispatchDue() == 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                    }
                }
            }));
        }
        try {
            as(parties.claimant(), "rights-holder").body(Map.of("urls", urls))
                    .post("/api/v1/orders/" + order + "/requests").then().statusCode(201);
            await("600 deliveries", Duration.ofSeconds(20), () -> received.size() >= 600);
            await("600 recorded as delivered", Duration.ofSeconds(20), () -> Rows.count(db, "select count(*) from"
                    + " webhook_delivery d join webhook_subscription s on s.id = d.subscription_id where s.organisation_id = ?"
                    + " and d.status = 'DELIVERED'", parties.engine()) == 600);
            // The replicas claim on for a second more: a delivered row claimed and sent again would show below.
            Thread.sleep(1_000);
        } finally {
            stop.set(true);
            for (Thread t : replicas) {
                t.join();
            }
        }
        Map<String, Integer> perId = new ConcurrentHashMap<>();
        received.forEach(r -> perId.merge(r.id(), 1, Integer::sum));
        assertThat(perId).hasSize(600);
        // Each receipt is an attempt the database counted (a transport failure is retried, and counted): no two
        // dispatchers ever sent the same delivery on one claim.
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        try (java.sql.Connection c = db.getConnection(); java.sql.PreparedStatement q = c.prepareStatement(
                "select subscription_id, event_seq, attempts from webhook_delivery d join webhook_subscription s"
                        + " on s.id = d.subscription_id where s.organisation_id = ? and d.status = 'DELIVERED'")) {
            q.setString(1, parties.engine());
            try (java.sql.ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    attempts.put("msg_" + rs.getLong(2) + "_" + rs.getString(1).substring(0, 8), rs.getInt(3));
                }
            }
        }
        assertThat(attempts).hasSize(600);
        perId.forEach((id, times) -> assertThat(times).as("receipts of " + id).isLessThanOrEqualTo(attempts.get(id)));
        assertThat(attempts.values().stream().filter(n -> n == 1).count()).as("delivered at the first attempt")
                .isGreaterThanOrEqualTo(590);
    }

    @Test
    void aRotatedSecretSignsBesideThePreviousOneAndClaimantsHearOfAcknowledgements() throws Exception {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String webhook = subscribe(parties.claimant(), "rights-holder", List.of("NOTICE_ACKNOWLEDGED"));
        String previous = secrets.get(0);
        String rotated = as(parties.claimant(), "rights-holder").post("/api/v1/webhooks/" + webhook + "/secret-rotation")
                .then().statusCode(200).body("secret", startsWith("whsec_")).extract().path("secret");
        assertThat(rotated).isNotEqualTo(previous);
        secrets.clear();
        secrets.add(rotated);
        Api.file(parties.claimant(), order, "https://allostreaming.com/acked");
        String notice = as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order).path("items[0].id");
        as(parties.engine(), "search-engine").body(Map.of("status", "RECEIVED", "effectiveAt", Instant.now().toString()))
                .post("/api/v1/notices/" + notice + "/acknowledgements").then().statusCode(201);

        await("the acknowledgement event", Duration.ofSeconds(10), () -> received.size() >= 1);
        Received r = received.get(0);
        assertThat(r.verified()).as("verifies with the new secret").isTrue();
        assertThat(r.signature().split(" ")).hasSize(2);
        secrets.clear();
        secrets.add(previous);
        assertThat(verifies(r.id(), Long.toString(r.timestamp()), r.body(), r.signature()))
                .as("verifies with the previous secret too, during the overlap").isTrue();
        assertThat(r.json().get("type").asText()).isEqualTo("NOTICE_ACKNOWLEDGED");
        assertThat(r.json().get("noticeId").asText()).isEqualTo(notice);
        assertThat(r.json().get("payload").get("status").asText()).isEqualTo("RECEIVED");
    }

    @Test
    void endpointsAreHttpsOnPublicAddressesAndTypesAreTheFeedsOwn() {
        String engine = Api.registerOrganisation("se", "SEARCH_ENGINE");
        for (String url : List.of("https://10.1.2.3/hook", "https://169.254.169.254/latest", "https://192.168.0.7/h",
                "https://user:secret@127.0.0.1/h", "ftp://127.0.0.1/h", "http://[fc00::1]/h", "not a url")) {
            as(engine, "search-engine").body(Map.of("url", url, "eventTypes", List.of("NOTICE_CREATED")))
                    .post("/api/v1/webhooks").then().statusCode(422)
                    .body("errors[0].field", equalTo("url")).body("errors[0].code", equalTo("INVALID_ENDPOINT"));
        }
        as(engine, "search-engine").body(Map.of("url", hook(), "eventTypes", List.of("NOTICE_CREATED", "EVERYTHING")))
                .post("/api/v1/webhooks").then().statusCode(422).body("errors[0].field", equalTo("eventTypes[1]"));
        as(Api.registerOrganisation("au", "AUDITOR"), "auditor").body(Map.of("url", hook(), "eventTypes",
                List.of("NOTICE_OVERDUE"))).post("/api/v1/webhooks").then().statusCode(403);
        assertThat(Rows.count(db, "select count(*) from webhook_subscription where organisation_id = ?", engine)).isZero();
        // The types a subscription may name are exactly the feed's.
        assertThat(WebhookService.EVENT_TYPES).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(EventType.values()).map(Enum::name).toList());
    }
}
