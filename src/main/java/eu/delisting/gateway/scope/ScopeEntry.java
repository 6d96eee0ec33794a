package eu.delisting.gateway.scope;

import java.util.Objects;

/**
 * One entry of an order's scope, in canonical form. {@code overrideReason} is the operator's stated
 * reason for reaching protected infrastructure with a HOST or URL_PREFIX entry; null otherwise.
 */
public record ScopeEntry(ScopeKind kind, String value, String overrideReason) {
    public ScopeEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static ScopeEntry of(ScopeKind kind, String value) {
        return new ScopeEntry(kind, value, null);
    }
}
