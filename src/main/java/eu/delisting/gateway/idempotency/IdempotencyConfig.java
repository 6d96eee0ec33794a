package eu.delisting.gateway.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long idempotency keys are kept. */
@ConfigMapping(prefix = "gateway.idempotency")
public interface IdempotencyConfig {

    /**
     * How long a key and its stored answer are kept: a retry within this time gets the first answer; a key older
     * than this is forgotten, and a request sent with it again is a new request.
     */
    @WithDefault("P30D")
    Duration retention();
}
