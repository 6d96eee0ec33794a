package eu.delisting.gateway.notices;

import eu.delisting.gateway.database.Retried;
import eu.delisting.gateway.audit.AuditLog;
import eu.delisting.gateway.events.EventLog;
import eu.delisting.gateway.events.EventType;
import eu.delisting.gateway.events.NewEvent;
import eu.delisting.gateway.deadlines.Deadlines;
import eu.delisting.gateway.paging.Paging;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.problems.SecurityEvents;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import io.micrometer.core.annotation.Timed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What engines report on their notices: one acknowledgement at a time (with If-Match) or a batch, all or none,
 * every report checked against the notice's transition table and audited.
 */
@ApplicationScoped
public class Acknowledgements {

    private final NoticeRepository notices;
    private final AcknowledgementRepository acknowledgements;
    private final NoticeVisibility visibility;
    private final AuditLog audit;
    private final EventLog events;
    private final Clock clock;

    Acknowledgements(NoticeRepository notices, AcknowledgementRepository acknowledgements, NoticeVisibility visibility,
                     AuditLog audit, EventLog events, Clock clock) {
        this.events = events;
        this.notices = notices;
        this.acknowledgements = acknowledgements;
        this.visibility = visibility;
        this.audit = audit;
        this.clock = clock;
    }

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** Appends one acknowledgement by the notice's addressee. {@code ifMatch}, when given, must be current. */
    @Retried
    @Transactional
    @Timed(value = "gateway.acknowledgement", description = "Time to record one acknowledgement", histogram = true)
    public NoticeView acknowledge(String noticeId, AcknowledgementInput input, String ifMatch, Caller caller) {
        Notice notice = lockForAcknowledgement(noticeId, caller);
        if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.strip().equals("*")
                && !ifMatch.strip().replaceFirst("^W/", "").equals(notice.etag())) {
            throw new GatewayProblem(ProblemCode.PRECONDITION_FAILED, "The notice has changed since " + ifMatch
                    + "; it is now " + notice.etag() + ": read it again before acknowledging");
        }
        List<FieldError> errors = new ArrayList<>();
        List<AuditLog.Entry> recorded = new ArrayList<>();
        List<NewEvent> published = new ArrayList<>();
        Acknowledgement ack = apply(notice, input, "", errors, caller, recorded, published);
        if (!errors.isEmpty()) {
            throw GatewayProblem.invalid(errors);
        }
        acknowledgements.appendAll(List.of(ack));
        // Staged, not published: acknowledgements never queue on the feed's position (the relay gives it).
        events.stage(published);
        audit.recordAll(recorded);
        return NoticeView.of(notice, ack);
    }

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
        if (inputs.size() > Paging.MAX_ITEMS) {
            throw new GatewayProblem(ProblemCode.BATCH_TOO_LARGE,
                    inputs.size() + " acknowledgements in one batch; the limit is " + Paging.MAX_ITEMS);
        }
        // Every notice of the batch locked at once, in id order (one or two statements whatever their number).
        Map<String, Notice> locked = notices.lockAll(inputs.stream().filter(Objects::nonNull)
                .map(AcknowledgementInput::noticeId).toList());
        List<BatchError> errors = new ArrayList<>();
        List<NoticeView> views = new ArrayList<>();
        List<Acknowledgement> appended = new ArrayList<>();
        List<AuditLog.Entry> recorded = new ArrayList<>();
        List<NewEvent> published = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            AcknowledgementInput input = inputs.get(i);
            String noticeId = input == null ? null : input.noticeId();
            Notice notice;
            try {
                notice = mayAcknowledge(noticeId == null ? null : locked.get(noticeId), noticeId, caller);
            } catch (GatewayProblem refused) {
                errors.add(new BatchError(i, noticeId, refused.code().name(), "noticeId", refused.getMessage()));
                continue;
            }
            List<FieldError> fieldErrors = new ArrayList<>();
            Acknowledgement ack = apply(notice, input, "", fieldErrors, caller, recorded, published);
            int index = i;
            fieldErrors.forEach(e -> errors.add(new BatchError(index, noticeId, e.code(), e.field(), e.detail())));
            if (fieldErrors.isEmpty()) {
                // The notice as this acknowledgement left it (a batch may name a notice twice).
                views.add(NoticeView.of(notice, null));
                appended.add(ack);
            }
        }
        if (!errors.isEmpty()) {
            throw new GatewayProblem(ProblemCode.VALIDATION_FAILED, errors.size() + " of " + inputs.size()
                    + " acknowledgements were refused; none was recorded", errors);
        }
        acknowledgements.appendAll(appended);
        // Staged, not published: acknowledgements never queue on the feed's position (the relay gives it).
        events.stage(published);
        audit.recordAll(recorded);
        List<NoticeView> results = new ArrayList<>(views.size());
        for (int i = 0; i < views.size(); i++) {
            results.add(views.get(i).withLatest(appended.get(i)));
        }
        return results;
    }

    /**
     * Validates and applies one acknowledgement to the notice; the acknowledgement it returns, its audit entry (to
     * {@code recorded}) and the claimant's feed event (to {@code published}) are written by the caller.
     */
    private Acknowledgement apply(Notice notice, AcknowledgementInput input, String prefix, List<FieldError> errors,
                                  Caller caller, List<AuditLog.Entry> recorded, List<NewEvent> published) {
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
                if (effectiveAt.isAfter(now.plus(Deadlines.CLOCK_SKEW))) {
                    errors.add(new FieldError(prefix + "effectiveAt", "IN_THE_FUTURE",
                            "effectiveAt cannot be in the future"));
                } else if (effectiveAt.isBefore(notice.createdAt().minus(Deadlines.CLOCK_SKEW))) {
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
        Map<String, Object> detail = new HashMap<>();
        detail.put("reported", status.name());
        detail.put("from", before.name());
        detail.put("to", notice.status().name());
        detail.put("effectiveAt", effectiveAt.toString());
        detail.put("late", ack.late());
        detail.put("version", notice.version());
        recorded.add(new AuditLog.Entry(caller.actor(), "NOTICE_ACKNOWLEDGED", "notice", notice.id(), notice.orderId(),
                detail));
        published.add(new NewEvent(notice.claimant(), EventType.NOTICE_ACKNOWLEDGED, notice.orderId(), notice.id(), Map.of(
                "addressee", notice.addressee(), "reported", status.name(), "status", notice.status().name(),
                "effectiveAt", effectiveAt.toString(), "late", ack.late())));
        return ack;
    }

    /** The notice, locked, if the caller is its addressee; 403 for others who may see it, 404 for the rest. */
    private Notice lockForAcknowledgement(String noticeId, Caller caller) {
        return mayAcknowledge(noticeId == null ? null : notices.lockById(noticeId).orElse(null), noticeId, caller);
    }

    /** The locked notice (or null when there is none) if the caller is its addressee; 403 or 404 as above. */
    private Notice mayAcknowledge(Notice notice, String noticeId, Caller caller) {
        if (notice != null && !visibility.mayRead(notice, caller)) {
            SecurityEvents.record(SecurityEvents.Kind.FOREIGN_RECORD_WRITE, caller.organisation(), "notice", noticeId);
        }
        if (notice == null || !visibility.mayRead(notice, caller)) {
            throw GatewayProblem.notFound("Notice");
        }
        if (!(caller.is(Role.SEARCH_ENGINE) && notice.addressee().equals(caller.organisation()))) {
            throw new GatewayProblem(ProblemCode.FORBIDDEN, "Only the addressed search engine acknowledges a notice");
        }
        return notice;
    }
}
