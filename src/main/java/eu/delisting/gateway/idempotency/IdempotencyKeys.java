package eu.delisting.gateway.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.delisting.gateway.hashing.Sha256;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Makes a write retryable: the first request with a key does the work and stores its answer; a
 * retry with the same key and body gets that answer again, with nothing written twice.
 *
 * <p>The key row is inserted first, in the operation's own transaction, after taking the key's lock
 * row (see migration V5). A concurrent retry blocks on that lock until the first transaction ends: if it committed, the retry
 * reads the stored answer; if it rolled back (a refused request stores nothing), the retry does the
 * work itself. Keys belong to the caller's organisation and to one operation.
 */
@ApplicationScoped
public class IdempotencyKeys {

    static final int STRIPES = 64;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final IdempotencyRepository keys;
    private final Clock clock;
    private final ObjectMapper json;

    IdempotencyKeys(IdempotencyRepository keys, Clock clock, ObjectMapper json) {
        this.keys = keys;
        this.clock = clock;
        this.json = json;
    }

    /** Removes at most {@code batch} keys created before {@code before}; returns how many. */
    @Transactional
    public int purge(Instant before, int batch) {
        return keys.deleteCreatedBefore(before, batch);
    }

    /**
     * Only completed calls are stored (a refused one rolls back with its key); the status column marks a key
     * whose call completed.
     */
    private static final int COMPLETED = 201;

    public static void validate(String key) {
        if (key != null && !KEY.matcher(key).matches()) {
            throw GatewayProblem.invalid(List.of(new FieldError("Idempotency-Key", "INVALID_KEY",
                    "an Idempotency-Key is 1 to 200 visible ASCII characters")));
        }
    }

    /**
     * Claims the key for this request. Empty: go ahead, then {@link #complete}. Present: the stored
     * result of the first request, as JSON. The same key with another request is refused. The request is
     * compared by its {@link RequestFingerprint}, the same on every replica and release.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<String> claim(String organisation, String operation, String key, Object request) {
        String hash = RequestFingerprint.of(json.valueToTree(request));
        // Racing requests with this key wait for each other here (the row is chosen by the key), so
        // the insert below never races: a refused first request rolls back and the next one claims.
        keys.lockStripe(stripe(organisation, operation, key));
        IdempotencyRepository.Row row = keys.insertIfAbsent(organisation, operation, key, hash, clock.instant());
        if (row.status() == null) {
            // Ours: a committed key always has its answer, stored in the transaction that claimed it.
            return Optional.empty();
        }
        if (!hash.equals(row.requestHash())) {
            throw new GatewayProblem(ProblemCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for a"
                    + " different request; use a new key for a new request");
        }
        return Optional.of(row.response());
    }

    /** One of the {@value #STRIPES} lock rows; the same key always gets the same one. */
    static int stripe(String organisation, String operation, String key) {
        return Math.floorMod(Sha256.hex(organisation + "\n" + operation + "\n" + key).hashCode(), STRIPES);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void complete(String organisation, String operation, String key, String body) {
        keys.storeAnswer(organisation, operation, key, COMPLETED, body);
    }
}
