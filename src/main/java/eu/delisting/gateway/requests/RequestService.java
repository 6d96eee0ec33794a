package eu.delisting.gateway.requests;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.delisting.gateway.notices.NoticeFeed;
import eu.delisting.gateway.notices.NoticeStatus;
import eu.delisting.gateway.notices.NoticeView;
import eu.delisting.gateway.orders.OrderService;
import eu.delisting.gateway.paging.Paging;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.scope.ScopeKind;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading requests: the filing claimant, the operator and the order's auditors; nobody else. */
@ApplicationScoped
public class RequestService {


    private final DelistingRequestRepository requests;
    private final OrderService orders;
    private final NoticeFeed notices;

    RequestService(DelistingRequestRepository requests, OrderService orders, NoticeFeed notices) {
        this.requests = requests;
        this.orders = orders;
        this.notices = notices;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequestView(String id, String orderId, int orderVersion, String claimant, String filedBy,
                              String clientReference,
                              Instant filedAt, List<String> addressees, int urlCount, int noticesCreated,
                              List<ItemView> items, List<NoticeView> notices, List<SharedNotice> sharedNotices) {
    }

    /**
     * An item of this request that is followed under another claimant's notice (the URL was already under
     * notice for that addressee): the delisting's state, without the other claimant or its notice.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SharedNotice(int index, String addressee, NoticeStatus status, Instant dueAt, boolean overdue) {
    }

    public record ItemView(int index, String url, String canonicalUrl, ScopeKind matchedKind, String matchedValue) {
    }

    /** A page of requests and the cursor of the next one (absent on the last page). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequestPage(List<RequestView> items, String nextCursor) {
    }

    @Transactional
    public RequestPage ofOrder(String orderId, Caller caller, String after, Integer limit) {
        Cursor cursor = Cursor.parse(after);
        List<FieldError> errors = new ArrayList<>();
        int size = Paging.limit(limit, errors);
        if (!errors.isEmpty()) {
            throw GatewayProblem.invalid(errors);
        }
        orders.requireReadable(orderId, caller);
        Set<String> claimants;
        if (orders.oversees(orderId, caller)) {
            claimants = null;
        } else if (caller.is(Role.RIGHTS_HOLDER)) {
            claimants = Set.of(caller.organisation());
        } else if (caller.is(Role.AGENT)) {
            claimants = orders.actingFor(orderId, caller);
        } else {
            throw new GatewayProblem(ProblemCode.FORBIDDEN, "Requests are read by their claimant, the operator"
                    + " and the order's auditors");
        }
        List<DelistingRequest> found = requests.pageOfOrder(orderId, claimants,
                cursor == null ? null : cursor.filedAt(), cursor == null ? null : cursor.id(), size);
        orders.recordAuditorRead(caller, "requests", orderId, orderId);
        String next = found.size() < size ? null : new Cursor(found.get(found.size() - 1).filedAt(),
                found.get(found.size() - 1).id()).toString();
        return new RequestPage(found.stream().map(r -> view(r, false)).toList(), next);
    }

    /** A position in an order's requests: the last one's filing instant and id, opaque to clients. */
    record Cursor(Instant filedAt, String id) {

        static Cursor parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int at = decoded.indexOf('/');
                long micros = Long.parseLong(decoded.substring(0, at));
                String id = decoded.substring(at + 1);
                if (id.isEmpty() || id.length() > 36) {
                    throw new IllegalArgumentException(id);
                }
                return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
            } catch (RuntimeException e) {
                throw GatewayProblem.invalid(List.of(Paging.invalidCursor()));
            }
        }

        @Override
        public String toString() {
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, filedAt);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + "/" + id).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Transactional
    public RequestView read(String requestId, Caller caller) {
        DelistingRequest request = (caller.isOperator()
                ? requests.findByIdOptional(requestId)
                : requests.findVisible(requestId, caller.is(Role.RIGHTS_HOLDER) ? caller.organisation() : null,
                        caller.is(Role.AUDITOR) ? orders.ordersAuditedNow(caller) : List.of())
                        .or(() -> readAsAgent(requestId, caller)))
                .orElseThrow(() -> GatewayProblem.notFound("Request"));
        orders.recordAuditorRead(caller, "request", request.id(), request.orderId());
        return view(request, true);
    }

    /** An agent reads a request of a principal it acts for now on the request's order. */
    private java.util.Optional<DelistingRequest> readAsAgent(String requestId, Caller caller) {
        if (!caller.is(Role.AGENT)) {
            return java.util.Optional.empty();
        }
        return requests.findByIdOptional(requestId)
                .filter(r -> orders.actingFor(r.orderId(), caller).contains(r.claimant()));
    }

    private RequestView view(DelistingRequest r, boolean full) {
        List<ItemView> items = null;
        if (full) {
            items = new ArrayList<>();
            for (int i = 0; i < r.items().size(); i++) {
                RequestItem item = r.items().get(i);
                items.add(new ItemView(i, item.filedUrl(), item.canonicalUrl(), item.matchedKind(), item.matchedValue()));
            }
        }
        if (!full) {
            return new RequestView(r.id(), r.orderId(), r.orderVersion(), r.claimant(), r.filedByOrganisation(),
                    r.clientReference(), r.filedAt(), r.addressees(), r.urlCount(), r.noticeCount(), null, null, null);
        }
        List<NoticeView> own = notices.ofRequest(r.id());
        Set<String> covered = new HashSet<>();
        own.forEach(n -> covered.add(n.canonicalUrl() + "\n" + n.addressee()));
        Set<String> urls = new LinkedHashSet<>();
        r.items().forEach(item -> urls.add(item.canonicalUrl()));
        Map<String, NoticeFeed.SharedOutcome> shared = notices.sharedOutcomes(r.orderId(), r.claimant(), urls, r.filedAt());
        List<SharedNotice> followed = new ArrayList<>();
        for (int i = 0; i < r.items().size(); i++) {
            String url = r.items().get(i).canonicalUrl();
            for (String addressee : r.addressees()) {
                NoticeFeed.SharedOutcome outcome = shared.get(url + "\n" + addressee);
                if (outcome != null && covered.add(url + "\n" + addressee)) {
                    followed.add(new SharedNotice(i, addressee, outcome.status(), outcome.dueAt(), outcome.overdue()));
                }
            }
        }
        return new RequestView(r.id(), r.orderId(), r.orderVersion(), r.claimant(), r.filedByOrganisation(),
                r.clientReference(), r.filedAt(),
                r.addressees(), r.urlCount(), r.noticeCount(), items, own, followed);
    }
}
