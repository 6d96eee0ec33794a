package eu.delisting.gateway.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One appended entry of the audit log: who did what to which record, when. Never updated. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
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

    protected AuditEvent() {
    }

    AuditEvent(Instant occurredAt, String organisation, String subject, String action, String recordType,
               String recordId, String orderId, String detail) {
        this.occurredAt = occurredAt;
        this.organisation = organisation;
        this.subject = subject;
        this.action = action;
        this.recordType = recordType;
        this.recordId = recordId;
        this.orderId = orderId;
        this.detail = detail;
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
}
