package eu.delisting.gateway.notices;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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

    private final NoticeSweeps notices;
    private final Clock clock;
    private final MeterRegistry metrics;

    DeadlineSweeper(NoticeSweeps notices, Clock clock, MeterRegistry metrics) {
        this.notices = notices;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Scheduled(every = "${gateway.deadlines.sweep-every:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep();
    }

    /**
     * One full sweep at the current instant; returns how many notices it changed. Timed as
     * {@code gateway.deadlines.sweep}; the notices it changed count in {@code gateway.deadlines.swept}.
     */
    public int sweep() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        int changed = 0;
        NoticeSweeps.SweepResult result;
        do {
            result = notices.sweepOverdue(now, BATCH);
            changed += result.changed();
        } while (result.more());
        do {
            result = notices.sweepExpired(now, BATCH);
            changed += result.changed();
        } while (result.more());
        long nanos = System.nanoTime() - started;
        Timer.builder("gateway.deadlines.sweep").description("Time of one full deadline sweep")
                .register(metrics).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (changed > 0) {
            metrics.counter("gateway.deadlines.swept").increment(changed);
            LOG.infof("Deadline sweep at %s changed %d notices in %d ms", now, changed, nanos / 1_000_000);
        }
        return changed;
    }
}
