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

    private final Semaphore permits;
    private final int capacity;
    private final Duration wait;

    public Admission(int capacity, Duration wait) {
        if (capacity < 1) {
            throw new IllegalArgumentException("at least one request must be admitted, not " + capacity);
        }
        this.capacity = capacity;
        this.permits = new Semaphore(capacity, true);
        this.wait = wait;
    }

    /** Waits in arrival order for a permit, at most the configured wait; the caller must {@link Ticket#leave()}. */
    public Ticket enter() {
        try {
            if (!permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new AtCapacity(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AtCapacity(wait);
        }
        return new Ticket(permits);
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
        public AtCapacity(Duration waited) {
            super("no database capacity within " + waited, null, false, false);
        }
    }
}
