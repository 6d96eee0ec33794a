package eu.delisting.gateway.notices;

import eu.delisting.gateway.database.Retried;
import eu.delisting.gateway.audit.Actor;
import eu.delisting.gateway.audit.AuditLog;
import eu.delisting.gateway.events.EventLog;
import eu.delisting.gateway.events.EventType;
import eu.delisting.gateway.events.NewEvent;
import eu.delisting.gateway.orders.OrderService;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.problems.SecurityEvents;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import io.quarkus.panache.common.Parameters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What engines see: notices issued by filings, polled in feed order, and acknowledged. */
@ApplicationScoped
public class NoticeService {

    public static final int MAX_PAGE = 1000;
    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_BATCH = 1000;
    /** How far an engine's clock may be ahead of (or a report before the notice, behind) the gateway's. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final NoticeRepository notices;
    private final AcknowledgementRepository acknowledgements;
    private final OrderService orders;
    private final AuditLog audit;
    private final EventLog events;
    private final Clock clock;
    private final MeterRegistry metrics;

    NoticeService(NoticeRepository notices, AcknowledgementRepository acknowledgements, OrderService orders,
                  AuditLog audit, EventLog events, Clock clock, MeterRegistry metrics) {
        this.metrics = metrics;
        this.events = events;
        this.notices = notices;
        this.acknowledgements = acknowledgements;
        this.orders = orders;
        this.audit = audit;
        this.clock = clock;
    }

    /** One notice of a filing: created now, or the one already active for that URL and addressee. */
    public record IssuedNotice(int index, String addressee, String claimant, String noticeId, NoticeStatus status,
                               Instant dueAt, boolean created) {
    }

    /**
     * Issues the wanted notices within the caller's transaction, skipping those whose URL is already
     * active for the addressee under the order. Takes the filing lock, so keep it for the end of a
     * filing's work.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<IssuedNotice> issue(String orderId, List<NewNotice> wanted) {
        Instant now = clock.instant();
        Map<String, String> hashes = new HashMap<>();
        wanted.forEach(n -> hashes.computeIfAbsent(n.canonicalUrl(), NoticeService::sha256));
        Set<String> addressees = new LinkedHashSet<>();
        wanted.forEach(n -> addressees.add(n.addressee()));

        long next = notices.reserveSequence(wanted.size());
        Map<String, Notice> active = new HashMap<>();
        for (Notice existing : notices.active(orderId, addressees, new LinkedHashSet<>(hashes.values()))) {
            active.put(existing.addressee() + " " + existing.canonicalUrl(), existing);
        }
        List<IssuedNotice> issued = new ArrayList<>(wanted.size());
        List<NewEvent> created = new ArrayList<>();
        for (NewNotice n : wanted) {
            String key = n.addressee() + " " + n.canonicalUrl();
            Notice existing = active.get(key);
            if (existing != null) {
                issued.add(new IssuedNotice(n.index(), n.addressee(), existing.claimant(), existing.id(),
                        existing.status(), existing.dueAt(), false));
                continue;
            }
            Notice notice = Notice.issue(next++, n, now);
            notices.persist(notice);
            active.put(key, notice);
            issued.add(new IssuedNotice(n.index(), n.addressee(), notice.claimant(), notice.id(), notice.status(),
                    notice.dueAt(), true));
            created.add(new NewEvent(notice.addressee(), EventType.NOTICE_CREATED, orderId, notice.id(), Map.of(
                    "url", notice.canonicalUrl(), "status", notice.status().name(),
                    "dueAt", String.valueOf(notice.dueAt()))));
        }
        events.publish(created);
        return issued;
    }

    public record NoticePage(List<NoticeView> items, String nextCursor) {
    }

    /**
     * The caller's notices in feed order after the cursor. Feed positions are handed out in commit
     * order (see {@link NoticeRepository#reserveSequence}), so a poll never skips or repeats one.
     */
    @Transactional
    public NoticePage poll(Caller caller, String orderId, String status, String after, Integer limit) {
        List<FieldError> errors = new ArrayList<>();
        long cursor = 0;
        if (after != null && !after.isBlank()) {
            try {
                cursor = Long.parseLong(after);
                if (cursor < 0) {
                    errors.add(new FieldError("after", "INVALID_CURSOR", "after is a cursor returned by a previous page"));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("after", "INVALID_CURSOR", "after is a cursor returned by a previous page"));
            }
        }
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            errors.add(new FieldError("limit", "OUT_OF_RANGE", "limit is between 1 and " + MAX_PAGE));
        }
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
        Visibility visibility = visibility(caller).orElseThrow(() -> new GatewayProblem(ProblemCode.FORBIDDEN,
                "Your organisation's role has no notices to read"));
        if (hasOrder && caller.is(Role.AUDITOR) && !caller.isOperator() && !caller.is(Role.SEARCH_ENGINE)
                && !caller.is(Role.RIGHTS_HOLDER) && !orders.ordersAuditedNow(caller).contains(orderId)) {
            // Checked before anything is recorded: a read refused here leaves no entry in that order's trail.
            throw new GatewayProblem(ProblemCode.NOT_FOUND, "No such order");
        }
        StringBuilder where = new StringBuilder("seq > :after and (").append(visibility.clause()).append(")");
        Parameters parameters = visibility.parameters().and("after", cursor);
        if (hasOrder) {
            where.append(" and orderId = :order");
            parameters = parameters.and("order", orderId);
        }
        if (wanted != null) {
            where.append(" and status = :status");
            parameters = parameters.and("status", wanted);
        }
        List<NoticeView> items = notices.page(where.toString(), parameters, size).stream()
                .map(n -> NoticeView.of(n, null)).toList();
        orders.recordAuditorRead(caller, "notices", hasOrder ? orderId : "*", hasOrder ? orderId : null);
        String next = items.isEmpty() ? String.valueOf(cursor) : String.valueOf(items.get(items.size() - 1).cursor());
        return new NoticePage(items, next);
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

