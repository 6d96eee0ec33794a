package eu.delisting.gateway.notices;

import eu.delisting.gateway.database.Retried;
import eu.delisting.gateway.idempotency.IdempotentCalls;
import eu.delisting.gateway.tenants.Caller;
import io.micrometer.core.annotation.Timed;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.transaction.Transactional;

import java.util.List;

/** A batch of acknowledgements in one transaction, retryable with an Idempotency-Key. */
@ApplicationScoped
public class AcknowledgementBatches {

    static final String OPERATION = "acknowledge-batch";

    private final Acknowledgements notices;
    private final IdempotentCalls idempotent;

    AcknowledgementBatches(Acknowledgements notices, IdempotentCalls idempotent) {
        this.notices = notices;
        this.idempotent = idempotent;
    }

    public record BatchResult(int acknowledged, List<NoticeView> items) {
    }

    /** What identifies a batch for its Idempotency-Key. */
    record BatchFingerprint(List<AcknowledgementInput> items) {
    }

    /** Every acknowledgement of the batch, or none; a retry with the key gets the first result back. */
    @Retried
    @Transactional
    // A batch of up to 1,000 appends its feed events and audit entries at the end, each behind the others' (one
    // feed position and one chain head for everyone): under load it waits longer than a single write may.
    @TransactionConfiguration(timeout = 60)
    @Timed(value = "gateway.acknowledgement.batch", description = "Time to record a batch of acknowledgements",
            histogram = true)
    public IdempotentCalls.Result<BatchResult> acknowledgeAll(List<AcknowledgementInput> items, String key,
                                                              Caller caller) {
        return idempotent.once(caller.organisation(), OPERATION, key,
                new BatchFingerprint(items == null ? List.of() : items), BatchResult.class, () -> {
                    List<NoticeView> acknowledged = notices.acknowledgeAll(items, caller);
                    return new BatchResult(acknowledged.size(), acknowledged);
                });
    }
}
