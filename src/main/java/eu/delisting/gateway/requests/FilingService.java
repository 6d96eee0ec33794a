package eu.delisting.gateway.requests;

import eu.delisting.gateway.audit.AuditLog;
import eu.delisting.gateway.idempotency.IdempotentCalls;
import eu.delisting.gateway.notices.NewNotice;
import eu.delisting.gateway.notices.NoticeIssuer;
import eu.delisting.gateway.orders.Admission;
import eu.delisting.gateway.orders.OrderService;
import eu.delisting.gateway.database.Retried;
import eu.delisting.gateway.paging.Paging;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.scope.Verdict;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.annotation.Timed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Files delisting requests: admits exactly what the order covers, atomically, and fans each URL out
 * as one notice per targeted addressee.
 */
@ApplicationScoped
public class FilingService {

    static final int MAX_CLIENT_REFERENCE = 200;
    static final String OPERATION = "file-request";

    private final OrderService orders;
    private final NoticeIssuer notices;
    private final DelistingRequestRepository requests;
    private final IdempotentCalls idempotent;
    private final AuditLog audit;
    private final MeterRegistry metrics;

    FilingService(OrderService orders, NoticeIssuer notices, DelistingRequestRepository requests,
                  IdempotentCalls idempotent, AuditLog audit, MeterRegistry metrics) {
        this.metrics = metrics;
        this.orders = orders;
        this.notices = notices;
        this.requests = requests;
        this.idempotent = idempotent;
        this.audit = audit;
    }

    /** What identifies a filing for its Idempotency-Key: the order and the request as sent. */
    record FilingFingerprint(String orderId, NewRequest request) {
    }

    /**
     * Files a request under the order's shared lock, all of it or nothing; a retry with the same
     * Idempotency-Key gets the first filing back.
     */
    @Retried
    @Transactional
    @Timed(value = "gateway.filing", description = "Time to file a delisting request", histogram = true)
    public IdempotentCalls.Result<FiledRequest> file(String orderId,
                                                     @NotNull(message = "REQUIRED: a JSON object is required") @Valid NewRequest request,
                                                     String idempotencyKey, Caller caller) {
        requireWithinLimit(request);
        return idempotent.once(caller.organisation(), OPERATION, idempotencyKey,
                new FilingFingerprint(orderId, request), FiledRequest.class, () -> fileOnce(orderId, request, caller));
    }

    private FiledRequest fileOnce(String orderId, NewRequest request, Caller caller) {
        String claimant = claimantOf(request, caller);
        OrderService.FilingTerms terms = orders.termsForFiling(orderId, request.urls(), caller, claimant);
        Admission admission = terms.admission();
        Instant now = admission.at();
        admission.requireRunning();
        List<Admission.Addressee> targeted = targets(admission, request.addressees());
        List<Admission.Addressee> open = targeted.stream().filter(a -> !a.measureEnded()).toList();
        List<FiledRequest.SkippedAddressee> skipped = targeted.stream().filter(Admission.Addressee::measureEnded)
                .map(a -> new FiledRequest.SkippedAddressee(a.organisation(), "ORDER_EXPIRED",
                        "the measure ended for this addressee")).toList();
        if (open.isEmpty()) {
            throw new GatewayProblem(ProblemCode.ORDER_EXPIRED,
                    "The measure has ended for every targeted addressee: no request is admitted");
        }

        List<FiledRequest.UrlError> refused = new ArrayList<>();
        for (int i = 0; i < terms.verdicts().size(); i++) {
            if (terms.verdicts().get(i) instanceof Verdict.Refused r) {
                refused.add(new FiledRequest.UrlError(i, r.filedUrl(), r.code().name(), r.detail(),
                        r.hint().map(h -> new FiledRequest.Hint(h.kind().name(), h.related(), h.detail())).orElse(null)));
            }
        }
        if (!refused.isEmpty()) {
            refused.forEach(e -> metrics.counter("gateway.refusals", "code", e.code()).increment());
            Set<String> codes = new LinkedHashSet<>();
            refused.forEach(e -> codes.add(e.code()));
            ProblemCode code = codes.size() == 1 ? ProblemCode.valueOf(codes.iterator().next()) : ProblemCode.VALIDATION_FAILED;
            throw new GatewayProblem(code, refused.size() + " of " + request.urls().size()
                    + " URLs are not admitted under this order; nothing was filed", refused);
        }

        List<RequestItem> items = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (Verdict verdict : terms.verdicts()) {
            Verdict.Covered c = (Verdict.Covered) verdict;
            items.add(new RequestItem(c.filedUrl(), c.url().toString(), c.matched().kind(), c.matched().value()));
        }
        List<String> addresseeIds = open.stream().map(Admission.Addressee::organisation).toList();
        DelistingRequest filed = DelistingRequest.file(admission.orderId(), admission.orderVersion(), claimant,
                caller.organisation(), caller.subject(), blankToNull(request.clientReference()), addresseeIds, items, now);

        List<NewNotice> wanted = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            RequestItem item = items.get(i);
            if (firstIndex.putIfAbsent(item.canonicalUrl(), i) != null) {
                continue;
            }
            for (Admission.Addressee addressee : open) {
                wanted.add(new NewNotice(i, admission.orderId(), filed.id(), claimant,
                        addressee.organisation(), item.filedUrl(), item.canonicalUrl(), item.matchedKind(),
                        item.matchedValue(), admission.dueAt(addressee), admission.measureEndsAt(addressee)));
            }
        }
        // Decided first, so that the request is written once, with its count, before the notices that reference it.
        NoticeIssuer.Issue issue = notices.plan(admission.orderId(), wanted);
        int created = issue.created();
        filed.countNotices(created);
        requests.persist(filed);
        notices.write(issue);
        List<NoticeIssuer.IssuedNotice> issued = issue.notices();

