package eu.delisting.gateway.support;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gateway's clock in tests: the real time, shifted by an offset that tests move forward instead
 * of sleeping. Replaces the default clock bean. Tests that move it reset it afterwards.
 */
@Singleton
public class TestClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Instant> frozen = new AtomicReference<>();

    /** Stops the clock at an instant, for rules that hinge on one millisecond. */
    public void freezeAt(Instant instant) {
        frozen.set(instant);
    }

    public void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
    }

    public void reset() {
        offset.set(Duration.ZERO);
        frozen.set(null);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }

    @Override
    public Instant instant() {
        Instant stopped = frozen.get();
        return stopped != null ? stopped : Instant.now().truncatedTo(ChronoUnit.MILLIS).plus(offset.get());
    }
}
