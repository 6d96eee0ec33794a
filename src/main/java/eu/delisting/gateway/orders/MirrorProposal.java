package eu.delisting.gateway.orders;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A claimant's proposal that a domain mirrors a site the order covers. Never covered until the
 * authority approves it; decided once.
 */
@Entity
@Table(name = "mirror_proposal")
public class MirrorProposal {

    public enum Status { PENDING, APPROVED, REJECTED }

    @Id
    private String id;

    @Column(name = "order_id", nullable = false)
    private String orderId;

    @Column(nullable = false)
    private String domain;

    @Column(name = "proposed_by", nullable = false)
    private String proposedBy;

    @Column(nullable = false)
    private String evidence;

    @Column(nullable = false)
    private String links;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decision_reason")
    private String decisionReason;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected MirrorProposal() {
    }

    static MirrorProposal propose(String orderId, String domain, String proposedBy, String evidence, String links,
                                  Instant now) {
        MirrorProposal p = new MirrorProposal();
        p.id = UUID.randomUUID().toString();
        p.orderId = orderId;
        p.domain = domain;
        p.proposedBy = proposedBy;
        p.evidence = evidence;
        p.links = links;
        p.status = Status.PENDING;
        p.createdAt = now;
        return p;
    }

    void decide(boolean approve, String authority, String reason, Instant now) {
        if (status != Status.PENDING) {
            throw new IllegalStateException("This proposal was already " + status.name().toLowerCase());
        }
        status = approve ? Status.APPROVED : Status.REJECTED;
        decidedBy = authority;
        decisionReason = reason;
        decidedAt = now;
    }

    public String id() {
        return id;
    }

    public String orderId() {
        return orderId;
    }

    public String domain() {
        return domain;
    }

    public String proposedBy() {
        return proposedBy;
    }

    public String evidence() {
        return evidence;
    }

    public String links() {
        return links;
    }

    public Status status() {
        return status;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public String decisionReason() {
        return decisionReason;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
