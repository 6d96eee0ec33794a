package eu.delisting.gateway.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.delisting.gateway.paging.Paging;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading and verifying the audit log. Who may read what is decided above, in {@code compliance}; the log
 * itself knows no callers.
 */
@ApplicationScoped
public class AuditTrail {

    private final AuditEventRepository events;
    private final AuditCheckpoints checkpoints;
    private final ObjectMapper json;
    private final Clock clock;

    AuditTrail(AuditEventRepository events, AuditCheckpoints checkpoints, ObjectMapper json, Clock clock) {
        this.events = events;
        this.checkpoints = checkpoints;
        this.json = json;
        this.clock = clock;
    }

    public record EventView(long seq, Instant occurredAt, String organisation, String subject, String action,
                            String recordType, String recordId, String orderId, JsonNode detail, String digest,
                            String prevHash, String hash) {
    }

    public record EventPage(List<EventView> items, String nextCursor) {
    }

    /** A page of the log after {@code after} (a previous page's cursor), of one order or (null) all. */
    @Transactional
    public EventPage page(String orderId, String after, Integer limit) {
        List<FieldError> errors = new ArrayList<>();
        long cursor = Paging.sequenceCursor(after, errors);
        int size = Paging.limit(limit, errors);
        if (!errors.isEmpty()) {
            throw GatewayProblem.invalid(errors);
        }
        boolean hasOrder = orderId != null && !orderId.isBlank();
        String where = "seq > :after" + (hasOrder ? " and orderId = :order" : "");
        Parameters parameters = Parameters.with("after", cursor);
        if (hasOrder) {
            parameters = parameters.and("order", orderId);
        }
        List<EventView> items = events.page(where, parameters, size).stream().map(this::view).toList();
        String next = items.isEmpty() ? String.valueOf(cursor) : String.valueOf(items.get(items.size() - 1).seq());
        return new EventPage(items, next);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verification(boolean valid, long from, long to, long entries, long headSeq, String headHash,
                               Broken brokenAt, CheckpointCheck checkpoint, long millis) {
    }

    public record Broken(long seq, AuditChain.Break reason, String detail) {
    }

    public record CheckpointCheck(long seq, String hash, boolean matches) {
    }

    /**
     * Walks the chain from {@code from} (default the first entry) to the head, recomputing every hash
     * and link, and names the first broken entry. With a checkpoint, also checks that the entry at the
     * checkpoint's sequence still has the checkpoint's hash: an entry of the range, or the one just before it
     * ({@code from} = checkpoint + 1: the walk starts at the checkpoint's entry and covers only what was appended
     * since).
     */
    /** Where a walk of the chain has got to. */
    private static final class Walk {
        long previousSeq;
        String previousHash;
        Instant previousInstant;
        long count;
        Broken broken;
        CheckpointCheck checkpoint;

        Walk(long previousSeq, String previousHash, Instant previousInstant) {
            this.previousSeq = previousSeq;
            this.previousHash = previousHash;
            this.previousInstant = previousInstant;
        }
    }

    @Transactional
    // A read of the whole log: seconds per million entries, past the transaction timeout that guards writes (the
    // stream itself fails within the socket timeout if the database stops answering).
    @io.quarkus.narayana.jta.runtime.TransactionConfiguration(timeout = 3600)
    public Verification verify(Long from, Long checkpointSeq, String checkpointHash) {
        long started = System.nanoTime();
        Object[] head = events.head();
        long headSeq = ((Number) head[0]).longValue();
        String headHash = (String) head[1];
        // A range or checkpoint past the head is a wrong question, not a broken log.
        List<FieldError> errors = new ArrayList<>();
        if (from != null && (from < 1 || from > headSeq + 1)) {
            errors.add(new FieldError("from", "OUT_OF_RANGE", "from is an entry of the log, 1 to " + headSeq));
        }
        if (checkpointSeq != null && (checkpointSeq < 1 || checkpointSeq > headSeq)) {
            errors.add(new FieldError("checkpointSeq", "OUT_OF_RANGE",
                    "checkpointSeq is an entry of the log, 1 to " + headSeq));
        }
        if (checkpointSeq != null && (checkpointHash == null || !checkpointHash.matches("[0-9a-f]{64}"))) {
            errors.add(new FieldError("checkpointHash", "REQUIRED", "checkpointHash is the checkpoint's 64 hex digits"));
        }
        if (!errors.isEmpty()) {
            throw GatewayProblem.invalid(errors);
        }
        long start = from == null ? 1 : from;
        if (checkpointSeq != null && checkpointSeq == start - 1) {
            // Incremental, from right after a checkpoint: the walk starts at the checkpoint's own entry, whose hash is
            // recomputed from its content and compared with the signed one, then goes on to the entries since.
            start = checkpointSeq;
        }
        long previousSeq = start - 1;
        String previousHash = AuditChain.GENESIS;
        Instant previousInstant = null;
        if (start > 1) {
            AuditEvent before = events.findByIdOptional(start - 1).orElse(null);
            if (before == null) {
                return new Verification(false, start, headSeq, 0, headSeq, headHash, new Broken(start - 1,
                        AuditChain.Break.MISSING_ENTRY, "the entry before the range is missing"), null, millis(started));
            }
            previousHash = before.hash();
            previousInstant = before.occurredAt();
        }
        Walk walk = new Walk(start - 1, previousHash, previousInstant);
        events.walk(start - 1, entry -> {
            Optional<AuditChain.Finding> finding = AuditChain.check(entry, walk.previousSeq, walk.previousHash,
                    walk.previousInstant);
            if (finding.isPresent()) {
                walk.broken = new Broken(entry.seq(), finding.get().reason(), finding.get().detail());
                return false;
            }
            if (checkpointSeq != null && entry.seq() == checkpointSeq) {
                walk.checkpoint = new CheckpointCheck(checkpointSeq, checkpointHash, entry.hash().equals(checkpointHash));
            }
            walk.count++;
            walk.previousSeq = entry.seq();
            walk.previousHash = entry.hash();
            walk.previousInstant = entry.occurredAt();
            return true;
        });
        Broken broken = walk.broken;
        CheckpointCheck checkpoint = walk.checkpoint;
        long count = walk.count;
        previousSeq = walk.previousSeq;
        previousHash = walk.previousHash;
        if (broken == null && (previousSeq != headSeq || !previousHash.equals(headHash))) {
            broken = new Broken(previousSeq + 1, AuditChain.Break.TRUNCATED, "the chain head says entry " + headSeq
                    + " but the log ends at entry " + previousSeq);
        }
        if (checkpointSeq != null && checkpoint == null && broken == null) {
            checkpoint = new CheckpointCheck(checkpointSeq, checkpointHash, false);
        }
        if (broken == null && checkpoint != null && !checkpoint.matches()) {
            broken = new Broken(checkpointSeq, AuditChain.Break.CHECKPOINT_MISMATCH,
                    "the entry no longer has the hash the checkpoint recorded: the log was rewritten");
        }
        return new Verification(broken == null, start, previousSeq, count, headSeq, headHash, broken, checkpoint,
                millis(started));
    }

    @Transactional
    public AuditCheckpoints.Checkpoint checkpoint() {
        Object[] head = events.head();
        long seq = ((Number) head[0]).longValue();
        Instant occurredAt = seq == 0 ? Instant.EPOCH
                : events.findByIdOptional(seq).map(AuditEvent::occurredAt).orElse(Instant.EPOCH);
        return checkpoints.sign(seq, (String) head[1], occurredAt, clock.instant());
    }

    public AuditCheckpoints.CheckpointKey checkpointKey() {
        return checkpoints.key();
    }

    private EventView view(AuditEvent e) {
        JsonNode detail;
        try {
            detail = json.readTree(e.detail());
        } catch (Exception ex) {
            detail = json.getNodeFactory().textNode(e.detail());
        }
        return new EventView(e.seq(), e.occurredAt(), e.organisation(), e.subject(), e.action(), e.recordType(),
                e.recordId(), e.orderId(), detail, e.digest(), e.prevHash(), e.hash());
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
