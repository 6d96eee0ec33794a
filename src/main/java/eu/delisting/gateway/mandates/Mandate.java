package eu.delisting.gateway.mandates;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A principal's (rights holder's) permission for an agent to file on its behalf: for all its orders or
 * the listed ones, from an instant until an optional end, until revoked. Granted once, revoked once.
 */
@Entity
@Table(name = "mandate")
public class Mandate {

    @Id
    private String id;

    @Column(name = "agent_id", nullable = false)
    private String agent;

    @Column(name = "principal_id", nullable = false)
    private String principal;

    @Column(name = "all_orders", nullable = false)
    private boolean allOrders;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "mandate_order", joinColumns = @JoinColumn(name = "mandate_id"))
    @Column(name = "order_id")
    private Set<String> orders = new TreeSet<>();

    @Column(name = "valid_from", nullable = false)
    private Instant from;

    @Column(name = "valid_until")
    private Instant until;

    @Column(name = "granted_at", nullable = false)
    private Instant grantedAt;

    @Column(name = "granted_by", nullable = false)
    private String grantedBy;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoked_by")
    private String revokedBy;

    @Column(name = "revocation_reason")
    private String revocationReason;

    protected Mandate() {
    }

    /** A mandate for the listed orders, or for all the principal's orders when {@code orders} is null. */
    static Mandate grant(String agent, String principal, Set<String> orders, Instant from, Instant until,
                         Instant now, String grantedBy) {
        Mandate mandate = new Mandate();
        mandate.id = UUID.randomUUID().toString();
        mandate.agent = agent;
        mandate.principal = principal;
        mandate.allOrders = orders == null;
        if (orders != null) {
            mandate.orders.addAll(orders);
        }
        mandate.from = from;
        mandate.until = until;
        mandate.grantedAt = now;
        mandate.grantedBy = grantedBy;
        return mandate;
    }

    /** Ends the mandate now; false if it was already revoked (a revocation is never rewritten). */
    boolean revoke(Instant now, String by, String reason) {
        if (revokedAt != null) {
            return false;
        }
        revokedAt = now;
        revokedBy = by;
        revocationReason = reason;
        return true;
    }

    /** In force at {@code instant}: started, not ended, not revoked. */
    public boolean inForceAt(Instant instant) {
        return revokedAt == null && !instant.isBefore(from) && (until == null || instant.isBefore(until));
    }

    public String id() {
        return id;
    }

    public String agent() {
        return agent;
    }

    public String principal() {
        return principal;
    }

    public boolean allOrders() {
        return allOrders;
    }

    public Set<String> orders() {
        return Collections.unmodifiableSet(orders);
    }

    public Instant from() {
        return from;
    }

    public Instant until() {
        return until;
    }

    public Instant grantedAt() {
        return grantedAt;
    }

    public String grantedBy() {
        return grantedBy;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public String revokedBy() {
        return revokedBy;
    }

    public String revocationReason() {
        return revocationReason;
    }
}
