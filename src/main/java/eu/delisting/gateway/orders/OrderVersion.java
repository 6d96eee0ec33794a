package eu.delisting.gateway.orders;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One version of a court order as a legal object: what it said from its effective instant, and the
 * decision that made it. Written once, never changed; the full content is kept as a JSON snapshot so
 * that every earlier version stays readable as it was.
 */
@Entity
@Table(name = "order_version")
public class OrderVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    private CourtOrder order;

    @Column(nullable = false)
    private int version;

    @Column(name = "effective_at", nullable = false)
    private Instant effectiveAt;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(name = "decision_reference", nullable = false)
    private String decisionReference;

    @Column(name = "change_kind", nullable = false)
    private String change;

    @Column(nullable = false, columnDefinition = "LONGTEXT")
    private String snapshot;

    @Column(name = "public_suffix_list_version", nullable = false)
    private String publicSuffixListVersion;

    protected OrderVersion() {
    }

    OrderVersion(CourtOrder order, int version, Instant effectiveAt, Instant recordedAt, String decisionReference,
                 String change, String snapshot, String publicSuffixListVersion) {
        this.order = order;
        this.version = version;
        this.effectiveAt = effectiveAt;
        this.recordedAt = recordedAt;
        this.decisionReference = decisionReference;
        this.change = change;
        this.snapshot = snapshot;
        this.publicSuffixListVersion = publicSuffixListVersion;
    }

    /** The Public Suffix List this version's scope decisions use. */
    public String publicSuffixListVersion() {
        return publicSuffixListVersion;
    }

    public int version() {
        return version;
    }

    public Instant effectiveAt() {
        return effectiveAt;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public String decisionReference() {
        return decisionReference;
    }

    public String change() {
        return change;
    }

    public String snapshot() {
        return snapshot;
    }
}
