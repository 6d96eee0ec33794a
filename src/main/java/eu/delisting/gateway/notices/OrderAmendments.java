package eu.delisting.gateway.notices;

import eu.delisting.gateway.audit.Actor;
import eu.delisting.gateway.audit.AuditLog;
import eu.delisting.gateway.events.EventLog;
import eu.delisting.gateway.events.EventType;
import eu.delisting.gateway.events.NewEvent;
import eu.delisting.gateway.orders.AmendmentType;
import eu.delisting.gateway.orders.OrderAmended;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** How notices follow a new order version, in the amendment's own transaction. */
@ApplicationScoped
class OrderAmendments {

    private final NoticeRepository notices;
    private final EventLog events;
    private final AuditLog audit;
    private final Clock clock;

    OrderAmendments(NoticeRepository notices, EventLog events, AuditLog audit, Clock clock) {
        this.notices = notices;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    void onAmendment(@Observes OrderAmended amendment) {
        Instant now = clock.instant();
        if (amendment.type() == AmendmentType.SUSPEND || amendment.type() == AmendmentType.LIFT) {
            // Locked before they change: an acknowledgement committed meanwhile is not overwritten (its version kept).
            List<Notice> open = notices.lockOfOrder(amendment.orderId(), null,
                    Notice.statusesAllowing(Notice.Move.CANCEL));
            String reason = amendment.type() == AmendmentType.SUSPEND ? "ORDER_SUSPENDED" : "ORDER_LIFTED";
            open.forEach(n -> n.cancel(now));
            events.publish(open.stream().map(n -> new NewEvent(n.addressee(), EventType.RELIST_PERMITTED,
                    n.orderId(), n.id(), Map.of("reason", reason, "orderVersion", amendment.version()))).toList());
            if (!open.isEmpty()) {
                audit.record(Actor.system("order-amendment"), "NOTICES_CANCELLED", "order", amendment.orderId(),
                        amendment.orderId(), Map.of("notices", open.size(), "reason", reason));
            }
        }
        if (amendment.type() == AmendmentType.SET_NOTIFICATION_DATE) {
            amendment.served().forEach((addressee, day) -> start(amendment, addressee, day, now));
        }
    }

    /**
     * The notices of a newly served addressee that have no deadline yet get theirs: those waiting for
     * notification become PENDING, those the engine already acted on keep their status.
     */
    private void start(OrderAmended amendment, String addressee, LocalDate notifiedOn, Instant now) {
        List<Notice> waiting = notices.lockOfOrder(amendment.orderId(), addressee,
                Notice.statusesAllowing(Notice.Move.SERVE));
        for (Notice n : waiting) {
            n.startDeadlines(amendment.terms().dueAt(notifiedOn, n.createdAt()),
                    amendment.terms().measureEndsAt(notifiedOn), now);
        }
    }
}
