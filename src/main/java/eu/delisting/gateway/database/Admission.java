package eu.delisting.gateway.database;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Requests that may use the database at once on one replica, admitted in the order they arrived. The
 * connection pool itself hands a freed connection to whichever thread asks first, so under saturation an
 * unlucky request can wait past the acquisition timeout while later ones pass it. Here requests queue
 * fairly for a permit (the pool's size less the connections kept for background work: the event relay,
 * webhook deliveries, sweeps, imports), and a request with a permit finds a connection free. A request
 * that waits longer than the configured wait is refused, before it has read or stored anything. Pure:
 * no framework.
 */
public final class Admission {

    /** What a refused caller is told when the line is the database's share. */
    private static final String DATABASE = "The gateway is serving as many requests as its database allows";

    private final Semaphore permits;
    private final int capacity;
    private final Duration wait;
    private final String refusal;

    public Admission(int capacity, Duration wait) {
        this(capacity, wait, DATABASE);
    }

    /** {@code refusal}: what a caller refused after the wait is told, before "nothing was stored". */
    public Admission(int capacity, Duration wait, String refusal) {
        if (capacity < 1) {
            throw new IllegalArgumentException("at least one request must be admitted, not " + capacity);
        }
        this.capacity = capacity;
        this.permits = new Semaphore(capacity, true);
        this.wait = wait;
        this.refusal = refusal;
    }

    /** Waits in arrival order for a permit, at most the configured wait; the caller must {@link Ticket#leave()}. */
    public Ticket enter() {
        return enter(wait);
    }

    /**
     * Waits in arrival order for a permit, at most {@code within} (what is left of a wait begun in another line);
     * the caller must {@link Ticket#leave()}.
     */
    public Ticket enter(Duration within) {
        try {
            if (!permits.tryAcquire(Math.max(0, within.toNanos()), TimeUnit.NANOSECONDS)) {
                throw new AtCapacity(wait, refusal);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AtCapacity(wait, refusal);
        }
        return new Ticket(permits);
    }

    /** How long a request may wait in line in all. */
    public Duration queueWait() {
        return wait;
    }

    /** Requests admitted at once. */
    public int capacity() {
        return capacity;
    }

    /** Requests admitted now. */
    public int inUse() {
        return capacity - permits.availablePermits();
    }

    /** Requests waiting for a permit now (an estimate, as the JDK gives it). */
    public int waiting() {
        return permits.getQueueLength();
    }

    /** One admitted request; leaving twice gives back one permit. */
    public static final class Ticket {
        private final Semaphore permits;
        private final AtomicBoolean left = new AtomicBoolean();

        private Ticket(Semaphore permits) {
            this.permits = permits;
        }

        public void leave() {
            if (left.compareAndSet(false, true)) {
                permits.release();
            }
        }
    }

    /** No permit came free within the wait: nothing was done, the request may be sent again. */
    public static final class AtCapacity extends RuntimeException {
        private final String refusal;

        public AtCapacity(Duration waited, String refusal) {
            super("no place in line within " + waited + ": " + refusal, null, false, false);
            this.refusal = refusal;
        }

        /** What the refused caller is told (no internals). */
        public String refusal() {
            return refusal;
        }
    }
}
