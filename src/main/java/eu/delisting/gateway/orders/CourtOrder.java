package eu.delisting.gateway.orders;

import eu.delisting.gateway.deadlines.DeadlineTerms;
import eu.delisting.gateway.scope.ScopeEntry;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A court order as it stands now (its latest version). Every change goes through a method here that
 * also appends an {@link OrderVersion}, so the history is complete and nothing is edited silently.
 */
@Entity
@Table(name = "court_order")
public class CourtOrder {

    @Id
    private String id;

    @Column(nullable = false)
    private String reference;

    @Column(nullable = false)
    private String court;

    @Column(name = "case_number", nullable = false)
    private String caseNumber;

    @Column(name = "decision_date", nullable = false)
    private LocalDate decisionDate;

    @Column(name = "legal_basis", nullable = false)
    private String legalBasis;

    @Column(name = "final_decision", nullable = false)
    private boolean finalDecision;

    @Column(name = "compliance_days", nullable = false)
    private int complianceDays;

    @Column(nullable = false)
    private String duration;

    @Column(nullable = false)
    private String timezone;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OrderStatus status;

    @Column(nullable = false)
    private int version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("role, organisation")
    private List<OrderParty> parties = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "order_scope_entry", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "position")
    private List<OrderScopeEntry> scope = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "order_territory", joinColumns = @JoinColumn(name = "order_id"))
    @Column(name = "country", nullable = false)
    private Set<String> territory = new TreeSet<>();

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL)
    @OrderBy("version")
    private List<OrderVersion> versions = new ArrayList<>();

    protected CourtOrder() {
    }

    /** The content of a valid order, checked by the service before an order is made of it. */
    record Terms(String reference, String court, String caseNumber, LocalDate decisionDate, String legalBasis,
                 boolean finalDecision, List<String> claimants, List<Addressee> addressees, List<ScopeEntry> scope,
                 Set<String> territory, int complianceDays, Period duration, ZoneId timezone) {
    }

    record Addressee(String organisation, LocalDate notifiedOn, CostBearer costBearer) {
    }

    static CourtOrder issue(Terms terms, Instant now) {
        CourtOrder order = new CourtOrder();
        order.id = UUID.randomUUID().toString();
        order.reference = terms.reference();
        order.court = terms.court();
        order.caseNumber = terms.caseNumber();
        order.decisionDate = terms.decisionDate();
        order.legalBasis = terms.legalBasis();
        order.finalDecision = terms.finalDecision();
        order.complianceDays = terms.complianceDays();
        order.duration = terms.duration().toString();
        order.timezone = terms.timezone().getId();
        order.status = OrderStatus.ACTIVE;
        order.version = 0;
        order.createdAt = now;
        terms.claimants().forEach(c -> order.parties.add(OrderParty.claimant(order, c)));
        terms.addressees().forEach(a -> order.parties.add(
                OrderParty.addressee(order, a.organisation(), a.notifiedOn(), a.costBearer())));
        terms.scope().forEach(e -> order.scope.add(new OrderScopeEntry(e)));
        order.territory.addAll(terms.territory());
        return order;
    }

    /** Suspends the measure (an appeal, a stay): no filing is admitted until it is resumed. */
    void suspend() {
        requireStatus("suspend", OrderStatus.ACTIVE);
        status = OrderStatus.SUSPENDED;
    }

    void resume() {
        requireStatus("resume", OrderStatus.SUSPENDED);
        status = OrderStatus.ACTIVE;
    }

    /** Lifts the order for good. */
    void lift() {
        requireStatus("lift", OrderStatus.ACTIVE, OrderStatus.SUSPENDED);
        status = OrderStatus.LIFTED;
    }

    void changeCostBearer(String addressee, CostBearer bearer) {
        addresseeParty(addressee).bearCosts(bearer);
    }

    /** Records the day the order was served on an addressee; its deadlines start from there. */
    void serve(String addressee, LocalDate notifiedOn) {
        if (notifiedOn.isBefore(decisionDate)) {
            throw new IllegalArgumentException("an order cannot be served before it was made");
        }
        addresseeParty(addressee).servedOn(notifiedOn);
    }

    private OrderParty addresseeParty(String organisation) {
        return parties.stream().filter(p -> p.role() == PartyRole.ADDRESSEE && p.organisation().equals(organisation))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("'" + organisation
                        + "' is not an addressee of this order"));
    }

    private void requireStatus(String action, OrderStatus... allowed) {
        for (OrderStatus s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw new IllegalStateException("An order that is " + status + " cannot " + action);
    }

    /** Adds an approved mirror to the scope; it lives as long as the order's measures do. */
    void extendScope(ScopeEntry entry) {
        scope.add(new OrderScopeEntry(entry));
    }

    /**
     * Appends the version that records the order's current content, and the Public Suffix List its scope is
     * decided with; called after every change.
     */
    void recordVersion(Instant effectiveAt, Instant recordedAt, String decisionReference, String change,
                       String snapshot, String publicSuffixListVersion) {
        version++;
        versions.add(new OrderVersion(this, version, effectiveAt, recordedAt, decisionReference, change, snapshot,
                publicSuffixListVersion));
    }

    public String id() {
        return id;
    }

    public String reference() {
        return reference;
    }

    public String court() {
        return court;
    }

    public String caseNumber() {
        return caseNumber;
    }

    public LocalDate decisionDate() {
        return decisionDate;
    }

    public String legalBasis() {
        return legalBasis;
    }

    public boolean isFinal() {
        return finalDecision;
    }

    public int complianceDays() {
        return complianceDays;
    }

    public Period duration() {
        return Period.parse(duration);
    }

    public ZoneId timezone() {
        return ZoneId.of(timezone);
    }

    public OrderStatus status() {
        return status;
    }

    public int version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public List<String> claimants() {
        return parties.stream().filter(p -> p.role() == PartyRole.CLAIMANT).map(OrderParty::organisation).toList();
    }

    public List<OrderParty> addressees() {
        return parties.stream().filter(p -> p.role() == PartyRole.ADDRESSEE).toList();
    }

    public Optional<OrderParty> addressee(String organisation) {
        return addressees().stream().filter(p -> p.organisation().equals(organisation)).findFirst();
    }

    public DeadlineTerms deadlineTerms() {
        return new DeadlineTerms(complianceDays, duration(), timezone());
    }

    /**
     * What the order admits at {@code now}: its state, and per addressee whether the measure still runs (it
     * ends at the end of the day {@code notifiedOn + complianceDays + duration}; an addressee not yet served
     * is running).
     */
    public Admission admission(Instant now) {
        DeadlineTerms terms = deadlineTerms();
        List<Admission.Addressee> addressees = addressees().stream().map(a -> new Admission.Addressee(
                a.organisation(), a.notifiedOn(),
                a.notifiedOn() != null && !now.isBefore(terms.measureEndsAt(a.notifiedOn())))).toList();
        return new Admission(id, version, status, terms, now, addressees);
    }

    public boolean isClaimant(String organisation) {
        return claimants().contains(organisation);
    }

    public boolean isAddressee(String organisation) {
        return addressee(organisation).isPresent();
    }

    public List<ScopeEntry> scope() {
        return scope.stream().map(OrderScopeEntry::toEntry).toList();
    }

    public Set<String> territory() {
        return Collections.unmodifiableSet(new TreeSet<>(territory));
    }

    public List<OrderVersion> versions() {
        return Collections.unmodifiableList(versions);
    }
}
