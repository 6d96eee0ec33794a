package eu.delisting.gateway.orders;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An auditor organisation appointed to one order for a mandate [from, until). */
@Entity
@Table(name = "auditor_appointment")
public class AuditorAppointment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "order_id", nullable = false)
    private String orderId;

    @Column(name = "auditor_id", nullable = false)
    private String auditor;

    @Column(name = "mandate_from", nullable = false)
    private Instant from;

    @Column(name = "mandate_until", nullable = false)
    private Instant until;

    @Column(name = "appointed_at", nullable = false)
    private Instant appointedAt;

    protected AuditorAppointment() {
    }

    AuditorAppointment(String orderId, String auditor, Instant from, Instant until, Instant appointedAt) {
        this.orderId = orderId;
        this.auditor = auditor;
        this.from = from;
        this.until = until;
        this.appointedAt = appointedAt;
    }

    public boolean coversInstant(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(until);
    }

    public Long id() {
        return id;
    }

    public Instant appointedAt() {
        return appointedAt;
    }

    public String orderId() {
        return orderId;
    }

    public String auditor() {
        return auditor;
    }

    public Instant from() {
        return from;
    }

    public Instant until() {
        return until;
    }
}
