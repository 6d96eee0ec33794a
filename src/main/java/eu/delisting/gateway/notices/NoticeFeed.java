package eu.delisting.gateway.notices;

import eu.delisting.gateway.hashing.Sha256;
import eu.delisting.gateway.orders.OrderService;
import eu.delisting.gateway.paging.Paging;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a caller reads of notices: the feed in order, one notice, its history, and the records behind reports. */
@ApplicationScoped
public class NoticeFeed {

    private final NoticeRepository notices;
    private final AcknowledgementRepository acknowledgements;
    private final OrderService orders;
    private final NoticeVisibility visibility;

    NoticeFeed(NoticeRepository notices, AcknowledgementRepository acknowledgements, OrderService orders,
               NoticeVisibility visibility) {
        this.notices = notices;
        this.acknowledgements = acknowledgements;
        this.orders = orders;
        this.visibility = visibility;
    }

    /** Order ids are UUIDs. */
    private static final int ORDER_ID_LENGTH = 36;

    public record NoticePage(List<NoticeView> items, String nextCursor) {
    }

    /**
     * The caller's notices in feed order after the cursor. Feed positions are handed out in commit
     * order (see {@link NoticeRepository#reserveSequence}), so a poll never skips or repeats one.
     */
    @Transactional
    public NoticePage poll(Caller caller, String orderId, String status, String after, Integer limit) {
        List<FieldError> errors = new ArrayList<>();
        long cursor = Paging.sequenceCursor(after, errors);
        int size = Paging.limit(limit, errors);
        NoticeStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = NoticeStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "UNKNOWN_VALUE", "status is one of " + List.of(NoticeStatus.values())));
            }
        }
        boolean hasOrder = orderId != null && !orderId.isBlank();
        if (hasOrder && orderId.length() > ORDER_ID_LENGTH) {
            errors.add(new FieldError("orderId", "TOO_LONG", "orderId is an order's id (" + ORDER_ID_LENGTH + " characters)"));
        }
        if (!errors.isEmpty()) {
            throw GatewayProblem.invalid(errors);
        }
        NoticeVisibility.Clause seen = visibility.of(caller).orElseThrow(() -> new GatewayProblem(ProblemCode.FORBIDDEN,
                "Your organisation's role has no notices to read"));
        if (hasOrder && caller.is(Role.AUDITOR) && !caller.isOperator() && !caller.is(Role.SEARCH_ENGINE)
                && !caller.is(Role.RIGHTS_HOLDER) && !orders.ordersAuditedNow(caller).contains(orderId)) {
            // An auditor only: the order is not one it may read. (A caller with another role too sees its own
            // notices of that order; nothing is recorded in the order's trail, see recordAuditorRead.)
            throw new GatewayProblem(ProblemCode.NOT_FOUND, "No such order");
        }
        StringBuilder where = new StringBuilder("seq > :after and (").append(seen.clause()).append(")");
        Parameters parameters = seen.parameters().and("after", cursor);
        if (hasOrder) {
            where.append(" and orderId = :order");
            parameters = parameters.and("order", orderId);
        }
        if (wanted != null) {
            where.append(" and status = :status");
            parameters = parameters.and("status", wanted);
        }
        List<NoticeView> items = notices.page(where.toString(), parameters, size);
        orders.recordAuditorRead(caller, "notices", hasOrder ? orderId : "*", hasOrder ? orderId : null);
        String next = items.isEmpty() ? String.valueOf(cursor) : String.valueOf(items.get(items.size() - 1).cursor());
        return new NoticePage(items, next);
    }

    /** An engine's queue: its notices still to act on, soonest due first, and how many there are in all. */
    public record Queue(List<NoticeView> items, long total) {
    }

    @Transactional
    public Queue queue(Caller caller, String orderId, int limit) {
        if (!caller.is(Role.SEARCH_ENGINE)) {
            throw new GatewayProblem(ProblemCode.FORBIDDEN, "A queue is an addressed search engine's");
        }
        String order = orderId == null || orderId.isBlank() ? null : orderId;
        List<NoticeView> items = notices.openFor(caller.organisation(), order, Math.min(limit, Paging.MAX_PAGE)).stream()
                .map(n -> NoticeView.of(n, null)).toList();
        return new Queue(items, notices.countOpenFor(caller.organisation(), order));
    }

    @Transactional
    public NoticeView read(String noticeId, Caller caller) {
        Notice notice = visibleNotice(noticeId, caller);
        orders.recordAuditorRead(caller, "notice", notice.id(), notice.orderId());
        return NoticeView.of(notice, acknowledgements.latest(notice.id()).orElse(null));
    }

    @Transactional
    public List<NoticeView.AcknowledgementView> history(String noticeId, Caller caller) {
        Notice notice = visibleNotice(noticeId, caller);
        orders.recordAuditorRead(caller, "acknowledgements", notice.id(), notice.orderId());
        return acknowledgements.history(notice.id()).stream().map(NoticeView.AcknowledgementView::of).toList();
    }

    /** A notice with its whole acknowledgement history, for compliance reports. */
    public record NoticeRecord(NoticeView notice, List<NoticeView.AcknowledgementView> history) {
    }

    /** The feed position of the order's newest notice (0 if none): where a report read page by page stops. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long lastPosition(String orderId) {
        return notices.lastPosition(orderId);
    }

    /**
     * At most {@code limit} of the order's notices after a feed position and up to another, with their
     * histories, in feed order: a report read a page at a time, in a transaction of its own per page. Access is
     * the caller's concern.
     */
    @Transactional
    public List<NoticeRecord> records(String orderId, long afterSeq, long throughSeq, int limit) {
        List<Notice> page = notices.ofOrderBetween(orderId, afterSeq, throughSeq, limit);
        if (page.isEmpty()) {
            return List.of();
        }
        Map<String, List<NoticeView.AcknowledgementView>> histories = new HashMap<>();
        for (Acknowledgement a : acknowledgements.ofNotices(page.stream().map(Notice::id).toList())) {
            histories.computeIfAbsent(a.noticeId(), k -> new ArrayList<>()).add(NoticeView.AcknowledgementView.of(a));
        }
        return page.stream()
                .map(n -> new NoticeRecord(NoticeView.of(n, null), histories.getOrDefault(n.id(), List.of()))).toList();
    }

    /** The notices a request created, for the request's own view. Visibility is the caller's concern. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<NoticeView> ofRequest(String requestId) {
        return notices.ofRequest(requestId).stream().map(n -> NoticeView.of(n, null)).toList();
    }

    /**
     * For requests the caller was shown (their ids come from its own listing), the state of their notices per
     * addressee: request id to addressee to state to count. Visibility is the caller's concern.
     */
    @Transactional
    public Map<String, Map<String, Map<NoticeStatus, Long>>> statesByRequest(List<String> requestIds) {
        Map<String, Map<String, Map<NoticeStatus, Long>>> states = new java.util.LinkedHashMap<>();
        requestIds.forEach(id -> states.put(id, new java.util.TreeMap<>()));
        for (Object[] row : notices.countsByRequest(requestIds)) {
            states.computeIfAbsent((String) row[0], k -> new java.util.TreeMap<>())
                    .computeIfAbsent((String) row[1], k -> new java.util.EnumMap<>(NoticeStatus.class))
                    .put((NoticeStatus) row[2], ((Number) row[3]).longValue());
        }
        return states;
    }

    /**
     * How a URL that a claimant filed is handled by an addressee when the notice for it is another
     * claimant's (the URL was already under notice when this claimant filed it). It says what the
     * claimant is entitled to follow, the state of the delisting, and nothing of the other claimant.
     */
    public record SharedOutcome(String canonicalUrl, String addressee, NoticeStatus status, Instant dueAt,
                                boolean overdue) {
    }

    /**
     * For each (canonical URL, addressee), the notice of another claimant of the order that stood when the
     * claimant filed ({@code filedAt}: the latest created by then), as a {@link SharedOutcome}. Visibility of
     * the claimant's own request is the caller's concern.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, SharedOutcome> sharedOutcomes(String orderId, String claimant, Collection<String> canonicalUrls,
                                                     Instant filedAt) {
        Map<String, SharedOutcome> latest = new LinkedHashMap<>();
        if (canonicalUrls.isEmpty()) {
            return latest;
        }
        Map<String, String> byHash = new HashMap<>();
        canonicalUrls.forEach(url -> byHash.put(Sha256.hex(url), url));
        for (Notice n : notices.ofOtherClaimants(orderId, claimant, byHash.keySet(), filedAt)) {
            String url = byHash.get(n.urlHash());
            latest.put(url + "\n" + n.addressee(), new SharedOutcome(url, n.addressee(), n.status(), n.dueAt(),
                    n.overdue()));
        }
        return latest;
    }

    /**
     * The notice if the caller may read it, in one query that joins the caller's visibility: an absent notice
     * and someone else's cost the same work.
     */
    private Notice visibleNotice(String noticeId, Caller caller) {
        NoticeVisibility.Clause seen = visibility.of(caller).orElseGet(NoticeVisibility.Clause::none);
        return notices.findVisible(noticeId, seen.clause(), seen.parameters())
                .orElseThrow(() -> GatewayProblem.notFound("Notice"));
    }
}
