package eu.delisting.gateway.orders;

import eu.delisting.gateway.database.Retried;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.delisting.gateway.audit.Actor;
import eu.delisting.gateway.audit.AuditLog;
import eu.delisting.gateway.events.EventLog;
import eu.delisting.gateway.events.EventType;
import eu.delisting.gateway.events.NewEvent;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.FreeText;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.problems.SecurityEvents;
import eu.delisting.gateway.scope.EntryDecision;
import eu.delisting.gateway.scope.ScopeKind;
import eu.delisting.gateway.scope.Verdict;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.OrganisationKind;
import eu.delisting.gateway.tenants.OrganisationService;
import eu.delisting.gateway.tenants.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Court orders: filing them, and deciding who may read which. */
@ApplicationScoped
public class OrderService {

    static final int LIST_LIMIT = 1000;
    /** The column's width: the reference of the court decision behind an amendment. */
    static final int MAX_DECISION_REFERENCE = 500;
    public static final int MAX_BATCH = 1000;

    private final CourtOrderRepository orders;
    private final AuditorAppointmentRepository appointments;
    private final OrganisationService organisations;
    private final ScopeRules scopeRules;
    private final MirrorProposalRepository mirrorProposals;
    private final AuditLog audit;
    private final EventLog events;
    private final jakarta.enterprise.event.Event<OrderAmended> amended;
    private final ObjectMapper json;
    private final Clock clock;

