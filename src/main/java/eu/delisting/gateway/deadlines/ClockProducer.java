package eu.delisting.gateway.deadlines;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.ZoneOffset;

/** The server clock is authoritative; every time rule reads this one, and tests replace it. */
@ApplicationScoped
class ClockProducer {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        // Millisecond ticks: what the database stores is exactly what was answered.
        return Clock.tickMillis(ZoneOffset.UTC);
    }
}
