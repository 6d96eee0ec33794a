package eu.delisting.gateway.notices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.delisting.gateway.database.Retried;
import eu.delisting.gateway.idempotency.IdempotencyKeys;
import eu.delisting.gateway.tenants.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** A batch of acknowledgements in one transaction, retryable with an Idempotency-Key. */
@ApplicationScoped
public class AcknowledgementBatches {

    static final String OPERATION = "acknowledge-batch";

    private final NoticeService notices;
    private final IdempotencyKeys idempotency;
    private final ObjectMapper json;

    AcknowledgementBatches(NoticeService notices, IdempotencyKeys idempotency, ObjectMapper json) {
        this.notices = notices;
        this.idempotency = idempotency;
        this.json = json;
    }

    public record BatchResult(int acknowledged, List<NoticeView> items) {
    }

    /** The answer to send: the batch's result, or (replayed) the first answer to the same key and body. */
    public record Answer(int status, String body, boolean replayed) {
    }

    /** What identifies a batch for its Idempotency-Key. */
    record BatchFingerprint(List<AcknowledgementInput> items) {
    }

    @Retried
    @Transactional
    public Answer acknowledgeAll(List<AcknowledgementInput> items, String key, Caller caller) {
        IdempotencyKeys.validate(key);
        if (key != null) {
            Optional<IdempotencyKeys.StoredResponse> stored = idempotency.claim(caller.organisation(), OPERATION, key,
                    new BatchFingerprint(items == null ? List.of() : items));
            if (stored.isPresent()) {
                return new Answer(stored.get().status(), stored.get().body(), true);
            }
        }
        List<NoticeView> acknowledged = notices.acknowledgeAll(items, caller);
        String body = write(new BatchResult(acknowledged.size(), acknowledged));
        if (key != null) {
            idempotency.complete(caller.organisation(), OPERATION, key, 201, body);
        }
        return new Answer(201, body, false);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An acknowledgement batch could not be written as JSON", e);
        }
    }
}
