package eu.delisting.gateway.events;

import eu.delisting.gateway.webhooks.WebhookOutbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Gives staged events their feed positions, on every replica: one transaction per batch holds the feed's
 * position (so relays and ordinary publishers take turns and positions stay visible in order), moves the
 * oldest staged events into the feed in staging order, writes their webhook deliveries and removes them from
 * the stage. A relay that fails leaves the stage as it was; the next one, here or elsewhere, does it again.
 */
@ApplicationScoped
public class EventRelay {

    private static final Logger LOG = Logger.getLogger(EventRelay.class);

    private final EventRepository events;
    private final WebhookOutbox outbox;
    private final EventsConfig config;
    private final Clock clock;
    private volatile boolean running;
    private volatile Thread loop;
    private volatile boolean woken;

    EventRelay(EventRepository events, WebhookOutbox outbox, EventsConfig config, Clock clock) {
        this.events = events;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent started) {
        running = true;
        loop = Thread.ofVirtual().name("event-relay").start(this::loop);
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        wake();
    }

    /** Relays now rather than at the next round (called when a transaction that staged events commits). */
    void wake() {
        woken = true;
        Thread waiting = loop;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }

    private void loop() {
        boolean failing = false;
        while (running) {
            boolean wake = woken;
            woken = false;
            if (wake && !config.relayLinger().isZero()) {
                try {
                    Thread.sleep(config.relayLinger());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            try {
                while (running && relayOnce() == batch()) {
                    // a full batch: more may wait
                }
                failing = false;
            } catch (RuntimeException e) {
                // The database is away or refused (a deadlock, a timeout): the stage is as it was; try again later.
                if (!failing) {
                    LOG.warnf(e, "Staged events could not be relayed; trying again every %s", config.relayEvery());
                }
                failing = true;
            }
            if (!woken) {
                LockSupport.parkNanos(config.relayEvery().toNanos());
            }
        }
    }

    private int batch() {
        return Math.max(1, config.relayBatch());
    }

    /** Relays the oldest staged events in one transaction; how many. */
    int relayOnce() {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!events.anyStaged()) {
                return 0;
            }
            long first = events.lockPosition();
            int relayed = relayStaged(first, batch());
            events.advance(relayed);
            return relayed;
        });
    }

    /**
     * Gives every staged event committed so far its feed position, from {@code next} on; returns the next free
     * position. Called by publishers with the feed's position held, before their own events: what was staged
     * before their change committed comes before it in the feed, as it would had it been published directly.
     * The caller moves the position on.
     */
    long relayAllStaged(long next) {
        int relayed;
        do {
            relayed = relayStaged(next, batch());
            next += relayed;
        } while (relayed == batch());
        return next;
    }

    /** With the feed's position held and {@code next} free: relays up to {@code limit} staged events; how many. */
    private int relayStaged(long next, int limit) {
        List<EventRepository.Staged> staged = events.staged(limit);
        if (staged.isEmpty()) {
            return 0;
        }
        WebhookOutbox.Subscribers subscribers = outbox.subscribers(
                staged.stream().map(s -> s.row().organisation()).collect(Collectors.toSet()));
        List<EventRepository.Row> rows = new ArrayList<>(staged.size());
        for (EventRepository.Staged s : staged) {
            EventRepository.Row r = s.row();
            rows.add(new EventRepository.Row(next++, r.organisation(), r.type(), r.orderId(), r.noticeId(),
                    r.occurredAt(), r.payload()));
        }
        events.insert(rows);
        events.unstage(staged.stream().map(EventRepository.Staged::id).toList());
        outbox.enqueue(subscribers, rows.stream()
                .map(r -> new WebhookOutbox.Published(r.seq(), r.organisation(), r.type())).toList(), clock.instant());
        return rows.size();
    }
}
