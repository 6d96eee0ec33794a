package eu.delisting.gateway.webhooks;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** An organisation's endpoint for event types of its own feed; its secrets sign every delivery. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription {

    public enum Status { ENABLED, DISABLED }

    @Id
    private String id;

    @Column(name = "organisation_id", nullable = false)
    private String organisation;

    @Column(nullable = false)
    private String url;

    @Column(name = "event_types", nullable = false)
    private String eventTypes;

    private String description;

    @Column(nullable = false)
    private String secret;

    @Column(name = "previous_secret")
    private String previousSecret;

    @Column(name = "previous_secret_until")
    private Instant previousSecretUntil;

    @Column(name = "max_in_flight", nullable = false)
    private int maxInFlight;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "disabled_reason")
    private String disabledReason;

    @Column(name = "disabled_at")
    private Instant disabledAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected WebhookSubscription() {
    }

    static WebhookSubscription subscribe(String organisation, String url, List<String> eventTypes, String description,
                                         int maxInFlight, String secret, Instant now) {
        WebhookSubscription s = new WebhookSubscription();
        s.id = UUID.randomUUID().toString();
        s.organisation = organisation;
        s.url = url;
        s.eventTypes = String.join(",", eventTypes);
        s.description = description;
        s.maxInFlight = maxInFlight;
        s.secret = secret;
        s.status = Status.ENABLED;
        s.createdAt = now;
        return s;
    }

    /** A new secret signs from now on; the previous one signs beside it until {@code overlapUntil}. */
    void rotate(String newSecret, Instant overlapUntil) {
        previousSecret = secret;
        previousSecretUntil = overlapUntil;
        secret = newSecret;
    }

    /** The secrets that sign a delivery made at {@code now}: the current one, and the previous during rotation. */
    List<String> signingSecrets(Instant now) {
        return previousSecret != null && now.isBefore(previousSecretUntil) ? List.of(secret, previousSecret)
                : List.of(secret);
    }

    void disable(String reason, Instant now) {
        status = Status.DISABLED;
        disabledReason = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        disabledAt = now;
    }

    void enable() {
        status = Status.ENABLED;
        disabledReason = null;
        disabledAt = null;
    }

    public String id() {
        return id;
    }

    public String organisation() {
        return organisation;
    }

    public String url() {
        return url;
    }

    public List<String> eventTypes() {
        return Arrays.asList(eventTypes.split(","));
    }

    public String description() {
        return description;
    }

    String secret() {
        return secret;
    }

    public Instant previousSecretUntil() {
        return previousSecretUntil;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public Status status() {
        return status;
    }

    public String disabledReason() {
        return disabledReason;
    }

    public Instant disabledAt() {
        return disabledAt;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
