package eu.delisting.gateway.requests;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.delisting.gateway.notices.NoticeStatus;
import eu.delisting.gateway.scope.ScopeKind;

import java.time.Instant;
import java.util.List;

/** The answer to a filing: each URL as admitted, and the notice it maps to for each addressee. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FiledRequest(String id, String orderId, int orderVersion, String claimant, String filedBy,
                           String clientReference,
                           Instant filedAt, List<String> addressees, List<SkippedAddressee> skippedAddressees,
                           int noticesCreated, List<Item> items) {

    /** An answer stored (for an Idempotency-Key) before agents existed was filed by its claimant. */
    public FiledRequest {
        filedBy = filedBy == null ? claimant : filedBy;
    }

    public record SkippedAddressee(String organisation, String reason, String detail) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, String url, String canonicalUrl, MatchedEntry matchedEntry, Integer duplicateOf,
                       List<ItemNotice> notices) {
    }

    public record MatchedEntry(ScopeKind kind, String value) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemNotice(String addressee, String noticeId, NoticeStatus status, Instant dueAt, boolean created,
                             Boolean heldByAnotherClaimant) {

        /** The URL is active for this addressee under another claimant's notice, which this claimant may not read. */
        static ItemNotice heldByAnother(String addressee) {
            return new ItemNotice(addressee, null, null, null, false, true);
        }
    }

    /** One refused URL of a refused filing. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UrlError(int index, String url, String code, String detail, Hint hint) {
    }

    public record Hint(String kind, String related, String detail) {
    }
}
