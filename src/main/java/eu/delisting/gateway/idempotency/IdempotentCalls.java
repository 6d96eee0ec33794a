package eu.delisting.gateway.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one way an operation is made retryable with an {@code Idempotency-Key}: inside the operation's
 * transaction, the key is claimed ({@link IdempotencyKeys#claim}); the first call does the work and its result
 * is stored, serialised, with the key; a retry with the same key and request gets that result back, read from
 * what was stored, and nothing is done twice. Services return their typed result either way; the resource
 * chooses status and headers (and says {@code Idempotent-Replayed} when {@link Result#replayed()}).
 */
@ApplicationScoped
public class IdempotentCalls {

    private final IdempotencyKeys keys;
    private final ObjectMapper json;

    IdempotentCalls(IdempotencyKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    /** A result, and whether it is the stored result of an earlier call with the same key. */
    public record Result<T>(T value, boolean replayed) {
    }

    /**
     * Runs {@code work} once per ({@code organisation}, {@code operation}, {@code key}); without a key, every
     * time. {@code request} identifies the call (see {@link RequestFingerprint}); the same key with another
     * request is refused {@code IDEMPOTENCY_KEY_REUSED}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> Result<T> once(String organisation, String operation, String key, Object request, Class<T> type,
                              Supplier<T> work) {
        IdempotencyKeys.validate(key);
        if (key == null) {
            return new Result<>(work.get(), false);
        }
        Optional<String> stored = keys.claim(organisation, operation, key, request);
        if (stored.isPresent()) {
            return new Result<>(read(stored.get(), type), true);
        }
        T value = work.get();
        keys.complete(organisation, operation, key, write(value));
        return new Result<>(value, false);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A result could not be stored as JSON", e);
        }
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored result could not be read back as " + type.getSimpleName(), e);
        }
    }
}
