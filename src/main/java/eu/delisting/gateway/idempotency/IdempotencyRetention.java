package eu.delisting.gateway.idempotency;

import eu.delisting.gateway.database.Batches;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/** Forgets idempotency keys older than their retention period, 1,000 per transaction. */
@ApplicationScoped
public class IdempotencyRetention {

    private static final Logger LOG = Logger.getLogger(IdempotencyRetention.class);

    private final IdempotencyKeys keys;
    private final IdempotencyConfig config;
    private final Clock clock;

    IdempotencyRetention(IdempotencyKeys keys, IdempotencyConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${gateway.retention.every:1h}", delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    /** Removes every key older than the retention period now; returns how many. */
    public int purge() {
        Instant before = clock.instant().minus(config.retention());
        int removed = Batches.untilShort(Batches.PURGE, batch -> keys.purge(before, batch));
        if (removed > 0) {
            LOG.infof("Idempotency retention removed %d keys created before %s", removed, before);
        }
        return removed;
    }
}
