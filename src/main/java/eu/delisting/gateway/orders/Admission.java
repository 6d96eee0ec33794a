package eu.delisting.gateway.orders;

import eu.delisting.gateway.deadlines.DeadlineTerms;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What an order admits at one instant: its state, and for each addressee whether the measure still runs and
 * which due and end instants a URL filed now gets. Decided by the order ({@link CourtOrder#admission}); filing,
 * mirror proposals and amendments all ask it.
 */
public record Admission(String orderId, int orderVersion, OrderStatus status, DeadlineTerms terms, Instant at,
                        List<Addressee> addressees) {

    /** An addressee of the order; {@code notifiedOn} is null while it has not been served. */
    public record Addressee(String organisation, LocalDate notifiedOn, boolean measureEnded) {
    }

    /** The addressees for which the measure still runs (served or not). */
    public List<Addressee> open() {
        return addressees.stream().filter(a -> !a.measureEnded()).toList();
    }

    /** The addressees for which the measure has ended. */
    public List<Addressee> ended() {
        return addressees.stream().filter(Addressee::measureEnded).toList();
    }

    /** When a URL filed now is due from the addressee; null until it is served. */
    public Instant dueAt(Addressee addressee) {
        return addressee.notifiedOn() == null ? null : terms.dueAt(addressee.notifiedOn(), at);
    }

    /** When the measure ends for the addressee; null until it is served. */
    public Instant measureEndsAt(Addressee addressee) {
        return addressee.notifiedOn() == null ? null : terms.measureEndsAt(addressee.notifiedOn());
    }

    /**
     * Refuses unless the order admits new URLs now: not suspended, not lifted or expired, and running for at
     * least one addressee.
     */
    public void requireOpen() {
        requireRunning();
        if (open().isEmpty()) {
            throw new GatewayProblem(ProblemCode.ORDER_EXPIRED,
                    "The measure has ended for every addressee: no request is admitted");
        }
    }

    /** Refuses unless the order's state admits new URLs: not suspended, not lifted or expired. */
    public void requireRunning() {
        if (status == OrderStatus.SUSPENDED) {
            throw new GatewayProblem(ProblemCode.ORDER_SUSPENDED, "The order is suspended: no request is admitted");
        }
        if (status == OrderStatus.LIFTED || status == OrderStatus.EXPIRED) {
            throw new GatewayProblem(ProblemCode.ORDER_EXPIRED, "The order is " + status.name().toLowerCase()
                    + ": no request is admitted");
        }
    }
}
