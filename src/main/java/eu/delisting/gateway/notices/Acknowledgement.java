package eu.delisting.gateway.notices;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** What an engine reported about a notice. Appended, never overwritten: the history is evidence. */
@Entity
@Table(name = "acknowledgement")
public class Acknowledgement {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "notice_id", nullable = false)
    private String noticeId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private NoticeStatus status;

    @Column(name = "effective_at", nullable = false)
    private Instant effectiveAt;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(nullable = false)
    private String territories;

    @Column(name = "front_ends", nullable = false)
    private String frontEnds;

    @Enumerated(EnumType.STRING)
    @Column(name = "reason_code")
    private RejectionReason reasonCode;

    @Column
    private String comment;

    @Column(nullable = false)
    private boolean late;

    @Column(name = "organisation_id", nullable = false)
    private String organisation;

    @Column(nullable = false)
    private String subject;

    protected Acknowledgement() {
    }

    Acknowledgement(String noticeId, NoticeStatus status, Instant effectiveAt, Instant recordedAt,
                    List<String> territories, List<String> frontEnds, RejectionReason reasonCode, String comment,
                    boolean late, String organisation, String subject) {
        this.noticeId = noticeId;
        this.status = status;
        this.effectiveAt = effectiveAt;
        this.recordedAt = recordedAt;
        this.territories = String.join(",", territories);
        this.frontEnds = String.join(",", frontEnds);
        this.reasonCode = reasonCode;
        this.comment = comment;
        this.late = late;
        this.organisation = organisation;
        this.subject = subject;
    }

    /** The id the database gave the appended row (see {@code AcknowledgementRepository.appendAll}). */
    void assign(long id) {
        if (this.id != null) {
            throw new IllegalStateException("Acknowledgement " + this.id + " is already stored");
        }
        this.id = id;
    }

    public Long id() {
        return id;
    }

    public String noticeId() {
        return noticeId;
    }

    public NoticeStatus status() {
        return status;
    }

    public Instant effectiveAt() {
        return effectiveAt;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public List<String> territories() {
        return split(territories);
    }

    public List<String> frontEnds() {
        return split(frontEnds);
    }

    public RejectionReason reasonCode() {
        return reasonCode;
    }

    public String comment() {
        return comment;
    }

    public boolean late() {
        return late;
    }

    public String organisation() {
        return organisation;
    }

    String subject() {
        return subject;
    }

    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
