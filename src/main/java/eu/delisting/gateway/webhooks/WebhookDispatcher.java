package eu.delisting.gateway.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.delisting.gateway.audit.Actor;
import eu.delisting.gateway.audit.AuditLog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers webhooks from the outbox, on every replica: claims due deliveries with SKIP LOCKED (each attempt
 * is made by one replica), leases them for the length of an attempt, sends each signed as Standard Webhooks
 * asks (at most {@code maxInFlight} at once per endpoint), and records the outcome: delivered, or retried with
 * exponential backoff and jitter, or failed after {@code giveUpAfter} (the subscription is then disabled with
 * the reason, until its owner replays it).
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final WebhookDeliveryRepository deliveries;
    private final WebhookSubscriptionRepository subscriptions;
    private final WebhooksConfig config;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger attempting = new AtomicInteger();
    private volatile boolean running;
    private volatile Thread loop;

    WebhookDispatcher(WebhookDeliveryRepository deliveries, WebhookSubscriptionRepository subscriptions,
                      WebhooksConfig config, AuditLog audit, ObjectMapper json, Clock clock, Vertx vertx) {
        this.audit = audit;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis()).setMaxPoolSize(100).setVerifyHost(true));
    }

    void start(@Observes StartupEvent started) {
        if (config.deliver()) {
            running = true;
            loop = Thread.ofVirtual().name("webhook-dispatcher").start(this::loop);
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        Thread waiting = loop;
        if (waiting != null) {
            java.util.concurrent.locks.LockSupport.unpark(waiting);
        }
        http.close();
    }

    private void loop() {
        while (running) {
            try {
                int sent = dispatchDue();
                if (sent == 0) {
                    // Woken early when an attempt ends (a slot is free again); new events wait at most the pause.
                    java.util.concurrent.locks.LockSupport.parkNanos(config.idlePause().toNanos());
                }
            } catch (RuntimeException e) {
                // The database is away or refusing: nothing was claimed; look again a little later.
                LOG.debugf(e, "Webhook deliveries could not be claimed");
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Claims what is due and starts an attempt for each; how many were started. */
    int dispatchDue() {
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(config.timeout().multipliedBy(2)).plusSeconds(30);
        Map<String, WebhookSubscription> known = new ConcurrentHashMap<>();
        int slots = config.maxConcurrentAttempts() - attempting.get();
        if (slots <= 0) {
            return 0;
        }
        List<WebhookDeliveryRepository.Claimed> claimed = QuarkusTransaction.requiringNew().call(() -> {
            // Only enabled subscriptions with room under their in-flight limit on this replica are claimed for.
            Map<String, Integer> room = new java.util.HashMap<>();
            for (WebhookSubscription s : subscriptions.enabled()) {
                String id = s.id();
                int free = s.maxInFlight() - inFlight.computeIfAbsent(id, k -> new AtomicInteger()).get();
                if (free > 0) {
                    room.put(id, free);
                    known.put(id, s);
                }
            }
            return deliveries.claim(now, Math.min(config.claimBatch(), slots), leaseUntil, room);
        });
        // Counted once the claim committed: a claim that failed holds no slot.
        claimed.forEach(d -> {
            inFlight.get(d.subscriptionId()).incrementAndGet();
            attempting.incrementAndGet();
        });
        for (WebhookDeliveryRepository.Claimed delivery : claimed) {
            WebhookSubscription s = known.get(delivery.subscriptionId());
            Thread.ofVirtual().name("webhook-attempt").start(() -> {
                try {
                    attempt(s, delivery);
                } finally {
                    inFlight.get(delivery.subscriptionId()).decrementAndGet();
                    attempting.decrementAndGet();
                    Thread waiting = loop;
                    if (waiting != null) {
                        java.util.concurrent.locks.LockSupport.unpark(waiting);
                    }
                }
            });
        }
        return claimed.size();
    }

    private void attempt(WebhookSubscription s, WebhookDeliveryRepository.Claimed delivery) {
        WebhookDeliveryRepository.Key key = new WebhookDeliveryRepository.Key(s.id(), delivery.seq());
        String body = body(delivery);
        String id = "msg_" + delivery.seq() + "_" + s.id().substring(0, 8);
        Instant started = clock.instant();
        long timestamp = started.getEpochSecond();
        Integer status = null;
        String error = null;
        long nanos = System.nanoTime();
        try {
            Optional<String> refusal = Endpoints.refusalOfShape(s.url(), config.allowLoopback());
            Endpoints.Target target = refusal.isPresent() ? null : Endpoints.resolve(s.url(), config.allowLoopback());
            if (refusal.isPresent() || target.refusal() != null) {
                error = "endpoint " + refusal.orElseGet(target::refusal);
            } else {
                status = send(s.url(), target.address(), id, timestamp,
                        Signatures.sign(s.signingSecrets(started), id, timestamp, body), body);
                if (status < 200 || status > 299) {
                    error = "answered " + status;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            error = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        int latency = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - nanos) / 1_000_000);
        Instant now = clock.instant();
        Integer code = status;
        String failure = error;
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (failure == null) {
                    deliveries.delivered(key, delivery.attempt(), code, latency, now);
                } else if (!now.isBefore(delivery.firstAttemptAt().plus(config.giveUpAfter()))) {
                    deliveries.attemptFailed(key, delivery.attempt(), code, latency, failure, now, null);
                    WebhookSubscription current = subscriptions.findById(s.id());
                    if (current.status() == WebhookSubscription.Status.ENABLED) {
                        current.disable("Deliveries failed for " + config.giveUpAfter() + " (event " + delivery.seq()
                                + ", " + delivery.attempt() + " attempts); last: " + failure, now);
                        deliveries.hold(current.id());
                        audit.record(Actor.system("webhook-dispatcher"), "WEBHOOK_DISABLED", "webhook", current.id(), null,
                                Map.of("organisation", current.organisation(), "reason", current.disabledReason()));
                    }
                } else {
                    deliveries.attemptFailed(key, delivery.attempt(), code, latency, failure, now,
                            now.plus(backoff(delivery.attempt())));
                }
            });
        } catch (RuntimeException e) {
            // The outcome could not be stored: the lease runs out and the delivery is attempted again. While the
            // gateway stops, its connections close under the attempts still running: expected, not worth a warning.
            if (running) {
                LOG.warnf(e, "Webhook delivery %s of event %d: outcome not stored", s.id(), delivery.seq());
            } else {
                LOG.debugf(e, "Webhook delivery %s of event %d: outcome not stored while stopping", s.id(), delivery.seq());
            }
        }
    }

    /**
     * One POST to the endpoint, connected to {@code address} (the one checked) while the URL's host still names
     * the Host header and TLS's server name and certificate check; no redirects. The status code.
     */
    private int send(String url, java.net.InetAddress address, String id, long timestamp, String signature, String body)
            throws Exception {
        URI uri = URI.create(url);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setFollowRedirects(false).setTimeout(config.timeout().toMillis())
                .setIdleTimeout(config.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "delisting-gateway-webhooks")
                .putHeader("webhook-id", id)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", signature);
        java.util.concurrent.atomic.AtomicReference<io.vertx.core.http.HttpClientRequest> sent =
                new java.util.concurrent.atomic.AtomicReference<>();
        try {
            // The status is the answer; the body is read and thrown away (never kept), an idle one times out.
            return http.request(options)
                    .compose(request -> {
                        sent.set(request);
                        return request.send(Buffer.buffer(body));
                    })
                    .map(response -> {
                        response.handler(ignored -> { });
                        response.exceptionHandler(ignored -> { });
                        return response.statusCode();
                    })
                    .toCompletionStage().toCompletableFuture()
                    .get(config.timeout().toMillis() + 1_000, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            io.vertx.core.http.HttpClientRequest request = sent.get();
            if (request != null) {
                request.reset();
            }
            throw e;
        }
    }

    /** Exponential backoff with full jitter between half and all of the step: base x 2^(attempt-1), capped. */
    Duration backoff(int attempt) {
        long base = config.backoffBase().toMillis();
        long step = Math.min(config.backoffMax().toMillis(), base * (1L << Math.min(30, attempt - 1)));
        return Duration.ofMillis(step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1));
    }

    /** The event as {@code GET /api/v1/events} shows it, with its feed position. */
    private String body(WebhookDeliveryRepository.Claimed d) {
        ObjectNode event = json.createObjectNode();
        event.put("seq", d.seq());
        event.put("type", d.type());
        event.put("orderId", d.orderId());
        event.put("noticeId", d.noticeId());
        event.put("occurredAt", d.occurredAt().toString());
        try {
            event.set("payload", json.readTree(d.payload()));
            return json.writeValueAsString(event);
        } catch (IOException e) {
            throw new IllegalStateException("An event could not be written as JSON", e);
        }
    }
}
