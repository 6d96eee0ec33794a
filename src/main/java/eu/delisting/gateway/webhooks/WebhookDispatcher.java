package eu.delisting.gateway.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private volatile boolean running;

    WebhookDispatcher(WebhookDeliveryRepository deliveries, WebhookSubscriptionRepository subscriptions,
                      WebhooksConfig config, ObjectMapper json, Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void start(@Observes StartupEvent started) {
        if (config.deliver()) {
            running = true;
            Thread.ofVirtual().name("webhook-dispatcher").start(this::loop);
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
    }

    private void loop() {
        while (running) {
            try {
                int sent = dispatchDue();
                if (sent == 0) {
                    Thread.sleep(config.idlePause().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
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
        Instant leaseUntil = now.plus(config.timeout()).plusSeconds(30);
        Map<String, WebhookSubscription> known = new ConcurrentHashMap<>();
        List<WebhookDeliveryRepository.Claimed> claimed = QuarkusTransaction.requiringNew().call(() ->
                deliveries.claim(now, config.claimBatch(), leaseUntil, subscriptionId -> {
                    WebhookSubscription s = known.computeIfAbsent(subscriptionId, subscriptions::findById);
                    int limit = Math.min(s.maxInFlight(), config.maxInFlight());
                    AtomicInteger count = inFlight.computeIfAbsent(subscriptionId, k -> new AtomicInteger());
                    if (s.status() != WebhookSubscription.Status.ENABLED) {
                        return false;
                    }
                    if (count.incrementAndGet() > limit) {
                        count.decrementAndGet();
                        return false;
                    }
                    return true;
                }));
        for (WebhookDeliveryRepository.Claimed delivery : claimed) {
            WebhookSubscription s = known.get(delivery.subscriptionId());
            Thread.ofVirtual().name("webhook-attempt").start(() -> {
                try {
                    attempt(s, delivery);
                } finally {
                    inFlight.get(delivery.subscriptionId()).decrementAndGet();
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
        Optional<String> refusal = Endpoints.refusalOfShape(s.url(), config.allowLoopback())
                .or(() -> Endpoints.refusalOfAddresses(s.url(), config.allowLoopback()));
        long nanos = System.nanoTime();
        if (refusal.isPresent()) {
            error = "endpoint " + refusal.get();
        } else {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(s.url()))
                        .timeout(config.timeout())
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "delisting-gateway-webhooks")
                        .header("webhook-id", id)
                        .header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature", Signatures.sign(s.signingSecrets(started), id, timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
                if (status < 200 || status > 299) {
                    error = "answered " + status;
                }
            } catch (IOException e) {
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        int latency = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - nanos) / 1_000_000);
        Instant now = clock.instant();
        Integer code = status;
        String failure = error;
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (failure == null) {
                    deliveries.delivered(key, code, latency, now);
                } else if (!now.isBefore(delivery.firstAttemptAt().plus(config.giveUpAfter()))) {
                    deliveries.attemptFailed(key, code, latency, failure, now, null);
                    WebhookSubscription current = subscriptions.findById(s.id());
                    if (current.status() == WebhookSubscription.Status.ENABLED) {
                        current.disable("Deliveries failed for " + config.giveUpAfter() + " (event " + delivery.seq()
                                + ", " + delivery.attempt() + " attempts); last: " + failure, now);
                    }
                } else {
                    deliveries.attemptFailed(key, code, latency, failure, now, now.plus(backoff(delivery.attempt())));
                }
            });
        } catch (RuntimeException e) {
            // The outcome could not be stored: the lease runs out and the delivery is attempted again.
            LOG.warnf(e, "Webhook delivery %s of event %d: outcome not stored", s.id(), delivery.seq());
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
