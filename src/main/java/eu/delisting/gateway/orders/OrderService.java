package eu.delisting.gateway.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.delisting.gateway.audit.Actor;
import eu.delisting.gateway.audit.AuditLog;
import eu.delisting.gateway.paging.Paging;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.problems.SecurityEvents;
import eu.delisting.gateway.scope.EntryDecision;
import eu.delisting.gateway.scope.ScopeKind;
import eu.delisting.gateway.scope.Verdict;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.OrganisationService;
import eu.delisting.gateway.tenants.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Court orders: filing them, and deciding who may read which. */
@ApplicationScoped
public class OrderService {

    private final CourtOrderRepository orders;
    private final AuditorAppointmentRepository appointments;
    private final OrganisationService organisations;
    private final ScopeRules scopeRules;
    private final MirrorProposalRepository mirrorProposals;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final Agency agency;

    OrderService(CourtOrderRepository orders, AuditorAppointmentRepository appointments,
                 OrganisationService organisations, ScopeRules scopeRules, MirrorProposalRepository mirrorProposals,
                 AuditLog audit, ObjectMapper json, Clock clock, Agency agency) {
        this.agency = agency;
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
        order.recordVersion(now, now, terms.caseNumber(), "ISSUED", snapshot(order),
                scopeRules.publicSuffixListVersion());
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
        if (urls.size() > Paging.MAX_ITEMS) {
            throw new GatewayProblem(ProblemCode.BATCH_TOO_LARGE,
                    urls.size() + " URLs in one check; the limit is " + Paging.MAX_ITEMS);
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

    /** What a filing needs to know of the order it is filed under: what it admits now, and each URL's verdict. */
    public record FilingTerms(Admission admission, List<Verdict> verdicts) {
    }

    /**
     * The order's admission now and the scope verdict for each URL, for a filing by the caller for
     * {@code claimant} (the caller itself, or the principal an agent files for), under the order row's shared
     * lock. Not visible: 404; visible but the caller may not file for that claimant: 403 NOT_A_PARTY. An
     * agent's mandate rows are share-locked too, so that a revocation and a filing under it never overlap.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public FilingTerms termsForFiling(String orderId, List<String> urls, Caller caller, String claimant) {
        CourtOrder order = filingOrder(orderId, caller, claimant, true);
        List<Verdict> verdicts = withPendingMirrors(order.id(),
                scopeRules.decide(order.id(), order.version(), order.scope(), urls));
        return new FilingTerms(order.admission(clock.instant()), verdicts);
    }

    /**
     * Refuses, as a filing would, a caller that may not file under the order for {@code claimant}: 404 when
     * the order is not visible, 403 NOT_A_PARTY when it is. Checked before work that will file later.
     */
    @Transactional
    public void requireFiler(String orderId, Caller caller, String claimant) {
        filingOrder(orderId, caller, claimant, false);
    }

    /**
     * The order a filing for {@code claimant} goes under, if the caller may file it: the claimant itself, or an
     * agent whose mandate in force for that claimant covers the order. With {@code lock}, under the order row's
     * shared lock, and the agent's mandate rows share-locked too, so that a revocation and a filing under it
     * never overlap.
     */
    private CourtOrder filingOrder(String orderId, Caller caller, String claimant, boolean lock) {
        CourtOrder order;
        if (caller.is(Role.AGENT) && !caller.isOperator()) {
            Instant now = clock.instant();
            List<Agency.Cover> covers = lock ? agency.inForceLocked(caller.organisation(), now)
                    : agency.inForce(caller.organisation(), now);
            Set<String> acting = actingFor(orderId, covers);
            if (acting.isEmpty() && orders.claimantsAmong(orderId, agency.anyPrincipals(caller.organisation())).isEmpty()) {
                SecurityEvents.record(SecurityEvents.Kind.FOREIGN_RECORD_WRITE, caller.organisation(), "order", orderId);
                throw GatewayProblem.notFound("Order");
            }
            if (!acting.contains(claimant)) {
                throw new GatewayProblem(ProblemCode.NOT_A_PARTY, "No mandate in force lets you file for '"
                        + claimant + "' under this order");
            }
            order = (lock ? orders.lock(orderId, CourtOrderRepository.Lock.SHARED) : orders.findByIdOptional(orderId))
                    .orElseThrow(() -> GatewayProblem.notFound("Order"));
        } else {
            order = readableOrder(orderId, caller, lock ? CourtOrderRepository.Lock.SHARED : null);
            if (!claimant.equals(caller.organisation())) {
                throw new GatewayProblem(ProblemCode.NOT_A_PARTY, "Only an agent under mandate files for another organisation");
            }
        }
        if (!order.isClaimant(claimant)) {
            throw new GatewayProblem(ProblemCode.NOT_A_PARTY, "Only a claimant of this order files requests under it");
        }
        return order;
    }

    /**
     * The principals an agent calling now acts for on this order: those of its mandates in force that cover
     * the order and are claimants of it. Empty for any other caller.
     */
    @Transactional
    public Set<String> actingFor(String orderId, Caller caller) {
        if (!caller.is(Role.AGENT) || caller.isOperator()) {
            return Set.of();
        }
        return actingFor(orderId, agency.inForce(caller.organisation(), clock.instant()));
    }

    /** An agent caller's mandates in force now (empty for any other caller). */
    @Transactional
    public List<Agency.Cover> mandatesInForce(Caller caller) {
        if (!caller.is(Role.AGENT) || caller.isOperator()) {
            return List.of();
        }
        return agency.inForce(caller.organisation(), clock.instant());
    }

    private Set<String> actingFor(String orderId, List<Agency.Cover> covers) {
        Set<String> principals = new HashSet<>();
        covers.stream().filter(c -> c.covers(orderId)).forEach(c -> principals.add(c.principal()));
        return orders.claimantsAmong(orderId, principals);
    }

    /** Whether the organisation is a claimant of the order (false when the order does not exist). */
    @Transactional
    public boolean isClaimant(String orderId, String organisation) {
        return !orders.claimantsAmong(orderId, Set.of(organisation)).isEmpty();
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
        List<CourtOrder> visible;
        if (caller.isOperator()) {
            visible = orders.listAll(Paging.MAX_PAGE);
        } else if (caller.is(Role.AGENT)) {
            List<Agency.Cover> covers = agency.inForce(caller.organisation(), clock.instant());
            Set<String> allOrdersOf = new HashSet<>();
            Set<String> listed = new HashSet<>();
            covers.forEach(c -> {
                if (c.allOrders()) {
                    allOrdersOf.add(c.principal());
                } else {
                    listed.addAll(c.orders());
                }
            });
            visible = orders.listClaimedBy(allOrdersOf, listed, Paging.MAX_PAGE).stream()
                    .filter(o -> covers.stream().anyMatch(c -> c.covers(o.id()) && o.isClaimant(c.principal())))
                    .toList();
        } else {
            visible = orders.listVisibleTo(caller.organisation(), clock.instant(), Paging.MAX_PAGE);
        }
        return visible.stream().map(o -> view(o, false)).toList();
    }

    /** The order with all its versions, if the caller may read it (see {@link #readableOrder}). */
    @Transactional
    public OrderView readOrder(String orderId, Caller caller) {
        CourtOrder order = readableOrder(orderId, caller);
        recordAuditorRead(caller, "order", order.id(), order.id());
        return view(order, true);
    }

    /**
     * The order without its versions, if the caller may read it, for a page that reads the order's records
     * through another service (which records the auditor's read itself): its heading, parties and terms.
     */
    @Transactional
    public OrderView summary(String orderId, Caller caller) {
        return view(readableOrder(orderId, caller), false);
    }

    /**
     * The order's heading, if the caller may read it, for a page whose records another service reads (and
     * records as the auditor's read): its reference and addressees, without scope, claimants or versions.
     */
    @Transactional
    public OrderHeading heading(String orderId, Caller caller) {
        requireStanding(orderId, caller, null);
        CourtOrder order = orders.withParties(orderId).orElseThrow(() -> GatewayProblem.notFound("Order"));
        return new OrderHeading(order.id(), order.reference(),
                order.addressees().stream().map(a -> a.organisation()).toList());
    }

    /**
     * Auditors' reads are part of the record: each is appended to the audit log, in the trail of the order read,
     * and only where the caller audits that order now (a read through another standing, or refused, leaves no
     * entry in an order's trail). A read across orders ({@code orderId} null) is recorded without one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAuditorRead(Caller caller, String recordType, String recordId, String orderId) {
        if (!caller.is(Role.AUDITOR) || caller.isOperator()) {
            return;
        }
        if (orderId == null || ordersAuditedNow(caller).contains(orderId)) {
            audit.recordAuditorRead(caller.actor(), recordType, recordId, orderId);
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
        requireStanding(orderId, caller, lock);
        // Read committed: the lock (or read) below sees the latest committed order whatever was read above.
        return (lock == null ? orders.findByIdOptional(orderId) : orders.lock(orderId, lock))
                .orElseThrow(() -> GatewayProblem.notFound("Order"));
    }

    /** Refuses a caller who may not read the order now (see {@link #readableOrder(String, Caller)}). */
    private void requireStanding(String orderId, Caller caller, CourtOrderRepository.Lock lock) {
        if (caller.is(Role.AGENT) && !caller.isOperator()) {
            // An agent reads the orders its mandates in force cover; one it held a mandate on, or whose
            // claimant is a principal of its, exists for it (403); any other is absent (404).
            if (actingFor(orderId, caller).isEmpty()) {
                if (orders.claimantsAmong(orderId, agency.anyPrincipals(caller.organisation())).isEmpty()) {
                    throw GatewayProblem.notFound("Order");
                }
                throw new GatewayProblem(ProblemCode.FORBIDDEN, "No mandate in force covers this order");
            }
        } else if (!caller.isOperator()) {
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
    }

    OrderView view(CourtOrder order, boolean withVersions) {
        List<OrderView.VersionView> versions = withVersions
                ? order.versions().stream().map(v -> new OrderView.VersionView(v.version(), v.effectiveAt(),
                v.recordedAt(), v.decisionReference(), v.change(), v.publicSuffixListVersion(), parse(v.snapshot()))).toList()
                : null;
        return OrderView.of(order, versions);
    }

    /** An ISO-8601 instant from a request field, or an error naming the field. */
    public static Instant instant(String field, String value, List<FieldError> errors) {
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

    /** The Public Suffix List a new order version is recorded with. */
    String publicSuffixListVersion() {
        return scopeRules.publicSuffixListVersion();
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
