package eu.delisting.gateway.requests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.delisting.gateway.audit.AuditLog;
import eu.delisting.gateway.deadlines.Deadlines;
import eu.delisting.gateway.idempotency.IdempotencyKeys;
import eu.delisting.gateway.notices.NewNotice;
import eu.delisting.gateway.notices.NoticeService;
import eu.delisting.gateway.orders.OrderService;
import eu.delisting.gateway.orders.OrderStatus;
import eu.delisting.gateway.database.Retried;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.FreeText;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.scope.Verdict;
import eu.delisting.gateway.tenants.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
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

    public static final int MAX_URLS = 1000;
    static final int MAX_CLIENT_REFERENCE = 200;
    static final String OPERATION = "file-request";

    private final OrderService orders;
    private final NoticeService notices;
    private final DelistingRequestRepository requests;
    private final IdempotencyKeys idempotency;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry metrics;

    FilingService(OrderService orders, NoticeService notices, DelistingRequestRepository requests,
                  IdempotencyKeys idempotency, AuditLog audit, ObjectMapper json, Clock clock, MeterRegistry metrics) {
        this.metrics = metrics;
        this.orders = orders;
        this.notices = notices;
        this.requests = requests;
        this.idempotency = idempotency;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** The answer to return: 201 with the filed request, or the first answer again on a retry. */
    public record Filed(int status, String body, String requestId) {
    }

    /** What identifies a filing for its Idempotency-Key: the order and the request as sent. */
    record FilingFingerprint(String orderId, NewRequest request) {
    }

    /** Files a request, timed as {@code gateway.filing} (a Prometheus histogram). */
    @Retried
    @Transactional
    public Filed file(String orderId, NewRequest request, String idempotencyKey, Caller caller) {
        Timer.Sample sample = Timer.start(metrics);
        String outcome = "refused";
        try {
            Filed filed = fileTimed(orderId, request, idempotencyKey, caller);
            outcome = filed.requestId() == null ? "replayed" : "filed";
            return filed;
        } finally {
            sample.stop(Timer.builder("gateway.filing").description("Time to file a delisting request")
                    .tag("outcome", outcome).publishPercentileHistogram().register(metrics));
        }
    }

    private Filed fileTimed(String orderId, NewRequest request, String idempotencyKey, Caller caller) {
        validateShape(request);
        IdempotencyKeys.validate(idempotencyKey);
        if (idempotencyKey != null) {
            Optional<IdempotencyKeys.StoredResponse> stored = idempotency.claim(caller.organisation(), OPERATION,
                    idempotencyKey, new FilingFingerprint(orderId, request));
            if (stored.isPresent()) {
                return new Filed(stored.get().status(), stored.get().body(), null);
            }
        }
        Instant now = clock.instant();
        OrderService.FilingTerms terms = orders.termsForFiling(orderId, request.urls(), caller);
        if (terms.status() == OrderStatus.SUSPENDED) {
            throw new GatewayProblem(ProblemCode.ORDER_SUSPENDED, "The order is suspended: no request is admitted");
        }
        if (terms.status() == OrderStatus.LIFTED || terms.status() == OrderStatus.EXPIRED) {
            throw new GatewayProblem(ProblemCode.ORDER_EXPIRED, "The order is " + terms.status().name().toLowerCase()
                    + ": no request is admitted");
        }

        List<OrderService.AddresseeTerms> targeted = targets(terms, request.addressees());
        List<OrderService.AddresseeTerms> open = new ArrayList<>();
        List<FiledRequest.SkippedAddressee> skipped = new ArrayList<>();
        for (OrderService.AddresseeTerms addressee : targeted) {
            if (addressee.notifiedOn() != null && now.isAfter(Deadlines.measureEndsAt(addressee.notifiedOn(),
                    terms.complianceDays(), terms.duration(), terms.timezone()))) {
                skipped.add(new FiledRequest.SkippedAddressee(addressee.organisation(), "ORDER_EXPIRED",
                        "the measure ended for this addressee"));
            } else {
                open.add(addressee);
            }
        }
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
        List<String> addresseeIds = open.stream().map(OrderService.AddresseeTerms::organisation).toList();
        DelistingRequest filed = DelistingRequest.file(terms.orderId(), terms.version(), caller.organisation(),
                caller.subject(), blankToNull(request.clientReference()), addresseeIds, items, now);
        requests.persist(filed);

        List<NewNotice> wanted = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            RequestItem item = items.get(i);
            if (firstIndex.putIfAbsent(item.canonicalUrl(), i) != null) {
                continue;
            }
            for (OrderService.AddresseeTerms addressee : open) {
                Instant due = addressee.notifiedOn() == null ? null
                        : Deadlines.dueAt(addressee.notifiedOn(), now, terms.complianceDays(), terms.timezone());
                Instant end = addressee.notifiedOn() == null ? null
                        : Deadlines.measureEndsAt(addressee.notifiedOn(), terms.complianceDays(), terms.duration(),
                        terms.timezone());
                wanted.add(new NewNotice(i, terms.orderId(), filed.id(), caller.organisation(),
                        addressee.organisation(), item.filedUrl(), item.canonicalUrl(), item.matchedKind(),
                        item.matchedValue(), due, end));
            }
        }
        List<NoticeService.IssuedNotice> issued = notices.issue(terms.orderId(), wanted);
        int created = (int) issued.stream().filter(NoticeService.IssuedNotice::created).count();
        filed.countNotices(created);

        Map<Integer, List<FiledRequest.ItemNotice>> byIndex = new LinkedHashMap<>();
        for (NoticeService.IssuedNotice n : issued) {
            byIndex.computeIfAbsent(n.index(), k -> new ArrayList<>()).add(n.claimant().equals(caller.organisation())
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
        FiledRequest response = new FiledRequest(filed.id(), terms.orderId(), terms.version(), caller.organisation(),
                filed.clientReference(), now, addresseeIds, skipped.isEmpty() ? null : skipped, created, responseItems);

        audit.record(caller.actor(), "REQUEST_FILED", "request", filed.id(), terms.orderId(), Map.of(
                "urls", items.size(), "noticesCreated", created, "addressees", addresseeIds,
                "orderVersion", terms.version()));
        String body = write(response);
        if (idempotencyKey != null) {
            idempotency.complete(caller.organisation(), OPERATION, idempotencyKey, 201, body);
        }
        return new Filed(201, body, filed.id());
    }

    private static void validateShape(NewRequest request) {
        if (request == null || request.urls() == null || request.urls().isEmpty()) {
            throw GatewayProblem.invalid(List.of(new FieldError("urls", "REQUIRED", "a request files at least one URL")));
        }
        if (request.urls().size() > MAX_URLS) {
            throw new GatewayProblem(ProblemCode.BATCH_TOO_LARGE,
                    request.urls().size() + " URLs in one request; the limit is " + MAX_URLS);
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < request.urls().size(); i++) {
            if (request.urls().get(i) == null) {
                errors.add(new FieldError("urls[" + i + "]", "REQUIRED", "a URL is a string"));
            }
        }
        FreeText.check("clientReference", request.clientReference(), MAX_CLIENT_REFERENCE, errors);
        if (request.addressees() != null && request.addressees().isEmpty()) {
            errors.add(new FieldError("addressees", "EMPTY", "leave addressees out to target every addressee"));
        }
        if (!errors.isEmpty()) {
            throw GatewayProblem.invalid(errors);
        }
    }

    private static List<OrderService.AddresseeTerms> targets(OrderService.FilingTerms terms, List<String> wanted) {
        if (wanted == null) {
            return terms.addressees();
        }
        List<FieldError> errors = new ArrayList<>();
        List<OrderService.AddresseeTerms> result = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < wanted.size(); i++) {
            String id = wanted.get(i);
            Optional<OrderService.AddresseeTerms> match = terms.addressees().stream()
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

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A filing could not be written as JSON", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
