package eu.delisting.gateway.database;

import java.util.function.IntUnaryOperator;

/** Work done a batch per transaction until a batch comes back short. */
public final class Batches {

    /** Rows a purge of old records removes per transaction (short locks, small undo). */
    public static final int PURGE = 1_000;

    private Batches() {
    }

    /**
     * Runs {@code oneBatch} (given the batch size, answering how many rows it handled) until it handles fewer
     * than {@code size}; returns the total.
     */
    public static int untilShort(int size, IntUnaryOperator oneBatch) {
        int total = 0;
        int done;
        do {
            done = oneBatch.applyAsInt(size);
            total += done;
        } while (done == size);
        return total;
    }
}
