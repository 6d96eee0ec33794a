package eu.delisting.gateway.audit;

import eu.delisting.gateway.hashing.Sha256;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The chain's arithmetic, and the rules an entry must satisfy against the one before it. Pure, so
 * that an auditor can re-implement it from this description:
 *
 * <pre>
 * digest = hex(SHA-256(detail as UTF-8))
 * hash   = hex(SHA-256(for each of seq, occurredAt (UTC, yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'), organisation, subject, action,
 *                      recordType, recordId, orderId (empty if none), digest, prevHash:
 *                      its UTF-8 length in decimal, ':', its UTF-8 bytes, '\n'))
 * </pre>
 *
 * The first entry's {@code prevHash} is 64 zeros.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    /** Fixed width, microseconds (the database's precision), UTC: one spelling per instant. */
    static final java.time.format.DateTimeFormatter INSTANT =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private AuditChain() {
    }

    /** Why an entry breaks the chain, when it does. */
    public enum Break {
        MISSING_ENTRY, PREVIOUS_HASH_MISMATCH, DETAIL_ALTERED, ENTRY_ALTERED, INSTANT_BACKWARDS, TRUNCATED,
        CHECKPOINT_MISMATCH
    }

    public record Finding(Break reason, String detail) {
    }

    /** The fields an entry is hashed over, as stored. */
    record Link(long seq, Instant occurredAt, String organisation, String subject, String action, String recordType,
                String recordId, String orderId, String detail, String digest, String prevHash, String hash) {
        static Link of(AuditEvent e) {
            return new Link(e.seq(), e.occurredAt(), e.organisation(), e.subject(), e.action(), e.recordType(),
                    e.recordId(), e.orderId(), e.detail(), e.digest(), e.prevHash(), e.hash());
        }
    }

    static Optional<Finding> check(Link entry, long previousSeq, String previousHash, Instant previousInstant) {
        if (entry.seq() != previousSeq + 1) {
            return Optional.of(new Finding(Break.MISSING_ENTRY, "the sequence jumps from " + previousSeq + " to "
                    + entry.seq() + ": entries " + (previousSeq + 1) + " to " + (entry.seq() - 1) + " are missing"));
        }
        if (!entry.prevHash().equals(previousHash)) {
            return Optional.of(new Finding(Break.PREVIOUS_HASH_MISMATCH,
                    "it does not chain to entry " + previousSeq + " (an entry was removed, inserted or moved)"));
        }
        if (!Sha256.hex(entry.detail()).equals(entry.digest())) {
            return Optional.of(new Finding(Break.DETAIL_ALTERED, "its detail no longer matches its digest"));
        }
        if (!hash(entry).equals(entry.hash())) {
            return Optional.of(new Finding(Break.ENTRY_ALTERED, "its fields no longer match its hash"));
        }
        if (previousInstant != null && entry.occurredAt().isBefore(previousInstant)) {
            return Optional.of(new Finding(Break.INSTANT_BACKWARDS, "its instant " + entry.occurredAt()
                    + " is before the previous entry's " + previousInstant + " (a back-dated entry)"));
        }
        return Optional.empty();
    }

    static String hash(AuditEvent e) {
        return hash(Link.of(e));
    }

    static String hash(Link e) {
        StringBuilder canonical = new StringBuilder();
        for (String field : new String[]{String.valueOf(e.seq()), INSTANT.format(e.occurredAt()), e.organisation(),
                e.subject(), e.action(), e.recordType(), e.recordId(), e.orderId() == null ? "" : e.orderId(),
                e.digest(), e.prevHash()}) {
            canonical.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field).append('\n');
        }
        return Sha256.hex(canonical.toString());
    }
}
