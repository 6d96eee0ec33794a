package eu.delisting.gateway.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How staged events reach the feed. */
@ConfigMapping(prefix = "gateway.events")
public interface EventsConfig {

    /**
     * How often a replica looks for staged events it was not woken for (staged on another replica, or left by a
     * relay that failed); a replica that stages events relays them as soon as their transaction commits.
     */
    @WithDefault("PT1S")
    Duration relayEvery();

    /**
     * How long a woken replica waits before relaying, so a burst of acknowledgements is relayed in one
     * transaction rather than one each; the delay a staged event adds to its feed and webhooks.
     */
    @WithDefault("PT0.1S")
    Duration relayLinger();

    /** Most staged events given feed positions in one transaction. */
    @WithDefault("1000")
    int relayBatch();

    /**
     * How long events stay in the feed (and their webhook deliveries with them): older ones are removed, and a
     * cursor from before the removal of unread events is answered {@code 410 CURSOR_EXPIRED}.
     */
    @WithDefault("P400D")
    Duration retention();
}
