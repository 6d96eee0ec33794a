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
}
