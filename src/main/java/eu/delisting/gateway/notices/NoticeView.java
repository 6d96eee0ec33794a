package eu.delisting.gateway.notices;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.delisting.gateway.scope.ScopeKind;

import java.time.Instant;
import java.util.List;

/** A notice as the API shows it; {@code latestAcknowledgement} only when read one at a time. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NoticeView(String id, long cursor, String orderId, String requestId, String claimant, String addressee,
                         String url, String canonicalUrl, MatchedEntry matchedEntry, NoticeStatus status,
                         Instant createdAt, Instant dueAt, Instant measureEndsAt, boolean overdue, boolean late,
                         int version, AcknowledgementView latestAcknowledgement) {

    public record MatchedEntry(ScopeKind kind, String value) {
    }

    /** A notice as a feed page reads it: projected by its query from the notice and its request item (no entity). */
    public NoticeView(String id, long cursor, String orderId, String requestId, String claimant, String addressee,
                      String url, String canonicalUrl, ScopeKind matchedKind, String matchedValue, NoticeStatus status,
                      Instant createdAt, Instant dueAt, Instant measureEndsAt, boolean overdue, boolean late, int version) {
        this(id, cursor, orderId, requestId, claimant, addressee, url, canonicalUrl,
                new MatchedEntry(matchedKind, matchedValue), status, createdAt, dueAt, measureEndsAt, overdue, late, version,
                null);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AcknowledgementView(long id, NoticeStatus status, Instant effectiveAt, Instant recordedAt,
                                      List<String> territories, List<String> frontEnds, RejectionReason reasonCode,
                                      String comment, boolean late, String organisation) {
        static AcknowledgementView of(Acknowledgement a) {
            return new AcknowledgementView(a.id(), a.status(), a.effectiveAt(), a.recordedAt(), a.territories(),
                    a.frontEnds(), a.reasonCode(), a.comment(), a.late(), a.organisation());
        }
    }

    /** This view with the acknowledgement that left the notice so. */
    NoticeView withLatest(Acknowledgement latest) {
        return new NoticeView(id, cursor, orderId, requestId, claimant, addressee, url, canonicalUrl, matchedEntry,
                status, createdAt, dueAt, measureEndsAt, overdue, late, version, AcknowledgementView.of(latest));
    }

    static NoticeView of(Notice n, Acknowledgement latest) {
        return new NoticeView(n.id(), n.seq(), n.orderId(), n.requestId(), n.claimant(), n.addressee(), n.filedUrl(),
                n.canonicalUrl(), new MatchedEntry(n.matchedKind(), n.matchedValue()), n.status(), n.createdAt(),
                n.dueAt(), n.measureEndsAt(), n.overdue(), n.late(), n.version(),
                latest == null ? null : AcknowledgementView.of(latest));
    }
}
