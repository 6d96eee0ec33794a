package eu.delisting.gateway.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.delisting.gateway.scope.CanonicalUrl;
import eu.delisting.gateway.scope.Hint;
import eu.delisting.gateway.scope.ScopeEntry;
import eu.delisting.gateway.scope.ScopeKind;
import eu.delisting.gateway.scope.Verdict;
import eu.delisting.gateway.tenants.Caller;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;

/** "Would this be admitted?" for any party, appointed auditor or the operator. Nothing is stored. */
@Path("/api/v1/orders/{orderId}/scope-check")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ScopeCheckResource {

    private final OrderService orders;
    private final Caller caller;

    ScopeCheckResource(OrderService orders, Caller caller) {
        this.orders = orders;
        this.caller = caller;
    }

    public record ScopeCheckRequest(List<String> urls) {
    }

    public record ScopeCheckResponse(String orderId, int orderVersion, String publicSuffixListVersion, int covered,
                                     int refused, List<Result> results) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int index, String url, boolean covered, String canonicalUrl, MatchedEntry matchedEntry,
                         String code, String detail, HintView hint) {
    }

    public record MatchedEntry(ScopeKind kind, String value) {
        static MatchedEntry of(ScopeEntry entry) {
            return new MatchedEntry(entry.kind(), entry.value());
        }
    }

    public record HintView(Hint.Kind kind, String related, String detail) {
        static HintView of(Hint hint) {
            return new HintView(hint.kind(), hint.related(), hint.detail());
        }
    }

    @POST
    public ScopeCheckResponse check(@PathParam("orderId") String orderId, ScopeCheckRequest request) {
        OrderService.ScopeCheck check = orders.checkScope(orderId, request == null ? null : request.urls(), caller);
        List<Result> results = new ArrayList<>();
        int covered = 0;
        for (int i = 0; i < check.verdicts().size(); i++) {
            Verdict verdict = check.verdicts().get(i);
            switch (verdict) {
                case Verdict.Covered c -> {
                    covered++;
                    results.add(new Result(i, c.filedUrl(), true, c.url().toString(), MatchedEntry.of(c.matched()),
                            null, null, null));
                }
                case Verdict.Refused r -> results.add(new Result(i, r.filedUrl(), false,
                        r.url().map(CanonicalUrl::toString).orElse(null), null, r.code().name(), r.detail(),
                        r.hint().map(HintView::of).orElse(null)));
            }
        }
        return new ScopeCheckResponse(check.orderId(), check.orderVersion(), check.publicSuffixListVersion(), covered,
                results.size() - covered, results);
    }
}
