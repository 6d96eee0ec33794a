package eu.delisting.gateway.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.delisting.gateway.database.Retried;
import eu.delisting.gateway.paging.Paging;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.webhooks.WebhookOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Each organisation's own feed of what concerns it. Publishing happens in the transaction of the
 * change; feed positions are handed out under a lock held until commit, so they become visible in
 * order and a poller never skips one. The webhook deliveries of the published events are written in the
 * same transaction (the outbox). Frequent small changes stage their events instead ({@link #stage}); a
 * publisher gives every staged event already committed its position before its own.
 */
@ApplicationScoped
public class EventLog {


    private final EventRepository events;
    private final WebhookOutbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final EventRelay relay;
    private final TransactionSynchronizationRegistry transactions;

    EventLog(EventRepository events, WebhookOutbox outbox, ObjectMapper json, Clock clock, EventRelay relay,
             TransactionSynchronizationRegistry transactions) {
        this.relay = relay;
        this.transactions = transactions;
        this.outbox = outbox;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(List<NewEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        // Before the feed's lock is taken (held until commit by every writer, so what runs under it is kept
        // short): the change's own rows are written, and locked, and the recipients' subscriptions read.
        this.events.flushChanges();
        WebhookOutbox.Subscribers subscribers = outbox.subscribers(
                events.stream().map(NewEvent::organisation).collect(java.util.stream.Collectors.toSet()));
        long first = this.events.lockPosition();
        long next = relay.relayAllStaged(first);
        this.events.advance((int) (next - first) + events.size());
        Instant now = clock.instant();
        List<EventRepository.Row> rows = new ArrayList<>(events.size());
        for (NewEvent e : events) {
            rows.add(new EventRepository.Row(next++, e.organisation(), e.type().name(), e.orderId(), e.noticeId(), now,
                    write(e)));
        }
        this.events.insert(rows);
        outbox.enqueue(subscribers, rows.stream()
                .map(r -> new WebhookOutbox.Published(r.seq(), r.organisation(), r.type())).toList(), now);
    }

    /**
     * Publishes without waiting for the feed's position: for small transactions that run often and concurrently
     * (acknowledgements), which would otherwise queue behind each other on that lock until commit. The events
     * are staged in this transaction and committed with it; the {@link EventRelay} gives them feed positions
     * (and writes their webhook deliveries) shortly after, in staging order, woken on this replica as soon as
     * the transaction commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stage(List<NewEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        this.events.stage(events.stream().map(e -> new EventRepository.Row(0, e.organisation(), e.type().name(),
                e.orderId(), e.noticeId(), now, write(e))).toList());
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }

    public record EventView(long seq, EventType type, String orderId, String noticeId, Instant occurredAt,
                            JsonNode payload) {
    }

    public record EventPage(List<EventView> items, String nextCursor) {
    }

    /** The organisation's own events after the cursor, in feed order. */
    @Transactional
    public EventPage feed(String organisation, String after, Integer limit) {
        List<FieldError> errors = new ArrayList<>();
        long cursor = Paging.sequenceCursor(after, errors);
        int size = Paging.limit(limit, errors);
        if (!errors.isEmpty()) {
            throw GatewayProblem.invalid(errors);
        }
        List<EventView> items = events.feed(organisation, cursor, size).stream()
                .map(r -> new EventView(r.seq(), EventType.valueOf(r.type()), r.orderId(), r.noticeId(), r.occurredAt(),
                        read(r.payload()))).toList();
        // Read after the page: a removal committed before the page was read is seen here too.
        long purged = events.purgedThrough(organisation);
        if (cursor > 0 && cursor < purged) {
            throw new GatewayProblem(ProblemCode.CURSOR_EXPIRED, "Events after position " + cursor
                    + " were removed after the feed's retention period, unread; read the current state of your notices"
                    + " and start the feed again without a cursor");
        }
        String next = items.isEmpty() ? String.valueOf(cursor) : String.valueOf(items.get(items.size() - 1).seq());
        return new EventPage(items, next);
    }

    /**
     * Removes at most {@code batch} of the events that occurred before {@code before}, oldest first, with their
     * webhook deliveries; returns how many were removed.
     */
    @Retried
    @Transactional
    public int purge(Instant before, int batch) {
        List<Long> old = events.olderThan(before, batch);
        if (old.isEmpty()) {
            return 0;
        }
        outbox.forget(old);
        return events.delete(old, clock.instant());
    }

    private String write(NewEvent e) {
        try {
            return json.writeValueAsString(new TreeMap<>(e.payload()));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("An event could not be written as JSON", ex);
        }
    }

    private JsonNode read(String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(payload);
        }
    }
}
