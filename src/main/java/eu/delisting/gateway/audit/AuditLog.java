package eu.delisting.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.delisting.gateway.database.DatabaseTime;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Appends to the audit log. Mandatory transaction: an entry is written in the same transaction as
 * the change it records, so no change exists without its entry and no entry without its change.
 * The chain head is locked for the rest of the transaction, so concurrent writers line up behind
 * each other and the chain cannot fork.
 */
@ApplicationScoped
public class AuditLog {

    static final String BENCHMARK_PROFILE = "benchmark";
    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final AuditEventRepository events;
    private final ObjectMapper json;
    private final Clock clock;
    private final boolean appends;

    AuditLog(AuditEventRepository events, ObjectMapper json, Clock clock, AuditConfig config) {
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.appends = config.appends();
    }

    /** An audit log switched off is a measuring instrument, never a way to run the service. */
    void refuseToRunWithoutAppends(@Observes StartupEvent started) {
        if (appends) {
            return;
        }
        if (!ConfigUtils.getProfiles().contains(BENCHMARK_PROFILE)) {
            throw new IllegalStateException("gateway.audit.appends=false is honoured only under the '"
                    + BENCHMARK_PROFILE + "' profile, to measure what appends cost; remove it");
        }
        LOG.warn("AUDIT APPENDS ARE OFF (benchmark profile): state changes of this run are not in the audit log");
    }

    /** One entry to append: who did what to which record, and the change itself. */
    public record Entry(Actor actor, String action, String recordType, String recordId, String orderId,
                        Map<String, ?> detail) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Actor actor, String action, String recordType, String recordId, String orderId,
                       Map<String, ?> detail) {
        recordAll(List.of(new Entry(actor, action, recordType, recordId, orderId, detail)));
    }

    /**
     * Appends several entries in order, under one hold of the chain head: a batch of changes takes
     * the lock once, at the end of its work, rather than once per change from its first change on.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<Entry> entries) {
        if (!appends || entries.isEmpty()) {
            return;
        }
        List<String> bodies = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            try {
                bodies.add(json.writeValueAsString(new java.util.TreeMap<>(entry.detail())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("An audit detail could not be written as JSON", e);
            }
        }
        // Everything else this transaction changes goes to the database first, so the head is held
        // only for the appends themselves and the commit.
        events.flush();
        Object[] head = events.lockHead();
        long lastSeq = ((Number) head[0]).longValue();
        String lastHash = (String) head[1];
        // Never before the previous entry, even when this replica's clock lags another's a little.
        Instant now = clock.instant();
        Instant previous = head[2] == null ? null : DatabaseTime.toInstant(head[2]);
        if (previous != null && now.isBefore(previous)) {
            now = previous;
        }
        AuditEvent last = null;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            last = AuditEvent.append(lastSeq, lastHash, now, e.actor().organisation(),
                    e.actor().subject() == null ? "" : e.actor().subject(), e.action(), e.recordType(), e.recordId(),
                    e.orderId(), bodies.get(i));
            events.persist(last);
            lastSeq = last.seq();
            lastHash = last.hash();
        }
        events.flush();
        events.moveHead(last);
    }

    /** Records that an auditor read a record: auditors' reads are part of the record too. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAuditorRead(Actor auditor, String recordType, String recordId, String orderId) {
        record(auditor, "AUDITOR_READ", recordType, recordId, orderId, Map.of());
    }
}
