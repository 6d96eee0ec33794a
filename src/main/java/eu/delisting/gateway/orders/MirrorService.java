package eu.delisting.gateway.orders;

import eu.delisting.gateway.database.Retried;
import eu.delisting.gateway.audit.AuditLog;
import eu.delisting.gateway.events.EventLog;
import eu.delisting.gateway.events.EventType;
import eu.delisting.gateway.events.NewEvent;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.paging.Paging;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.OneOf;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.problems.Text;
import eu.delisting.gateway.scope.EntryDecision;
import eu.delisting.gateway.scope.ScopeKind;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mirrors (a new domain name for a site the order covers): claimants propose, the authority decides.
 * Rights holders never extend scope themselves; an approved mirror is covered only as long as the
 * parent order's measures run, because the notices filed on it carry the parent's measure ends.
 */
@ApplicationScoped
public class MirrorService {

    static final int MAX_EVIDENCE = 10_000;
    /** The column's width for the authority's reasons. */
    static final int MAX_REASONS = 2000;

    private final CourtOrderRepository orders;
    private final MirrorProposalRepository proposals;
    private final OrderService orderService;
    private final ScopeRules scopeRules;
    private final AuditLog audit;
    private final EventLog events;
    private final Clock clock;

    private final eu.delisting.gateway.problems.Shapes shapes;

