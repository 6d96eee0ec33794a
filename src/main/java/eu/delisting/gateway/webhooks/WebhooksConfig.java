package eu.delisting.gateway.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Webhook deliveries: who may be called, how often, for how long. */
@ConfigMapping(prefix = "gateway.webhooks")
public interface WebhooksConfig {

    /** Whether this replica delivers (every replica may; each delivery attempt is made by one). */
    @WithDefault("true")
    boolean deliver();

    /**
     * Test-only: accept {@code http://} endpoints on loopback addresses (a receiver in the test suite or the
     * benchmark). Never in production: endpoints are HTTPS on public addresses.
     */
    @WithDefault("false")
    boolean allowLoopback();

    /** How long one attempt may take, connection included. */
    @WithDefault("PT5S")
    Duration timeout();

    /** The first retry's delay; each further one doubles it, up to {@link #backoffMax()}, with jitter. */
    @WithDefault("PT5S")
    Duration backoffBase();

    @WithDefault("PT1H")
    Duration backoffMax();

    /** How long a delivery is retried after its first failure before it fails and the subscription is disabled. */
    @WithDefault("PT24H")
    Duration giveUpAfter();

    /** How long the previous secret still signs (beside the new one) after a rotation. */
    @WithDefault("PT24H")
    Duration rotationOverlap();

    /** How long an idle replica waits before looking for due deliveries again. */
    @WithDefault("PT0.1S")
    Duration idlePause();

    /**
     * Attempts in flight at once on one replica, all endpoints together: each ends with a short transaction, so
     * this stays well below the connection pool.
     */
    @WithDefault("8")
    int maxConcurrentAttempts();

    /** Deliveries claimed at once by one replica. */
    @WithDefault("100")
    int claimBatch();

    /** Concurrent attempts to one endpoint from one replica, for a subscription that does not say (it may ask 1 to 50). */
    @WithDefault("4")
    int maxInFlight();
}
