package eu.delisting.gateway.idempotency;

import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Makes a write retryable: the first request with a key does the work and stores its answer; a
 * retry with the same key and body gets that answer again, with nothing written twice.
 *
 * <p>The key row is inserted first, in the operation's own transaction, with {@code INSERT IGNORE}.
 * A concurrent retry blocks on the row until the first transaction ends: if it committed, the retry
 * reads the stored answer; if it rolled back (a refused request stores nothing), the retry does the
 * work itself. Keys belong to the caller's organisation and to one operation.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final EntityManager em;
    private final Clock clock;

    IdempotencyKeys(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** A stored answer: the HTTP status and the JSON body, returned as they were the first time. */
    public record StoredResponse(int status, String body) {
    }

    public static void validate(String key) {
        if (key != null && !KEY.matcher(key).matches()) {
            throw GatewayProblem.invalid(List.of(new FieldError("Idempotency-Key", "INVALID_KEY",
                    "an Idempotency-Key is 1 to 200 visible ASCII characters")));
        }
    }

    /**
     * Claims the key for this body. Empty: go ahead, then {@link #complete}. Present: the stored
     * answer of the first request. The same key with another body is refused.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<StoredResponse> claim(String organisation, String operation, String key, String body) {
        String hash = sha256(body);
        int inserted = em.createNativeQuery("""
                        INSERT IGNORE INTO idempotency_key
                            (organisation_id, operation, idempotency_key, request_hash, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, organisation).setParameter(2, operation).setParameter(3, key)
                .setParameter(4, hash).setParameter(5, Timestamp.from(clock.instant()))
                .executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        Object[] row = (Object[]) em.createNativeQuery("""
                        SELECT request_hash, status_code, response FROM idempotency_key
                        WHERE organisation_id = ?1 AND operation = ?2 AND idempotency_key = ?3""")
                .setParameter(1, organisation).setParameter(2, operation).setParameter(3, key)
                .getSingleResult();
        if (!hash.equals(row[0])) {
            throw new GatewayProblem(ProblemCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for a"
                    + " different request; use a new key for a new request");
        }
        return Optional.of(new StoredResponse(((Number) row[1]).intValue(), (String) row[2]));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String organisation, String operation, String key, int status, String body) {
        em.createNativeQuery("""
                        UPDATE idempotency_key SET status_code = ?1, response = ?2
                        WHERE organisation_id = ?3 AND operation = ?4 AND idempotency_key = ?5""")
                .setParameter(1, status).setParameter(2, body).setParameter(3, organisation)
                .setParameter(4, operation).setParameter(5, key).executeUpdate();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
