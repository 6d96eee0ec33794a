package eu.delisting.gateway.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.delisting.gateway.paging.Paging;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.webhooks.WebhookOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Each organisation's own feed of what concerns it. Publishing happens in the transaction of the
 * change; feed positions are handed out under a lock held until commit, so they become visible in
 * order and a poller never skips one. The webhook deliveries of the published events are written in the
 * same transaction (the outbox).
 */
@ApplicationScoped
public class EventLog {


    private final EventRepository events;
    private final WebhookOutbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    EventLog(EventRepository events, WebhookOutbox outbox, ObjectMapper json, Clock clock) {
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
        // Read before the feed's lock is taken: the lock is held until commit by every writer, so what runs
        // under it is kept short.
        WebhookOutbox.Subscribers subscribers = outbox.subscribers(
                events.stream().map(NewEvent::organisation).collect(java.util.stream.Collectors.toSet()));
        long next = this.events.reserve(events.size());
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
        String next = items.isEmpty() ? String.valueOf(cursor) : String.valueOf(items.get(items.size() - 1).seq());
        return new EventPage(items, next);
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
