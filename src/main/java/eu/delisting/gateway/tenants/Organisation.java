package eu.delisting.gateway.tenants;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A tenant: every caller belongs to exactly one. Its id is the slug carried in the token's org claim. */
@Entity
@Table(name = "organisation")
public class Organisation {

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OrganisationKind kind;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    protected Organisation() {
    }

    Organisation(String id, String name, OrganisationKind kind, Instant registeredAt) {
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.registeredAt = registeredAt;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public OrganisationKind kind() {
        return kind;
    }

    public Instant registeredAt() {
        return registeredAt;
    }
}
