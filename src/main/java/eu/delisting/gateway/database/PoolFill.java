package eu.delisting.gateway.database;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Opens the pool's connections up to its minimum as soon as the gateway has started, in the background. Start-up
 * waits for one connection only (the production pool's initial size); left to itself, the pool would open the
 * others one per request while below its minimum, one at a time (about 90 ms each with TLS), and a burst of
 * requests just after start-up would wait for them past the acquisition timeout.
 */
@ApplicationScoped
class PoolFill {

    void fill(@Observes StartupEvent started, AgroalDataSource dataSource) {
        // Queued on the pool's own housekeeping thread: returns at once.
        dataSource.flush(AgroalDataSource.FlushMode.FILL);
    }
}