        Map<Integer, List<FiledRequest.ItemNotice>> byIndex = new LinkedHashMap<>();
        for (NoticeIssuer.IssuedNotice n : issued) {
            byIndex.computeIfAbsent(n.index(), k -> new ArrayList<>()).add(n.claimant().equals(claimant)
                    ? new FiledRequest.ItemNotice(n.addressee(), n.noticeId(), n.status(), n.dueAt(), n.created(), null)
                    : FiledRequest.ItemNotice.heldByAnother(n.addressee()));
        }
        List<FiledRequest.Item> responseItems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            RequestItem item = items.get(i);
            int first = firstIndex.get(item.canonicalUrl());
            responseItems.add(new FiledRequest.Item(i, item.filedUrl(), item.canonicalUrl(),
                    new FiledRequest.MatchedEntry(item.matchedKind(), item.matchedValue()), first == i ? null : first,
                    byIndex.get(first)));
        }
        FiledRequest response = new FiledRequest(filed.id(), admission.orderId(), admission.orderVersion(), claimant,
                filed.filedByOrganisation(), filed.clientReference(), now, addresseeIds, skipped.isEmpty() ? null : skipped, created, responseItems);

        Map<String, Object> details = new LinkedHashMap<>(Map.of("urls", items.size(), "noticesCreated", created,
                "addressees", addresseeIds, "orderVersion", admission.orderVersion()));
        if (!claimant.equals(caller.organisation())) {
            details.put("onBehalfOf", claimant);
        }
        audit.record(caller.actor(), "REQUEST_FILED", "request", filed.id(), admission.orderId(), details);
        return response;
    }

    /**
     * Whom the request is filed for: an agent names its principal in {@code onBehalfOf}; anyone else files for
     * its own organisation (naming itself is allowed, naming another is not an agent's right).
     */
    private static String claimantOf(NewRequest request, Caller caller) {
        if (request.onBehalfOf() == null || request.onBehalfOf().isBlank()) {
            if (caller.is(Role.AGENT)) {
                throw GatewayProblem.invalid(List.of(new FieldError("onBehalfOf", "REQUIRED",
                        "an agent names the principal it files for")));
            }
            return caller.organisation();
        }
        return request.onBehalfOf();
    }

    /** The limit Bean Validation does not express: more URLs than one request may carry is its own problem. */
    private static void requireWithinLimit(NewRequest request) {
        if (request.urls().size() > Paging.MAX_ITEMS) {
            throw new GatewayProblem(ProblemCode.BATCH_TOO_LARGE,
                    request.urls().size() + " URLs in one request; the limit is " + Paging.MAX_ITEMS);
        }
    }

    private static List<Admission.Addressee> targets(Admission admission, List<String> wanted) {
        if (wanted == null) {
            return admission.addressees();
        }
        List<FieldError> errors = new ArrayList<>();
        List<Admission.Addressee> result = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < wanted.size(); i++) {
            String id = wanted.get(i);
            Optional<Admission.Addressee> match = admission.addressees().stream()
                    .filter(a -> a.organisation().equals(id)).findFirst();
            if (match.isEmpty()) {
                errors.add(new FieldError("addressees[" + i + "]", "NOT_ADDRESSEE",
                        "'" + id + "' is not an addressee of this order"));
            } else if (seen.add(id)) {
                result.add(match.get());
            }
        }
        if (!errors.isEmpty()) {
            throw new GatewayProblem(ProblemCode.NOT_ADDRESSEE, errors.size() == 1
                    ? "A targeted organisation is not an addressee of this order"
                    : errors.size() + " targeted organisations are not addressees of this order", errors);
        }
        return result;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