    MirrorService(CourtOrderRepository orders, MirrorProposalRepository proposals, OrderService orderService,
                  ScopeRules scopeRules, AuditLog audit, EventLog events, Clock clock, eu.delisting.gateway.problems.Shapes shapes) {
        this.shapes = shapes;
        this.orders = orders;
        this.proposals = proposals;
        this.orderService = orderService;
        this.scopeRules = scopeRules;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A proposal as the claimant sends it; the domain's own rules (canonical, not yet covered) are the service's. */
    public record NewMirror(
            @NotBlank(message = "REQUIRED: the mirror's domain") String domain,
            @NotBlank(message = "REQUIRED: describe why this domain mirrors an in-scope site")
            @Text(max = MAX_EVIDENCE) String evidence,
            List<@NotNull(message = LINK) @Size(max = 2048, message = LINK) @Pattern(regexp = "https?://[^\n]*",
                    message = LINK) String> links) {
    }

    private static final String LINK = "INVALID_URL: a link is an http(s) URL";

    /** The authority's decision as it sends it. */
    public record Decision(
            @NotNull(message = "REQUIRED: decision is APPROVE or REJECT")
            @OneOf(value = Verdict.class, message = "UNKNOWN_VALUE: decision is APPROVE or REJECT") String decision,
            @NotBlank(message = "REQUIRED: a decision gives its reasons") @Text(max = MAX_REASONS) String reasons) {
    }

    /** What the authority may decide. */
    enum Verdict { APPROVE, REJECT }

    public record MirrorView(String id, String orderId, String domain, String proposedBy, String evidence,
                             List<String> links, MirrorProposal.Status status, String decidedBy, String decisionReason,
                             Instant decidedAt, Instant createdAt) {
        static MirrorView of(MirrorProposal p) {
            return new MirrorView(p.id(), p.orderId(), p.domain(), p.proposedBy(), p.evidence(),
                    p.links().isEmpty() ? List.of() : List.of(p.links().split("\n")), p.status(), p.decidedBy(),
                    p.decisionReason(), p.decidedAt(), p.createdAt());
        }
    }

    @Retried
    @Transactional
    public MirrorView propose(String orderId, NewMirror mirror, Caller caller) {
        // Exclusive: proposals of one order are checked for duplicates one at a time.
        CourtOrder order = orderService.readableOrder(orderId, caller, CourtOrderRepository.Lock.EXCLUSIVE);
        if (!order.isClaimant(caller.organisation())) {
            throw new GatewayProblem(ProblemCode.NOT_A_PARTY, "Only a claimant of this order proposes mirrors");
        }
        requireOpen(order);
        shapes.check(mirror);
        List<FieldError> errors = new ArrayList<>();
        String domain = null;
        switch (scopeRules.canonicalEntry(ScopeKind.DOMAIN, mirror.domain(), null)) {
            case EntryDecision.Rejected r -> errors.add(new FieldError("domain", r.code(), r.detail()));
            case EntryDecision.Accepted a -> domain = a.entry().value();
        }
        String canonical = domain;
        if (canonical != null && order.scope().stream().anyMatch(e -> e.value().equals(canonical))) {
            errors.add(new FieldError("domain", "ALREADY_IN_SCOPE", "'" + canonical + "' is already covered"));
        }
        List<String> links = mirror.links() == null ? List.of() : mirror.links();
        if (!errors.isEmpty()) {
            throw GatewayProblem.invalid(errors);
        }
        if (proposals.pending(orderId).stream().anyMatch(p -> p.domain().equals(canonical))) {
            throw new GatewayProblem(ProblemCode.ALREADY_EXISTS, "A proposal for '" + canonical + "' is pending");
        }
        MirrorProposal proposal = MirrorProposal.propose(orderId, canonical, caller.organisation(),
                mirror.evidence().strip(), String.join("\n", links), clock.instant());
        proposals.persist(proposal);
        audit.record(caller.actor(), "MIRROR_PROPOSED", "mirror", proposal.id(), orderId,
                Map.of("domain", canonical, "links", links.size()));
        return MirrorView.of(proposal);
    }

    @Transactional
    public List<MirrorView> list(String orderId, Caller caller) {
        if (!caller.is(Role.AUTHORITY)) {
            orderService.requireReadable(orderId, caller);
        } else if (orders.findByIdOptional(orderId).isEmpty()) {
            throw GatewayProblem.notFound("Order");
        }
        List<MirrorView> mirrors = proposals.ofOrder(orderId).stream().map(MirrorView::of).toList();
        orderService.recordAuditorRead(caller, "mirrors", orderId, orderId);
        return mirrors;
    }

    /** The proposals awaiting the authority's decision, across orders (the authority decides for every order). */
    @Transactional
    public List<MirrorView> pending(Caller caller) {
        if (!caller.is(Role.AUTHORITY)) {
            throw new GatewayProblem(ProblemCode.FORBIDDEN, "Mirror decisions are the authority's");
        }
        return proposals.allPending(Paging.MAX_PAGE).stream().map(MirrorView::of).toList();
    }

    /** The authority's decision. Approval adds the domain to the order's scope as a new version. */
    @Retried
    @Transactional
    public MirrorView decide(String orderId, String mirrorId, Decision decision, Caller caller) {
        // The order first, then the proposal, as every writer of the order does: decisions on one
        // proposal (and amendments of its order) run one at a time, and the losers see it decided.
        CourtOrder order = orders.lock(orderId, CourtOrderRepository.Lock.EXCLUSIVE)
                .orElseThrow(() -> GatewayProblem.notFound("Mirror proposal"));
        MirrorProposal proposal = proposals.lock(mirrorId)
                .filter(p -> p.orderId().equals(orderId)).orElseThrow(() -> GatewayProblem.notFound("Mirror proposal"));
        shapes.check(decision);
        if (proposal.status() != MirrorProposal.Status.PENDING) {
            throw new GatewayProblem(ProblemCode.ALREADY_DECIDED, "This proposal was already "
                    + proposal.status().name().toLowerCase() + " by " + proposal.decidedBy());
        }
        boolean approve = decision.decision().equals("APPROVE");
        if (approve) {
            requireOpen(order);
        }
        Instant now = clock.instant();
        try {
            proposal.decide(approve, caller.organisation(), decision.reasons().strip(), now);
        } catch (IllegalStateException e) {
            throw new GatewayProblem(ProblemCode.ALREADY_DECIDED, e.getMessage());
        }
        Map<String, Object> detail = Map.of("domain", proposal.domain(), "decision", decision.decision());
        if (approve) {
            order.extendScope(eu.delisting.gateway.scope.ScopeEntry.of(ScopeKind.DOMAIN, proposal.domain()));
            order.recordVersion(now, now, "Mirror decision " + proposal.id(), "MIRROR_APPROVED",
                    orderService.snapshotOf(order), scopeRules.publicSuffixListVersion());
            Set<String> parties = new LinkedHashSet<>(order.claimants());
            order.addressees().forEach(a -> parties.add(a.organisation()));
            parties.addAll(orderService.auditorsNow(orderId));
            Map<String, Object> payload = Map.of("version", order.version(), "change", "MIRROR_APPROVED",
                    "domain", proposal.domain(), "effectiveAt", now.toString());
            events.publish(parties.stream().map(org -> new NewEvent(org, EventType.ORDER_AMENDED, orderId, null, payload))
                    .toList());
        }
        audit.record(caller.actor(), "MIRROR_DECIDED", "mirror", proposal.id(), orderId, detail);
        return MirrorView.of(proposal);
    }

    /** A mirror extends only a final decision that is still running for at least one addressee. */
    private void requireOpen(CourtOrder order) {
        if (!order.isFinal()) {
            throw new GatewayProblem(ProblemCode.ORDER_STATE_CONFLICT,
                    "Only a final decision can be extended to a mirror");
        }
        order.admission(clock.instant()).requireOpen();
    }
}
