package eu.delisting.gateway.notices;

import eu.delisting.gateway.scope.ScopeKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One URL to delist, addressed to one search engine under one order. Its state changes only through
 * the methods here, which keep the status, the lateness flag, the active-URL key and the version
 * (the ETag) consistent.
 */
@Entity
@Table(name = "notice")
public class Notice {

    @Id
    private String id;

    @Column(nullable = false)
    private long seq;

    @Column(name = "order_id", nullable = false)
    private String orderId;

    @Column(name = "request_id", nullable = false)
    private String requestId;

    @Column(name = "claimant_id", nullable = false)
    private String claimant;

    @Column(name = "addressee_id", nullable = false)
    private String addressee;

    @Column(name = "filed_url", nullable = false)
    private String filedUrl;

    @Column(name = "canonical_url", nullable = false)
    private String canonicalUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "matched_kind", nullable = false)
    private ScopeKind matchedKind;

    @Column(name = "matched_value", nullable = false)
    private String matchedValue;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private NoticeStatus status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "due_at")
    private Instant dueAt;

    @Column(name = "measure_ends_at")
    private Instant measureEndsAt;

    @Column(nullable = false)
    private boolean overdue;

    @Column(nullable = false)
    private boolean late;

    @Column(name = "active_url_hash")
    private String activeUrlHash;

    @Column(nullable = false)
    private int version;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Notice() {
    }

    static Notice issue(long seq, NewNotice n, String urlHash, Instant now) {
        Notice notice = new Notice();
        notice.id = UUID.randomUUID().toString();
        notice.seq = seq;
        notice.orderId = n.orderId();
        notice.requestId = n.requestId();
        notice.claimant = n.claimant();
        notice.addressee = n.addressee();
        notice.filedUrl = n.filedUrl();
        notice.canonicalUrl = n.canonicalUrl();
        notice.matchedKind = n.matchedKind();
        notice.matchedValue = n.matchedValue();
        notice.dueAt = n.dueAt();
        notice.measureEndsAt = n.measureEndsAt();
        notice.status = n.dueAt() == null ? NoticeStatus.PENDING_NOTIFICATION : NoticeStatus.PENDING;
        notice.createdAt = now;
        notice.updatedAt = now;
        notice.activeUrlHash = urlHash;
        notice.version = 1;
        return notice;
    }

    /**
     * Appends an acknowledgement. Always accepted, even late, even after the measure ended: losing
     * evidence is worse than lateness. It moves the status only while the notice is live (not
     * EXPIRED or CANCELLED, which the gateway decided and an engine cannot undo).
     */
    Acknowledgement acknowledge(NoticeStatus reported, Instant effectiveAt, List<String> territories,
                                List<String> frontEnds, RejectionReason reason, String comment, String organisation,
                                String subject, Instant now) {
        if (!NoticeStatus.ACKNOWLEDGEABLE.contains(reported)) {
            throw new IllegalArgumentException("An engine reports RECEIVED, DELISTED or REJECTED, not " + reported);
        }
        boolean lateDelisting = reported == NoticeStatus.DELISTED && dueAt != null && effectiveAt.isAfter(dueAt);
        if (status != NoticeStatus.EXPIRED && status != NoticeStatus.CANCELLED) {
            status = reported;
            if (reported == NoticeStatus.REJECTED) {
                activeUrlHash = null;
            }
            if (reported == NoticeStatus.DELISTED) {
                late = lateDelisting;
            }
        }
        version++;
        updatedAt = now;
        return new Acknowledgement(id, reported, effectiveAt, now, territories, frontEnds, reason, comment,
                lateDelisting, organisation, subject);
    }

    /** The order was suspended or lifted: the notice no longer stands, and relisting is permitted. */
    void cancel(Instant now) {
        if (status.isActive()) {
            status = NoticeStatus.CANCELLED;
            activeUrlHash = null;
            version++;
            updatedAt = now;
        }
    }

    /** The addressee was served: the deadlines start. */
    void startDeadlines(Instant due, Instant measureEnd, Instant now) {
        if (status != NoticeStatus.PENDING_NOTIFICATION) {
            throw new IllegalStateException("Only a notice waiting for notification starts its deadlines");
        }
        dueAt = due;
        measureEndsAt = measureEnd;
        status = NoticeStatus.PENDING;
        version++;
        updatedAt = now;
    }

    public String id() {
        return id;
    }

    public long seq() {
        return seq;
    }

    public String orderId() {
        return orderId;
    }

    public String requestId() {
        return requestId;
    }

    public String claimant() {
        return claimant;
    }

    public String addressee() {
        return addressee;
    }

    public String filedUrl() {
        return filedUrl;
    }

    public String canonicalUrl() {
        return canonicalUrl;
    }

    public ScopeKind matchedKind() {
        return matchedKind;
    }

    public String matchedValue() {
        return matchedValue;
    }

    public NoticeStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant measureEndsAt() {
        return measureEndsAt;
    }

    public boolean overdue() {
        return overdue;
    }

    public boolean late() {
        return late;
    }

    public int version() {
        return version;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** The ETag of this version of the notice. */
    public String etag() {
        return "\"" + id.substring(0, 8) + "-" + version + "\"";
    }
}
