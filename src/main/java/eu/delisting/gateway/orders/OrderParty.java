package eu.delisting.gateway.orders;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** A claimant or an addressee of an order. Addressees carry their notification date and cost bearer. */
@Entity
@Table(name = "order_party")
public class OrderParty {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    private CourtOrder order;

    @Column(name = "organisation_id", nullable = false)
    private String organisation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PartyRole role;

    @Column(name = "notified_on")
    private LocalDate notifiedOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "cost_bearer")
    private CostBearer costBearer;

    protected OrderParty() {
    }

    static OrderParty claimant(CourtOrder order, String organisation) {
        OrderParty party = new OrderParty();
        party.order = order;
        party.organisation = organisation;
        party.role = PartyRole.CLAIMANT;
        return party;
    }

    static OrderParty addressee(CourtOrder order, String organisation, LocalDate notifiedOn, CostBearer costBearer) {
        OrderParty party = new OrderParty();
        party.order = order;
        party.organisation = organisation;
        party.role = PartyRole.ADDRESSEE;
        party.notifiedOn = notifiedOn;
        party.costBearer = costBearer;
        return party;
    }

    void bearCosts(CostBearer bearer) {
        this.costBearer = bearer;
    }

    void servedOn(LocalDate day) {
        this.notifiedOn = day;
    }

    public String organisation() {
        return organisation;
    }

    public PartyRole role() {
        return role;
    }

    /** The day the order was served on this addressee; null while it has not been. */
    public LocalDate notifiedOn() {
        return notifiedOn;
    }

    public CostBearer costBearer() {
        return costBearer;
    }
}
