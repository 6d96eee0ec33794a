package eu.delisting.gateway.notices;

import eu.delisting.gateway.scope.ScopeKind;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.Immutable;

import java.io.Serializable;
import java.util.Objects;

/**
 * The URL a notice was issued for, as its request stored it once for all the addressees (a row of
 * {@code request_item}, written by the filing): as filed, canonical, and the scope entry that admitted it. Read
 * here, never written; the notices of a page load theirs together, in one query.
 */
@Entity
@Immutable
@Table(name = "request_item")
@BatchSize(size = 1000)
public class NoticeItem {

    /** A request item's key: its request and its position in it. */
    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "request_id")
        private String requestId;

        @Column(name = "position")
        private int position;

        protected Key() {
        }

        Key(String requestId, int position) {
            this.requestId = requestId;
            this.position = position;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && position == k.position && Objects.equals(requestId, k.requestId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(requestId, position);
        }
    }

    @EmbeddedId
    private Key key;

    @Column(name = "filed_url", nullable = false)
    private String filedUrl;

    @Column(name = "canonical_url", nullable = false)
    private String canonicalUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "matched_kind", nullable = false)
    private ScopeKind matchedKind;

    @Column(name = "matched_value", nullable = false)
    private String matchedValue;

    protected NoticeItem() {
    }

    /** The item of a notice being issued, as its filing has it in hand. */
    static NoticeItem of(NewNotice n) {
        NoticeItem item = new NoticeItem();
        item.key = new Key(n.requestId(), n.index());
        item.filedUrl = n.filedUrl();
        item.canonicalUrl = n.canonicalUrl();
        item.matchedKind = n.matchedKind();
        item.matchedValue = n.matchedValue();
        return item;
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
