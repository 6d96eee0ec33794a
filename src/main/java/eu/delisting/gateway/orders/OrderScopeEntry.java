package eu.delisting.gateway.orders;

import eu.delisting.gateway.scope.ScopeEntry;
import eu.delisting.gateway.scope.ScopeKind;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** How a {@link ScopeEntry} is stored: the scope core knows nothing of persistence. */
@Embeddable
public class OrderScopeEntry {

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false)
    private ScopeKind kind;

    @Column(name = "value", nullable = false)
    private String value;

    @Column(name = "override_reason")
    private String overrideReason;

    protected OrderScopeEntry() {
    }

    OrderScopeEntry(ScopeEntry entry) {
        this.kind = entry.kind();
        this.value = entry.value();
        this.overrideReason = entry.overrideReason();
    }

    public ScopeEntry toEntry() {
        return new ScopeEntry(kind, value, overrideReason);
    }
}