    /** Every notice of the order with its history, in feed order. Access is the caller's concern. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<NoticeRecord> records(String orderId) {
        Map<String, List<NoticeView.AcknowledgementView>> histories = new HashMap<>();
        for (Acknowledgement a : acknowledgements.ofOrder(orderId)) {
            histories.computeIfAbsent(a.noticeId(), k -> new ArrayList<>()).add(NoticeView.AcknowledgementView.of(a));
        }
        return notices.list("orderId = ?1 order by seq", orderId).stream()
                .map(n -> new NoticeRecord(NoticeView.of(n, null), histories.getOrDefault(n.id(), List.of()))).toList();
    }

    /** The notices a request created, for the request's own view. Visibility is the caller's concern. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<NoticeView> ofRequest(String requestId) {
        return notices.ofRequest(requestId).stream().map(n -> NoticeView.of(n, null)).toList();
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
     * For each (canonical URL, addressee), the latest notice of another claimant of the order, as a
     * {@link SharedOutcome}. Visibility of the claimant's own request is the caller's concern.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, SharedOutcome> sharedOutcomes(String orderId, String claimant, Collection<String> canonicalUrls) {
        Map<String, SharedOutcome> latest = new LinkedHashMap<>();
        if (canonicalUrls.isEmpty()) {
            return latest;
        }
        for (Notice n : notices.ofOtherClaimants(orderId, claimant, canonicalUrls)) {
            latest.put(n.canonicalUrl() + "\n" + n.addressee(),
                    new SharedOutcome(n.canonicalUrl(), n.addressee(), n.status(), n.dueAt(), n.overdue()));
        }
        return latest;
    }

    /** Appends one acknowledgement by the notice's addressee. {@code ifMatch}, when given, must be current. */
    @Retried
    @Transactional
    public NoticeView acknowledge(String noticeId, AcknowledgementInput input, String ifMatch, Caller caller) {
        Timer.Sample sample = Timer.start(metrics);
        try {
            return acknowledgeTimed(noticeId, input, ifMatch, caller);
        } finally {
            sample.stop(Timer.builder("gateway.acknowledgement").description("Time to record one acknowledgement")
                    .publishPercentileHistogram().register(metrics));
        }
    }

