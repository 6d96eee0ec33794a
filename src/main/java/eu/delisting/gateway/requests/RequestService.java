package eu.delisting.gateway.requests;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.delisting.gateway.notices.NoticeService;
import eu.delisting.gateway.notices.NoticeView;
import eu.delisting.gateway.orders.OrderService;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.scope.ScopeKind;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reading requests: the filing claimant, the operator and the order's auditors; nobody else. */
@ApplicationScoped
public class RequestService {

    static final int LIST_LIMIT = 1000;

    private final DelistingRequestRepository requests;
    private final OrderService orders;
    private final NoticeService notices;

    RequestService(DelistingRequestRepository requests, OrderService orders, NoticeService notices) {
        this.requests = requests;
        this.orders = orders;
        this.notices = notices;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequestView(String id, String orderId, int orderVersion, String claimant, String clientReference,
                              Instant filedAt, List<String> addressees, int urlCount, int noticesCreated,
                              List<ItemView> items, List<NoticeView> notices) {
    }

    public record ItemView(int index, String url, String canonicalUrl, ScopeKind matchedKind, String matchedValue) {
    }

    @Transactional
    public List<RequestView> ofOrder(String orderId, Caller caller) {
        orders.requireReadable(orderId, caller);
        List<DelistingRequest> found;
        if (orders.oversees(orderId, caller)) {
            found = requests.ofOrder(orderId, LIST_LIMIT);
        } else if (caller.is(Role.RIGHTS_HOLDER)) {
            found = requests.ofOrderByClaimant(orderId, caller.organisation(), LIST_LIMIT);
        } else {
            throw new GatewayProblem(ProblemCode.FORBIDDEN, "Requests are read by their claimant, the operator"
                    + " and the order's auditors");
        }
        orders.recordAuditorRead(caller, "requests", orderId, orderId);
        return found.stream().map(r -> view(r, false)).toList();
    }

    @Transactional
    public RequestView read(String requestId, Caller caller) {
        DelistingRequest request = requests.findByIdOptional(requestId).orElse(null);
        if (request == null || !(request.claimant().equals(caller.organisation()) && caller.is(Role.RIGHTS_HOLDER)
                || orders.oversees(request.orderId(), caller))) {
            throw GatewayProblem.notFound("Request");
        }
        orders.recordAuditorRead(caller, "request", request.id(), request.orderId());
        return view(request, true);
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
        return new RequestView(r.id(), r.orderId(), r.orderVersion(), r.claimant(), r.clientReference(), r.filedAt(),
                r.addressees(), r.urlCount(), r.noticeCount(), items, full ? notices.ofRequest(r.id()) : null);
    }
}
