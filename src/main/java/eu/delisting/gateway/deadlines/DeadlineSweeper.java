package eu.delisting.gateway.deadlines;

import eu.delisting.gateway.notices.NoticeService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Runs the deadline sweeps: overdue notices are flagged at their due instant, and active notices
 * expire at the end of their measure. Safe with any number of replicas: each batch claims its rows
 * with {@code SELECT ... FOR UPDATE SKIP LOCKED} in its own transaction, so two replicas never take
 * the same notice, and a swept notice no longer matches the next sweep (idempotent).
 */
@ApplicationScoped
public class DeadlineSweeper {

    private static final Logger LOG = Logger.getLogger(DeadlineSweeper.class);
    static final int BATCH = 500;

    private final NoticeService notices;
    private final Clock clock;

    DeadlineSweeper(NoticeService notices, Clock clock) {
        this.notices = notices;
        this.clock = clock;
    }

    @Scheduled(every = "${gateway.deadlines.sweep-every:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep();
    }

    /** One full sweep at the current instant; returns how many notices it changed. */
    public int sweep() {
        Instant now = clock.instant();
        int changed = 0;
        NoticeService.SweepResult result;
        do {
            result = notices.sweepOverdue(now, BATCH);
            changed += result.changed();
        } while (result.more());
        do {
            result = notices.sweepExpired(now, BATCH);
            changed += result.changed();
        } while (result.more());
        if (changed > 0) {
            LOG.infof("Deadline sweep at %s changed %d notices", now, changed);
        }
        return changed;
    }
}
