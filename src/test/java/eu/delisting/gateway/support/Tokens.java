package eu.delisting.gateway.support;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Signs bearer tokens with the test-only key that the test profile trusts, shaped like the tokens of
 * the gateway's Keycloak realm: issuer, audience, expiry, {@code org} claim and realm roles.
 */
public final class Tokens {

    public static final String ISSUER = "https://tokens.test.delisting-gateway";
    public static final String AUDIENCE = "delisting-gateway";

    private static final PrivateKey KEY = loadKey();

    static {
        ContractValidation.install();
    }

    private Tokens() {
    }

    /** A token of this caller's still has at least this long to live when it is handed out again. */
    private static final Duration REUSE_FOR = Duration.ofMinutes(5);

    private record Signed(String token, Instant reuseUntil) {
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, Signed> SIGNED =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A valid token for this organisation and role. Signed once and handed out again for five minutes of its ten
     * (an RSA signature per request was a fifth of the suite's client time); the gateway keeps no state per token.
     */
    public static String of(String organisation, String role) {
        Instant now = Instant.now();
        return SIGNED.compute(organisation + "\u0000" + role, (key, signed) -> signed != null
                && now.isBefore(signed.reuseUntil()) ? signed
                : new Signed(builder(organisation, role).sign(KEY), now.plus(REUSE_FOR))).token();
    }

    public static String expired(String organisation, String role) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("svc-" + organisation)
                .claim("org", organisation).groups(Set.of(role))
                .issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(5))).sign(KEY);
    }

    public static String forAudience(String organisation, String role, String audience) {
        return Jwt.issuer(ISSUER).audience(audience).subject("svc-" + organisation)
                .claim("org", organisation).groups(Set.of(role)).expiresIn(Duration.ofMinutes(5)).sign(KEY);
    }

    public static String withoutOrganisation(String role) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("svc-nobody")
                .groups(Set.of(role)).expiresIn(Duration.ofMinutes(5)).sign(KEY);
    }

    /** The test-only signing key, for tests that forge tokens on purpose. */
    public static PrivateKey signingKey() {
        return KEY;
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder builder(String organisation, String role) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("svc-" + organisation)
                .claim("org", organisation).groups(Set.of(role)).expiresIn(Duration.ofMinutes(10));
    }

    private static PrivateKey loadKey() {
        try (InputStream in = Tokens.class.getResourceAsStream("/test-keys/private.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
