package eu.delisting.gateway.audit;

import eu.delisting.gateway.hashing.Sha256;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One entry of the audit log: who did what to which record, when, and the hash that chains it to
 * the entry before. Written once; the database refuses updates and deletes.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    private Long seq;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "organisation_id", nullable = false)
    private String organisation;

    @Column(nullable = false)
    private String subject;

    @Column(nullable = false)
    private String action;

    @Column(name = "record_type", nullable = false)
    private String recordType;

    @Column(name = "record_id", nullable = false)
    private String recordId;

    @Column(name = "order_id")
    private String orderId;

    @Column(nullable = false, columnDefinition = "LONGTEXT")
    private String detail;

    @Column(nullable = false)
    private String digest;

    @Column(name = "prev_hash", nullable = false)
    private String prevHash;

    @Column(nullable = false)
    private String hash;

    protected AuditEvent() {
    }

    /** The next entry of the chain, after the entry {@code (prevSeq, prevHash)}. */
    static AuditEvent append(long prevSeq, String prevHash, Instant occurredAt, String organisation, String subject,
                             String action, String recordType, String recordId, String orderId, String detail) {
        AuditEvent e = new AuditEvent();
        e.seq = prevSeq + 1;
        // The column's precision and the hash's spelling (microseconds): an instant from a finer clock, hashed at its
        // microsecond but stored rounded by the driver, would make the entry look altered to every later verification.
        e.occurredAt = occurredAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        e.organisation = organisation;
        e.subject = subject;
        e.action = action;
        e.recordType = recordType;
        e.recordId = recordId;
        e.orderId = orderId;
        e.detail = detail;
        e.digest = Sha256.hex(detail);
        e.prevHash = prevHash;
        e.hash = AuditChain.hash(e);
        return e;
    }

    public Long seq() {
        return seq;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String organisation() {
        return organisation;
    }

    public String subject() {
        return subject;
    }

    public String action() {
        return action;
    }

    public String recordType() {
        return recordType;
    }

    public String recordId() {
        return recordId;
    }

    public String orderId() {
        return orderId;
    }

    public String detail() {
        return detail;
    }

    public String digest() {
        return digest;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }
}
