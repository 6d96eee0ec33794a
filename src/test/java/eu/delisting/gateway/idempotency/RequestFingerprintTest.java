package eu.delisting.gateway.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.delisting.gateway.hashing.Sha256;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The fingerprint is a canonical form: the same on every replica, JVM run and release. */
class RequestFingerprintTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCanonicalFormSortsMembersDropsNullsAndHasNoWhitespace() throws Exception {
        String body = "{ \"request\": {\"urls\": [\"https://allostreaming.com/é\"], \"clientReference\": null,"
                + " \"addressees\": [\"google\"]}, \"orderId\": \"o-1\" }";
        assertThat(RequestFingerprint.canonical(JSON.readTree(body))).isEqualTo(
                "{\"orderId\":\"o-1\",\"request\":{\"addressees\":[\"google\"],\"urls\":[\"https://allostreaming.com/é\"]}}");
    }

    @Test
    void theFingerprintDoesNotDependOnMemberOrderOrMapImplementation() {
        Map<String, Object> inserted = new LinkedHashMap<>();
        inserted.put("orderId", "o-1");
        inserted.put("request", Map.of("urls", List.of("https://a.example/1"), "addressees", List.of("bing")));
        Map<String, Object> reversed = new TreeMap<>(java.util.Comparator.reverseOrder());
        reversed.putAll(inserted);
        assertThat(RequestFingerprint.of(JSON.valueToTree(inserted))).isEqualTo(RequestFingerprint.of(JSON.valueToTree(reversed)));
    }

    @Test
    void aReleasedFingerprintStaysTheSame() throws Exception {
        // Pinned: a change here means retries across an upgrade would be refused IDEMPOTENCY_KEY_REUSED.
        assertThat(RequestFingerprint.of(JSON.readTree("{\"b\":[1,true,\"x\"],\"a\":{\"d\":null,\"c\":\"ü\"}}")))
                .isEqualTo(Sha256.hex("{\"a\":{\"c\":\"ü\"},\"b\":[1,true,\"x\"]}"))
                .isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest("{\"a\":{\"c\":\"ü\"},\"b\":[1,true,\"x\"]}".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    @Test
    void differentRequestsHaveDifferentFingerprints() throws Exception {
        assertThat(RequestFingerprint.of(JSON.readTree("{\"urls\":[\"a\",\"b\"]}")))
                .isNotEqualTo(RequestFingerprint.of(JSON.readTree("{\"urls\":[\"b\",\"a\"]}")));
    }
}
