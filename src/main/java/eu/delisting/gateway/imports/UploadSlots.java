package eu.delisting.gateway.imports;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Semaphore;

/** How many uploads this replica reads at once: each holds a database connection while its file arrives. */
@ApplicationScoped
class UploadSlots {

    private final Semaphore slots;

    UploadSlots(ImportsConfig config) {
        this.slots = new Semaphore(config.concurrentUploads());
    }

    boolean take() {
        return slots.tryAcquire();
    }

    void release() {
        slots.release();
    }
}
