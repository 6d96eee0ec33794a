package eu.delisting.gateway.database;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How API requests share the database connections of one replica; see {@link Admission}. */
@ConfigMapping(prefix = "gateway.admission")
public interface AdmissionConfig {

    /**
     * Connections of the pool ({@code quarkus.datasource.jdbc.max-size}) kept for background work (event relay,
     * webhook deliveries, deadline sweeps, import jobs, metrics); the rest serve API requests, one each.
     */
    @WithDefault("8")
    int reservedConnections();

    /**
     * How long an API request waits in line for a connection before it is answered 503 with Retry-After. Longer
     * than the longest ordinary request at saturation (a batch of 500 acknowledgements among 32 takes about 13 s
     * on 2 cores), so the line drains in turn, and short enough that time in line plus the request's own stays
     * within common client and ingress timeouts (60 s).
     */
    @WithDefault("PT30S")
    Duration queueWait();

    /**
     * Batches of acknowledgements (up to 1,000 each) that run at once on one replica; the others wait in a line of
     * their own, in arrival order and within {@link #queueWait()}, before they take a share of the database. A batch
     * locks its notices and then waits for the one feed position and audit chain head every write appends behind;
     * with two dozen at once the last waited past the row-lock timeout and was refused, and each held its items'
     * objects in memory meanwhile. A few at once keep the database busy and the heap small; single
     * acknowledgements and every other request pass them in their own line.
     */
    @WithDefault("4")
    int batchCapacity();
}
