package eu.delisting.gateway.requests;

import eu.delisting.gateway.scope.ScopeKind;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One URL of a request: as filed, canonical, and the scope entry that admitted it. */
@Embeddable
public class RequestItem {

    @Column(name = "filed_url", nullable = false)
    private String filedUrl;

    @Column(name = "canonical_url", nullable = false)
    private String canonicalUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "matched_kind", nullable = false)
    private ScopeKind matchedKind;

    @Column(name = "matched_value", nullable = false)
    private String matchedValue;

    protected RequestItem() {
    }

    RequestItem(String filedUrl, String canonicalUrl, ScopeKind matchedKind, String matchedValue) {
        this.filedUrl = filedUrl;
        this.canonicalUrl = canonicalUrl;
        this.matchedKind = matchedKind;
        this.matchedValue = matchedValue;
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
}
