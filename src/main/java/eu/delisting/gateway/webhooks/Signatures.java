package eu.delisting.gateway.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks signing: a secret is {@code whsec_} and the base64 of its key bytes; a signature is
 * {@code v1,} and the base64 of HMAC-SHA256 over {@code id.timestamp.body}; several (during a rotation) are
 * separated by spaces.
 */
final class Signatures {

    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signatures() {
    }

    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    static String sign(List<String> secrets, String id, long timestamp, String body) {
        return secrets.stream().map(secret -> "v1," + hmac(secret, id + "." + timestamp + "." + body))
                .collect(Collectors.joining(" "));
    }

    private static String hmac(String secret, String content) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