    private NoticeView acknowledgeTimed(String noticeId, AcknowledgementInput input, String ifMatch, Caller caller) {
        Notice notice = lockForAcknowledgement(noticeId, caller);
        if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.strip().equals("*")
                && !ifMatch.strip().replaceFirst("^W/", "").equals(notice.etag())) {
            throw new GatewayProblem(ProblemCode.PRECONDITION_FAILED, "The notice has changed since " + ifMatch
                    + "; it is now " + notice.etag() + ": read it again before acknowledging");
        }
        List<FieldError> errors = new ArrayList<>();
        List<AuditLog.Entry> recorded = new ArrayList<>();
        Acknowledgement ack = apply(notice, input, "", errors, caller, recorded);
        if (!errors.isEmpty()) {
            throw GatewayProblem.invalid(errors);
        }
        audit.recordAll(recorded);
        return NoticeView.of(notice, ack);
    }

    /** Order ids are UUIDs. */
    private static final int ORDER_ID_LENGTH = 36;

    /** Most territories or front-ends one acknowledgement lists (each fits its stored column). */
    static final int MAX_LISTED = 100;

    /** One refused item of a batch; {@code noticeId} is absent when the item named none. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record BatchError(int index, String noticeId, String code, String field, String detail) {
    }

    /** Up to 1,000 acknowledgements, all or none; every failing index is reported. */
    @Transactional
    public List<NoticeView> acknowledgeAll(List<AcknowledgementInput> inputs, Caller caller) {
        if (inputs == null || inputs.isEmpty()) {
            throw GatewayProblem.invalid(List.of(new FieldError("items", "REQUIRED", "give at least one acknowledgement")));
        }
        if (inputs.size() > MAX_BATCH) {
            throw new GatewayProblem(ProblemCode.BATCH_TOO_LARGE,
                    inputs.size() + " acknowledgements in one batch; the limit is " + MAX_BATCH);
        }
        List<BatchError> errors = new ArrayList<>();
        List<NoticeView> results = new ArrayList<>();
        List<AuditLog.Entry> recorded = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            AcknowledgementInput input = inputs.get(i);
            String noticeId = input == null ? null : input.noticeId();
            Notice notice;
            try {
                notice = lockForAcknowledgement(noticeId, caller);
            } catch (GatewayProblem refused) {
                errors.add(new BatchError(i, noticeId, refused.code().name(), "noticeId", refused.getMessage()));
                continue;
            }
            List<FieldError> fieldErrors = new ArrayList<>();
            Acknowledgement ack = apply(notice, input, "", fieldErrors, caller, recorded);
            int index = i;
            fieldErrors.forEach(e -> errors.add(new BatchError(index, noticeId, e.code(), e.field(), e.detail())));
            if (fieldErrors.isEmpty()) {
                results.add(NoticeView.of(notice, ack));
            }
        }
        if (!errors.isEmpty()) {
            throw new GatewayProblem(ProblemCode.VALIDATION_FAILED, errors.size() + " of " + inputs.size()
                    + " acknowledgements were refused; none was recorded", errors);
        }
        audit.recordAll(recorded);
        return results;
    }

    /** Validates and applies one acknowledgement; its audit entry goes to {@code recorded}, appended by the caller. */
    private Acknowledgement apply(Notice notice, AcknowledgementInput input, String prefix, List<FieldError> errors,
                                  Caller caller, List<AuditLog.Entry> recorded) {
        if (input == null) {
            errors.add(new FieldError(prefix, "REQUIRED", "an acknowledgement is an object"));
            return null;
        }
        Instant now = clock.instant();
        NoticeStatus status = null;
        if (input.status() == null) {
            errors.add(new FieldError(prefix + "status", "REQUIRED", "status is RECEIVED, DELISTED or REJECTED"));
        } else {
            try {
                status = NoticeStatus.valueOf(input.status());
            } catch (IllegalArgumentException e) {
                status = null;
            }
            if (status == null || !NoticeStatus.ACKNOWLEDGEABLE.contains(status)) {
                errors.add(new FieldError(prefix + "status", "UNKNOWN_VALUE", "status is RECEIVED, DELISTED or REJECTED"));
                status = null;
            }
        }
        Instant effectiveAt = null;
        if (input.effectiveAt() == null || input.effectiveAt().isBlank()) {
            errors.add(new FieldError(prefix + "effectiveAt", "REQUIRED", "effectiveAt is the instant it took effect"));
        } else {
            try {
                effectiveAt = Instant.parse(input.effectiveAt());
                if (effectiveAt.isAfter(now.plus(CLOCK_SKEW))) {
                    errors.add(new FieldError(prefix + "effectiveAt", "IN_THE_FUTURE",
                            "effectiveAt cannot be in the future"));
                } else if (effectiveAt.isBefore(notice.createdAt().minus(CLOCK_SKEW))) {
                    errors.add(new FieldError(prefix + "effectiveAt", "BEFORE_NOTICE",
                            "effectiveAt cannot be before the notice existed (" + notice.createdAt() + ")"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(prefix + "effectiveAt", "INVALID_INSTANT",
                        "effectiveAt is an ISO-8601 instant such as 2026-11-23T10:15:30Z"));
            }
        }
        List<String> territories = input.territories() == null ? List.of() : input.territories();
        if (territories.size() > MAX_LISTED) {
            errors.add(new FieldError(prefix + "territories", "TOO_MANY", "at most " + MAX_LISTED + " territories"));
            territories = List.of();
        }
        for (int i = 0; i < territories.size(); i++) {
            if (territories.get(i) == null || !COUNTRIES.contains(territories.get(i))) {
                errors.add(new FieldError(prefix + "territories[" + i + "]", "UNKNOWN_COUNTRY",
                        "'" + territories.get(i) + "' is not an ISO 3166 alpha-2 code"));
            }
        }
        if (status == NoticeStatus.DELISTED && territories.isEmpty()) {
            errors.add(new FieldError(prefix + "territories", "REQUIRED", "a delisting names the territories it covers"));
        }
        List<String> frontEnds = input.frontEnds() == null ? List.of() : input.frontEnds();
        if (frontEnds.size() > MAX_LISTED || String.join(",", frontEnds.stream().map(String::valueOf).toList()).length() > 1000) {
            errors.add(new FieldError(prefix + "frontEnds", "TOO_MANY",
                    "at most " + MAX_LISTED + " front-ends, 1,000 characters together"));
            frontEnds = List.of();
        }
        for (int i = 0; i < frontEnds.size(); i++) {
            String frontEnd = frontEnds.get(i);
            if (frontEnd == null || frontEnd.isBlank() || frontEnd.length() > 100 || frontEnd.contains(",")) {
                errors.add(new FieldError(prefix + "frontEnds[" + i + "]", "INVALID_VALUE",
                        "a front-end is a short name such as google.fr"));
            }
        }
        RejectionReason reason = null;
        if (input.reasonCode() != null) {
            try {
                reason = RejectionReason.valueOf(input.reasonCode());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(prefix + "reasonCode", "UNKNOWN_VALUE",
                        "reasonCode is one of " + List.of(RejectionReason.values())));
            }
        }
        if (status == NoticeStatus.REJECTED && input.reasonCode() == null) {
            errors.add(new FieldError(prefix + "reasonCode", "REQUIRED", "a rejection gives its reasonCode"));
        }
        if (status != null && status != NoticeStatus.REJECTED && input.reasonCode() != null) {
            errors.add(new FieldError(prefix + "reasonCode", "NOT_APPLICABLE", "only a rejection has a reasonCode"));
        }
        if (reason == RejectionReason.OTHER && (input.comment() == null || input.comment().isBlank())) {
            errors.add(new FieldError(prefix + "comment", "REQUIRED", "reasonCode OTHER needs a comment"));
        }
        if (input.comment() != null && input.comment().length() > 2000) {
            errors.add(new FieldError(prefix + "comment", "TOO_LONG", "comment is at most 2000 characters"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        NoticeStatus before = notice.status();
        Acknowledgement ack = notice.acknowledge(status, effectiveAt, territories, frontEnds, reason,
                input.comment() == null ? null : input.comment().strip(), caller.organisation(),
                caller.subject() == null ? "" : caller.subject(), now);
        acknowledgements.persist(ack);
        Map<String, Object> detail = new HashMap<>();
        detail.put("reported", status.name());
        detail.put("from", before.name());
        detail.put("to", notice.status().name());
        detail.put("effectiveAt", effectiveAt.toString());
        detail.put("late", ack.late());
        detail.put("version", notice.version());
        recorded.add(new AuditLog.Entry(caller.actor(), "NOTICE_ACKNOWLEDGED", "notice", notice.id(), notice.orderId(),
                detail));
        return ack;
    }

    /** The notice, locked, if the caller is its addressee; 403 for others who may see it, 404 for the rest. */
    private Notice lockForAcknowledgement(String noticeId, Caller caller) {
        Notice notice = noticeId == null ? null : notices.lockById(noticeId).orElse(null);
        if (notice != null && !mayRead(notice, caller)) {
            SecurityEvents.record(SecurityEvents.Kind.FOREIGN_RECORD_WRITE, caller.organisation(), "notice", noticeId);
        }
        if (notice == null || !mayRead(notice, caller)) {
            throw GatewayProblem.notFound("Notice");
        }
        if (!(caller.is(Role.SEARCH_ENGINE) && notice.addressee().equals(caller.organisation()))) {
            throw new GatewayProblem(ProblemCode.FORBIDDEN, "Only the addressed search engine acknowledges a notice");
        }
        return notice;
    }

    private Notice visibleNotice(String noticeId, Caller caller) {
        Notice notice = notices.findByIdOptional(noticeId).orElse(null);
        if (notice == null || !mayRead(notice, caller)) {
            throw GatewayProblem.notFound("Notice");
        }
        return notice;
    }

    private boolean mayRead(Notice notice, Caller caller) {
        if (caller.isOperator()) {
            return true;
        }
        String org = caller.organisation();
        return (caller.is(Role.SEARCH_ENGINE) && notice.addressee().equals(org))
                || (caller.is(Role.RIGHTS_HOLDER) && notice.claimant().equals(org))
                || (caller.is(Role.AUDITOR) && orders.ordersAuditedNow(caller).contains(notice.orderId()));
    }

    private record Visibility(String clause, Parameters parameters) {
    }

    private Optional<Visibility> visibility(Caller caller) {
        if (caller.isOperator()) {
            return Optional.of(new Visibility("1 = 1", new Parameters()));
        }
        List<String> clauses = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (caller.is(Role.SEARCH_ENGINE)) {
            clauses.add("addressee = :org");
        }
        if (caller.is(Role.RIGHTS_HOLDER)) {
            clauses.add("claimant = :org");
        }
        if (caller.is(Role.AUDITOR)) {
            List<String> audited = orders.ordersAuditedNow(caller);
            if (!audited.isEmpty()) {
                clauses.add("orderId in :audited");
                parameters = parameters.and("audited", audited);
            }
        }
        if (clauses.isEmpty()) {
            return caller.is(Role.AUDITOR) ? Optional.of(new Visibility("1 = 0", parameters)) : Optional.empty();
        }
        if (clauses.stream().anyMatch(c -> c.contains(":org"))) {
            parameters = parameters.and("org", caller.organisation());
        }
        return Optional.of(new Visibility(String.join(" or ", clauses), parameters));
    }

    /** What one sweep batch changed. */
    public record SweepResult(int changed, boolean more) {
    }

    /**
     * Marks up to {@code batch} notices overdue whose due instant has come ({@code due_at <= now})
     * and that are neither delisted nor rejected. Rows are claimed with {@code FOR UPDATE SKIP
     * LOCKED}, so replicas sweeping at once take different rows, and a marked row no longer matches:
     * each notice is marked, and announced, once.
     */
    @Transactional
    public SweepResult sweepOverdue(Instant now, int batch) {
        List<Object[]> rows = rows(notices.getEntityManager().createNativeQuery(
                        "SELECT id, order_id, claimant_id, addressee_id, due_at FROM notice"
                                + " WHERE status IN (" + Notice.sqlStatusesAllowing(Notice.Move.FALL_DUE) + ")"
                                + " AND overdue = FALSE AND due_at <= ?1"
                                + " ORDER BY due_at LIMIT ?2 FOR UPDATE SKIP LOCKED")
                .setParameter(1, utc(now)).setParameter(2, batch).getResultList());
        if (rows.isEmpty()) {
            return new SweepResult(0, false);
        }
        List<String> ids = rows.stream().map(r -> (String) r[0]).toList();
        notices.getEntityManager().createNativeQuery(
                        "UPDATE notice SET overdue = TRUE, version = version + 1, updated_at = ?1 WHERE id IN (?2)")
                .setParameter(1, utc(now)).setParameter(2, ids).executeUpdate();
        List<NewEvent> published = new ArrayList<>();
        Map<String, List<String>> auditors = new HashMap<>();
        for (Object[] r : rows) {
            String orderId = (String) r[1];
            Map<String, Object> payload = Map.of("dueAt", String.valueOf(r[4]), "addressee", r[3]);
            Set<String> recipients = new LinkedHashSet<>(List.of((String) r[3], (String) r[2]));
            recipients.addAll(auditors.computeIfAbsent(orderId, orders::auditorsNow));
            recipients.forEach(org -> published.add(
                    new NewEvent(org, EventType.NOTICE_OVERDUE, orderId, (String) r[0], payload)));
        }
        events.publish(published);
        audit.record(Actor.system("deadline-sweep"), "NOTICES_OVERDUE", "notice", ids.get(0), null,
                Map.of("notices", ids.size(), "ids", ids, "at", now.toString()));
        return new SweepResult(rows.size(), rows.size() == batch);
    }

    /**
     * Expires up to {@code batch} active notices whose measure has ended ({@code measure_ends_at <= now}):
     * state EXPIRED, the URL no longer active, and the engine told it may relist. Claimed as in
     * {@link #sweepOverdue}.
     */
    @Transactional
    public SweepResult sweepExpired(Instant now, int batch) {
        List<Object[]> rows = rows(notices.getEntityManager().createNativeQuery(
                        "SELECT id, order_id, addressee_id FROM notice"
                                + " WHERE status IN (" + Notice.sqlStatusesAllowing(Notice.Move.EXPIRE) + ")"
                                + " AND measure_ends_at <= ?1"
                                + " ORDER BY measure_ends_at LIMIT ?2 FOR UPDATE SKIP LOCKED")
                .setParameter(1, utc(now)).setParameter(2, batch).getResultList());
        if (rows.isEmpty()) {
            return new SweepResult(0, false);
        }
        List<String> ids = rows.stream().map(r -> (String) r[0]).toList();
        notices.getEntityManager().createNativeQuery(
                        "UPDATE notice SET status = 'EXPIRED', version = version + 1,"
                                + " updated_at = ?1 WHERE id IN (?2)")
                .setParameter(1, utc(now)).setParameter(2, ids).executeUpdate();
        events.publish(rows.stream().map(r -> new NewEvent((String) r[2], EventType.RELIST_PERMITTED,
                (String) r[1], (String) r[0], Map.of("reason", "MEASURE_ENDED"))).toList());
        audit.record(Actor.system("deadline-sweep"), "NOTICES_EXPIRED", "notice", ids.get(0), null,
                Map.of("notices", ids.size(), "ids", ids, "at", now.toString()));
        return new SweepResult(rows.size(), rows.size() == batch);
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(List<?> result) {
        return (List<Object[]>) result;
    }

    private static java.time.LocalDateTime utc(Instant instant) {
        return java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
