package eu.delisting.gateway.events;

import eu.delisting.gateway.database.Batches;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/** Removes feed events older than the feed's retention period, oldest first, 1,000 per transaction. */
@ApplicationScoped
public class EventRetention {

    private static final Logger LOG = Logger.getLogger(EventRetention.class);

    private final EventLog events;
    private final EventsConfig config;
    private final Clock clock;

    EventRetention(EventLog events, EventsConfig config, Clock clock) {
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${gateway.retention.every:1h}", delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    /** Removes every event older than the retention period now, with its webhook deliveries; returns how many. */
    public int purge() {
        Instant before = clock.instant().minus(config.retention());
        int removed = Batches.untilShort(Batches.PURGE, batch -> events.purge(before, batch));
        if (removed > 0) {
            LOG.infof("Event retention removed %d events that occurred before %s", removed, before);
        }
        return removed;
    }
}
