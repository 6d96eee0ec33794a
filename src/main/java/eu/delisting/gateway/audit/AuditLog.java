package eu.delisting.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Map;

/**
 * Appends to the audit log. Mandatory transaction: an entry is written in the same transaction as
 * the change it records, so no change exists without its entry and no entry without its change.
 */
@ApplicationScoped
public class AuditLog {

    private final AuditEventRepository events;
    private final ObjectMapper json;
    private final Clock clock;

    AuditLog(AuditEventRepository events, ObjectMapper json, Clock clock) {
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Actor actor, String action, String recordType, String recordId, String orderId,
                       Map<String, ?> detail) {
        String body;
        try {
            body = json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An audit detail could not be written as JSON", e);
        }
        events.persist(new AuditEvent(clock.instant(), actor.organisation(), actor.subject() == null ? "" : actor.subject(),
                action, recordType, recordId, orderId, body));
    }
}