    OrderService(CourtOrderRepository orders, AuditorAppointmentRepository appointments,
                 OrganisationService organisations, ScopeRules scopeRules, MirrorProposalRepository mirrorProposals,
                 AuditLog audit, EventLog events,
                 jakarta.enterprise.event.Event<OrderAmended> amended, ObjectMapper json, Clock clock) {
        this.events = events;
        this.amended = amended;
        this.orders = orders;
        this.appointments = appointments;
        this.organisations = organisations;
        this.scopeRules = scopeRules;
        this.mirrorProposals = mirrorProposals;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** Files a new order (version 1). The caller has been checked to be the operator. */
    @Transactional
    public OrderView issueOrder(NewOrder filed, Actor actor) {
        OrderTermsValidator validator = new OrderTermsValidator(organisations::find, this::canonicalScopeEntry);
        CourtOrder.Terms terms = validator.validate(filed);
        Instant now = clock.instant();
        CourtOrder order = CourtOrder.issue(terms, now);
        order.recordVersion(now, now, terms.caseNumber(), "ISSUED", snapshot(order));
        orders.persist(order);
        orders.flush();
        audit.record(actor, "ORDER_ISSUED", "order", order.id(), order.id(), Map.of(
                "reference", order.reference(), "version", order.version(), "scopeEntries", order.scope().size()));
        return view(order, true);
    }

    private EntryDecision canonicalScopeEntry(NewOrder.NewScopeEntry entry) {
        return scopeRules.canonicalEntry(ScopeKind.valueOf(entry.kind()), entry.value(), entry.overrideReason());
    }

    /** The verdict for each URL against the order's current version; nothing is stored. */
    @Transactional
    public ScopeCheck checkScope(String orderId, List<String> urls, Caller caller) {
        CourtOrder order = readableOrder(orderId, caller);
        if (urls == null || urls.isEmpty()) {
            throw GatewayProblem.invalid(List.of(new FieldError("urls", "REQUIRED", "give at least one URL")));
        }
        if (urls.size() > MAX_BATCH) {
            throw new GatewayProblem(ProblemCode.BATCH_TOO_LARGE,
                    urls.size() + " URLs in one check; the limit is " + MAX_BATCH);
        }
        for (int i = 0; i < urls.size(); i++) {
            if (urls.get(i) == null) {
                throw GatewayProblem.invalid(List.of(new FieldError("urls[" + i + "]", "REQUIRED", "a URL is a string")));
            }
        }
        List<Verdict> verdicts = withPendingMirrors(order.id(),
                scopeRules.decide(order.id(), order.version(), order.scope(), urls));
        return new ScopeCheck(order.id(), order.version(), scopeRules.publicSuffixListVersion(), verdicts);
    }

    /** What a filing needs to know of the order it is filed under, as it stands at filing time. */
    public record FilingTerms(String orderId, int version, OrderStatus status, List<AddresseeTerms> addressees,
                              int complianceDays, Period duration, ZoneId timezone, List<Verdict> verdicts) {
    }

    public record AddresseeTerms(String organisation, LocalDate notifiedOn) {
    }

    /**
     * The order's terms and the scope verdict for each URL, for a filing by the caller. Not visible:
     * 404; visible but the caller is not a claimant: 403 NOT_A_PARTY.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public FilingTerms termsForFiling(String orderId, List<String> urls, Caller caller) {
        CourtOrder order = readableOrder(orderId, caller, CourtOrderRepository.Lock.SHARED);
        if (!order.isClaimant(caller.organisation())) {
            throw new GatewayProblem(ProblemCode.NOT_A_PARTY, "Only a claimant of this order files requests under it");
        }
        List<Verdict> verdicts = withPendingMirrors(order.id(),
                scopeRules.decide(order.id(), order.version(), order.scope(), urls));
        return new FilingTerms(order.id(), order.version(), order.status(),
                order.addressees().stream().map(a -> new AddresseeTerms(a.organisation(), a.notifiedOn())).toList(),
                order.complianceDays(), order.duration(), order.timezone(), verdicts);
    }

    /** 404 (or 403 for an auditor outside its mandate) unless the caller may read the order. */
    @Transactional
    public void requireReadable(String orderId, Caller caller) {
        readableOrder(orderId, caller);
    }

    /** Ids of the orders the caller audits with a mandate in force now. */
    @Transactional
    public List<String> ordersAuditedNow(Caller caller) {
        Instant now = clock.instant();
        return appointments.ofAuditor(caller.organisation()).stream()
                .filter(a -> a.coversInstant(now)).map(AuditorAppointment::orderId).distinct().toList();
    }

    /** The auditors whose mandate on the order is in force now. */
    @Transactional
    public List<String> auditorsNow(String orderId) {
        Instant now = clock.instant();
        return appointments.list("orderId", orderId).stream().filter(a -> a.coversInstant(now))
                .map(AuditorAppointment::auditor).distinct().toList();
    }

    /** Whether the caller may read everything about this order: operator, or auditor in mandate. */
    @Transactional
    public boolean oversees(String orderId, Caller caller) {
        return caller.isOperator() || ordersAuditedNow(caller).contains(orderId);
    }

    public record ScopeCheck(String orderId, int orderVersion, String publicSuffixListVersion, List<Verdict> verdicts) {
    }

    /**
     * The orders the caller may see: all for the operator, else those it is a party to or audits under a
     * mandate in force now (the same window as reading one order).
     */
    @Transactional
    public List<OrderView> visibleOrders(Caller caller) {
        List<CourtOrder> visible = caller.isOperator()
                ? orders.listAll(LIST_LIMIT)
                : orders.listVisibleTo(caller.organisation(), clock.instant(), LIST_LIMIT);
        return visible.stream().map(o -> view(o, false)).toList();
    }

    /** The order with all its versions, if the caller may read it (see {@link #readableOrder}). */
    @Transactional
    public OrderView readOrder(String orderId, Caller caller) {
        CourtOrder order = readableOrder(orderId, caller);
        recordAuditorRead(caller, "order", order.id(), order.id());
        return view(order, true);
    }

    /** Auditors' reads are part of the record: each is appended to the audit log. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAuditorRead(Caller caller, String recordType, String recordId, String orderId) {
        if (caller.is(Role.AUDITOR) && !caller.isOperator()) {
            audit.recordAuditorRead(caller.actor(), recordType, recordId, orderId);
        }
    }

    public record Amendment(String type, String effectiveAt, String decisionReference,
                            List<AddresseeChange> addressees) {
    }

    public record AddresseeChange(String organisation, String costBearer, String notifiedOn) {
    }

    /**
     * Makes a new version of the order from a later decision: suspend, resume, lift, change cost
     * bearers, or record notification dates. The previous versions stay as they were; parties are
     * told through their event feeds, and notices follow through {@link OrderAmended}.
     */
    @Retried
    @Transactional
    public OrderView amend(String orderId, Amendment amendment, Actor actor) {
        CourtOrder order = orders.lock(orderId, CourtOrderRepository.Lock.EXCLUSIVE)
                .orElseThrow(() -> GatewayProblem.notFound("Order"));
        List<FieldError> errors = new ArrayList<>();
        if (amendment == null) {
            throw GatewayProblem.invalid(List.of(new FieldError("", "REQUIRED", "a JSON object is required")));
        }
        AmendmentType type = null;
        try {
            type = AmendmentType.valueOf(String.valueOf(amendment.type()));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("type", "UNKNOWN_VALUE", "type is one of " + List.of(AmendmentType.values())));
        }
        if (amendment.decisionReference() == null || amendment.decisionReference().isBlank()) {
            errors.add(new FieldError("decisionReference", "REQUIRED", "the decision that makes this amendment"));
        } else {
            FreeText.check("decisionReference", amendment.decisionReference(), MAX_DECISION_REFERENCE, errors);
        }
        Instant now = clock.instant();
        Instant effectiveAt = amendment.effectiveAt() == null ? now : instant("effectiveAt", amendment.effectiveAt(), errors);
        if (effectiveAt != null && effectiveAt.isAfter(now.plusSeconds(300))) {
            errors.add(new FieldError("effectiveAt", "IN_THE_FUTURE",
                    "file an amendment when it takes effect, not before"));
        }
        List<AddresseeChange> changes = amendment.addressees() == null ? List.of() : amendment.addressees();
        boolean perAddressee = type == AmendmentType.SET_COST_BEARER || type == AmendmentType.SET_NOTIFICATION_DATE;
        if (perAddressee && changes.isEmpty()) {
            errors.add(new FieldError("addressees", "REQUIRED", "name the addressees this amendment changes"));
        }
        Map<String, LocalDate> served = new java.util.LinkedHashMap<>();
        for (int i = 0; i < changes.size() && perAddressee; i++) {
            AddresseeChange change = changes.get(i);
            String field = "addressees[" + i + "]";
            if (change == null || !order.isAddressee(change.organisation())) {
                errors.add(new FieldError(field + ".organisation", "NOT_ADDRESSEE", "not an addressee of this order"));
                continue;
            }
            if (type == AmendmentType.SET_COST_BEARER) {
                try {
                    order.changeCostBearer(change.organisation(), CostBearer.valueOf(String.valueOf(change.costBearer())));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(field + ".costBearer", "UNKNOWN_VALUE", "costBearer is CLAIMANTS or ADDRESSEE"));
                }
            } else {
                try {
                    LocalDate day = LocalDate.parse(String.valueOf(change.notifiedOn()));
                    order.serve(change.organisation(), day);
                    served.put(change.organisation(), day);
                } catch (java.time.format.DateTimeParseException e) {
                    errors.add(new FieldError(field + ".notifiedOn", "INVALID_DATE", "notifiedOn is a date as YYYY-MM-DD"));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(field + ".notifiedOn", "BEFORE_DECISION", e.getMessage()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw GatewayProblem.invalid(errors);
        }
        try {
            switch (type) {
                case SUSPEND -> order.suspend();
                case RESUME -> order.resume();
                case LIFT -> order.lift();
                default -> { }
            }
        } catch (IllegalStateException e) {
            throw new GatewayProblem(ProblemCode.ORDER_STATE_CONFLICT, e.getMessage());
        }
        order.recordVersion(effectiveAt, now, amendment.decisionReference().strip(), type.name(), snapshot(order));
        orders.flush();
        amended.fire(new OrderAmended(order.id(), order.version(), type, effectiveAt, served, order.complianceDays(),
                order.duration(), order.timezone()));
        java.util.Set<String> parties = new java.util.LinkedHashSet<>(order.claimants());
        order.addressees().forEach(a -> parties.add(a.organisation()));
        parties.addAll(auditorsNow(order.id()));
        Map<String, Object> payload = Map.of("version", order.version(), "change", type.name(),
                "effectiveAt", effectiveAt.toString(), "decisionReference", amendment.decisionReference().strip(),
                "status", order.status().name());
        events.publish(parties.stream().map(org -> new NewEvent(org, EventType.ORDER_AMENDED, order.id(), null, payload))
                .toList());
        audit.record(actor, "ORDER_AMENDED", "order", order.id(), order.id(), payload);
        return view(order, true);
    }

    public record NewAppointment(String organisation, String from, String until) {
    }

    public record AppointmentView(long id, String orderId, String organisation, Instant from, Instant until,
                                  Instant appointedAt) {
    }

    /** Appoints an auditor organisation to the order for a mandate [from, until). Operator only. */
    @Transactional
    public AppointmentView appointAuditor(String orderId, NewAppointment appointment, Actor actor) {
        CourtOrder order = orders.findByIdOptional(orderId).orElseThrow(() -> GatewayProblem.notFound("Order"));
        List<FieldError> errors = new ArrayList<>();
        if (appointment == null) {
            throw GatewayProblem.invalid(List.of(new FieldError("", "REQUIRED", "a JSON object is required")));
        }
        var org = organisations.find(appointment.organisation());
        if (appointment.organisation() == null || appointment.organisation().isBlank()) {
            errors.add(new FieldError("organisation", "REQUIRED", "organisation is the auditor's id"));
        } else if (org.isEmpty()) {
            errors.add(new FieldError("organisation", "UNKNOWN_ORGANISATION",
                    "'" + appointment.organisation() + "' is not a registered organisation"));
        } else if (org.get().kind() != OrganisationKind.AUDITOR) {
            errors.add(new FieldError("organisation", "WRONG_KIND",
                    "'" + appointment.organisation() + "' is a " + org.get().kind() + ", not an AUDITOR"));
        }
        Instant from = instant("from", appointment.from(), errors);
        Instant until = instant("until", appointment.until(), errors);
        if (from != null && until != null && !until.isAfter(from)) {
            errors.add(new FieldError("until", "BEFORE_FROM", "a mandate ends after it starts"));
        }
        if (!errors.isEmpty()) {
            throw GatewayProblem.invalid(errors);
        }
        AuditorAppointment created = new AuditorAppointment(order.id(), appointment.organisation(), from, until,
                clock.instant());
        appointments.persist(created);
        appointments.flush();
        audit.record(actor, "AUDITOR_APPOINTED", "order", order.id(), order.id(), Map.of(
                "auditor", appointment.organisation(), "from", from.toString(), "until", until.toString()));
        return new AppointmentView(created.id(), order.id(), created.auditor(), from, until, created.appointedAt());
    }

    private static Instant instant(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "REQUIRED", field + " is an ISO-8601 instant"));
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(new FieldError(field, "INVALID_INSTANT", field + " is an ISO-8601 instant such as 2026-12-01T00:00:00Z"));
            return null;
        }
    }

    /**
     * The order, if the caller may read it now. Absent or not the caller's business: 404, so that an
     * id reveals nothing. An appointed auditor outside its mandate sees that the order exists: 403.
     */
    @Transactional
    public CourtOrder readableOrder(String orderId, Caller caller) {
        return readableOrder(orderId, caller, null);
    }

    /** {@link #readableOrder(String, Caller)}, the order row locked as {@code lock} says (none if null). */
    CourtOrder readableOrder(String orderId, Caller caller, CourtOrderRepository.Lock lock) {
        if (!caller.isOperator()) {
            // Visibility first, from indexes only: an absent order and someone else's cost the same work.
            String org = caller.organisation();
            CourtOrderRepository.Standing standing = orders.standingOf(orderId, org);
            if (standing == CourtOrderRepository.Standing.NONE) {
                if (lock != null) {
                    SecurityEvents.record(SecurityEvents.Kind.FOREIGN_RECORD_WRITE, org, "order", orderId);
                }
                throw GatewayProblem.notFound("Order");
            }
            if (standing == CourtOrderRepository.Standing.AUDITOR) {
                Instant now = clock.instant();
                if (appointments.of(orderId, org).stream().noneMatch(m -> m.coversInstant(now))) {
                    throw new GatewayProblem(ProblemCode.FORBIDDEN, "Your auditor mandate on this order is not in force");
                }
            }
        }
        // Read committed: the lock (or read) below sees the latest committed order whatever was read above.
        return (lock == null ? orders.findByIdOptional(orderId) : orders.lock(orderId, lock))
                .orElseThrow(() -> GatewayProblem.notFound("Order"));
    }

    OrderView view(CourtOrder order, boolean withVersions) {
        List<OrderView.VersionView> versions = withVersions
                ? order.versions().stream().map(v -> new OrderView.VersionView(v.version(), v.effectiveAt(),
                v.recordedAt(), v.decisionReference(), v.change(), parse(v.snapshot()))).toList()
                : null;
        return OrderView.of(order, versions);
    }

    String snapshotOf(CourtOrder order) {
        return snapshot(order);
    }

    /** A refused URL on a domain with a pending mirror proposal says so, naming the proposal. */
    private List<Verdict> withPendingMirrors(String orderId, List<Verdict> verdicts) {
        Map<String, String> pending = new java.util.HashMap<>();
        mirrorProposals.pending(orderId).forEach(p -> pending.put(p.domain(), p.id()));
        if (pending.isEmpty()) {
            return verdicts;
        }
        return verdicts.stream().map(v -> {
            if (v instanceof Verdict.Refused r && r.code() == eu.delisting.gateway.scope.RefusalCode.OUT_OF_SCOPE
                    && r.url().isPresent()) {
                String proposal = scopeRules.registrableDomain(r.url().get().host()).map(pending::get).orElse(null);
                if (proposal != null) {
                    return (Verdict) new Verdict.Refused(r.filedUrl(), r.url(), r.code(), r.detail(),
                            java.util.Optional.of(new eu.delisting.gateway.scope.Hint(
                                    eu.delisting.gateway.scope.Hint.Kind.PENDING_MIRROR, proposal,
                                    "a mirror proposal for this domain awaits the authority's decision")));
                }
            }
            return v;
        }).toList();
    }

    private String snapshot(CourtOrder order) {
        try {
            return json.writeValueAsString(OrderView.of(order, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An order could not be written as JSON", e);
        }
    }

    private JsonNode parse(String snapshot) {
        try {
            return json.readTree(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored order version is not valid JSON", e);
        }
    }
}
