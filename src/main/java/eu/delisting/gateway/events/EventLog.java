package eu.delisting.gateway.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Each organisation's own feed of what concerns it. Publishing happens in the transaction of the
 * change; feed positions are handed out under a lock held until commit, so they become visible in
 * order and a poller never skips one.
 */
@ApplicationScoped
public class EventLog {

    public static final int MAX_PAGE = 1000;

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;

    EventLog(EntityManager em, ObjectMapper json, Clock clock) {
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(List<NewEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        long next = ((Number) em.createNativeQuery("SELECT next FROM event_sequence WHERE id = 1 FOR UPDATE")
                .getSingleResult()).longValue();
        em.createNativeQuery("UPDATE event_sequence SET next = next + ?1 WHERE id = 1")
                .setParameter(1, events.size()).executeUpdate();
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        int chunk = 500;
        for (int from = 0; from < events.size(); from += chunk) {
            List<NewEvent> part = events.subList(from, Math.min(events.size(), from + chunk));
            StringBuilder sql = new StringBuilder("INSERT INTO event (seq, organisation_id, type, order_id, notice_id,"
                    + " occurred_at, payload) VALUES ");
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?)");
            }
            var query = em.createNativeQuery(sql.toString());
            int p = 1;
            for (NewEvent e : part) {
                query.setParameter(p++, next++).setParameter(p++, e.organisation()).setParameter(p++, e.type().name())
                        .setParameter(p++, e.orderId()).setParameter(p++, e.noticeId()).setParameter(p++, now)
                        .setParameter(p++, write(e));
            }
            query.executeUpdate();
        }
    }

    public record EventView(long seq, EventType type, String orderId, String noticeId, Instant occurredAt,
                            JsonNode payload) {
    }

    public record EventPage(List<EventView> items, String nextCursor) {
    }

    /** The organisation's own events after the cursor, in feed order. */
    @Transactional
    public EventPage feed(String organisation, String after, Integer limit) {
        long cursor = 0;
        List<FieldError> errors = new ArrayList<>();
        if (after != null && !after.isBlank()) {
            try {
                cursor = Long.parseLong(after);
            } catch (NumberFormatException e) {
                errors.add(new FieldError("after", "INVALID_CURSOR", "after is a cursor returned by a previous page"));
            }
        }
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > MAX_PAGE) {
            errors.add(new FieldError("limit", "OUT_OF_RANGE", "limit is between 1 and " + MAX_PAGE));
        }
        if (!errors.isEmpty()) {
            throw GatewayProblem.invalid(errors);
        }
        List<EventView> items = new ArrayList<>();
        for (Object r : em.createNativeQuery("SELECT seq, type, order_id, notice_id, occurred_at, payload FROM event"
                        + " WHERE organisation_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3")
                .setParameter(1, organisation).setParameter(2, cursor).setParameter(3, size).getResultList()) {
            Object[] row = (Object[]) r;
            items.add(new EventView(((Number) row[0]).longValue(), EventType.valueOf((String) row[1]), (String) row[2],
                    (String) row[3], toInstant(row[4]), read((String) row[5])));
        }
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

    private static Instant toInstant(Object value) {
        if (value instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        return (Instant) value;
    }
}
