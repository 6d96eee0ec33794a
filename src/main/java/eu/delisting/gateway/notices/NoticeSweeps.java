package eu.delisting.gateway.notices;

import eu.delisting.gateway.audit.Actor;
import eu.delisting.gateway.database.Retried;
import eu.delisting.gateway.audit.AuditLog;
import eu.delisting.gateway.events.EventLog;
import eu.delisting.gateway.events.EventType;
import eu.delisting.gateway.events.NewEvent;
import eu.delisting.gateway.orders.OrderService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The set-based sweeps that move notices with time: overdue when due, expired when the measure ends. */
@ApplicationScoped
public class NoticeSweeps {

    private final NoticeRepository notices;
    private final OrderService orders;
    private final EventLog events;
    private final AuditLog audit;

    NoticeSweeps(NoticeRepository notices, OrderService orders, EventLog events, AuditLog audit) {
        this.notices = notices;
        this.orders = orders;
        this.events = events;
        this.audit = audit;
    }

    /** What one sweep batch changed. */
    public record SweepResult(int changed, boolean more) {
    }

    /**
     * Marks up to {@code batch} notices overdue whose due instant has come ({@code due_at <= now})
     * and that are neither delisted nor rejected. Rows are claimed with {@code FOR UPDATE SKIP
     * LOCKED}, so replicas sweeping at once take different rows, and a marked row no longer matches:
     * each notice is marked, and announced, once. Two sweeps at once (two replicas) can still deadlock in
     * InnoDB (claiming rows through the due-instant index while the other's update moves entries of it): the
     * victim's batch runs again, and claims what is left.
     */
    @Retried
    @Transactional
    public SweepResult sweepOverdue(Instant now, int batch) {
        List<NoticeRepository.FallingDue> rows = notices.claimFallingDue(now, batch);
        if (rows.isEmpty()) {
            return new SweepResult(0, false);
        }
        List<String> ids = rows.stream().map(NoticeRepository.FallingDue::id).toList();
        notices.markOverdue(ids, now);
        List<NewEvent> published = new ArrayList<>();
        Map<String, List<String>> auditors = new HashMap<>();
        for (NoticeRepository.FallingDue r : rows) {
            Map<String, Object> payload = Map.of("dueAt", String.valueOf(r.dueAt()), "addressee", r.addressee());
            Set<String> recipients = new LinkedHashSet<>(List.of(r.addressee(), r.claimant()));
            recipients.addAll(auditors.computeIfAbsent(r.orderId(), orders::auditorsNow));
            recipients.forEach(org -> published.add(
                    new NewEvent(org, EventType.NOTICE_OVERDUE, r.orderId(), r.id(), payload)));
        }
        events.publish(published);
        audit.record(Actor.system("deadline-sweep"), "NOTICES_OVERDUE", "notice", ids.get(0), null,
                Map.of("notices", ids.size(), "ids", ids, "at", now.toString()));
        return new SweepResult(rows.size(), rows.size() == batch);
    }

    /**
     * Expires up to {@code batch} active notices whose measure has ended ({@code measure_ends_at <= now}):
     * state EXPIRED, the URL no longer active, and the engine told it may relist. Claimed as in
     * {@link #sweepOverdue}, and run again when picked as a deadlock victim.
     */
    @Retried
    @Transactional
    public SweepResult sweepExpired(Instant now, int batch) {
        List<NoticeRepository.Ended> rows = notices.claimEnded(now, batch);
        if (rows.isEmpty()) {
            return new SweepResult(0, false);
        }
        List<String> ids = rows.stream().map(NoticeRepository.Ended::id).toList();
        notices.expire(ids, now);
        events.publish(rows.stream().map(r -> new NewEvent(r.addressee(), EventType.RELIST_PERMITTED,
                r.orderId(), r.id(), Map.of("reason", "MEASURE_ENDED"))).toList());
        audit.record(Actor.system("deadline-sweep"), "NOTICES_EXPIRED", "notice", ids.get(0), null,
                Map.of("notices", ids.size(), "ids", ids, "at", now.toString()));
        return new SweepResult(rows.size(), rows.size() == batch);
    }
}
