package eu.delisting.gateway.support;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract check that every REST test's response goes through must itself catch drift. */
class ContractValidationTest {

    private static final ContractValidation CONTRACT = ContractValidation.INSTANCE;

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDocumentedAnswerPasses() {
        assertThat(CONTRACT.check("GET", "/api/v1/orders/abc", 404, "application/problem+json",
                json("{\"type\":\"urn:x\",\"title\":\"Not found\",\"status\":404,\"code\":\"NOT_FOUND\"}"))).isEmpty();
    }

    @Test
    void anUndocumentedStatusIsReported() {
        assertThat(CONTRACT.check("GET", "/api/v1/me", 404, "application/problem+json",
                json("{\"type\":\"urn:x\",\"title\":\"Not found\",\"status\":404,\"code\":\"NOT_FOUND\"}")))
                .singleElement().satisfies(v -> assertThat(v.problem()).contains("status not documented"));
    }

    @Test
    void aBodyMissingARequiredMemberIsReported() {
        assertThat(CONTRACT.check("GET", "/api/v1/orders/abc", 404, "application/problem+json",
                json("{\"title\":\"Not found\",\"status\":404}"))).isNotEmpty();
    }

    @Test
    void aMemberTheContractDoesNotNameIsReported() {
        assertThat(CONTRACT.check("GET", "/api/v1/orders/abc", 404, "application/problem+json",
                json("{\"type\":\"urn:x\",\"title\":\"Not found\",\"status\":404,\"code\":\"NOT_FOUND\","
                        + "\"stackTrace\":\"at eu.delisting...\"}"))).isNotEmpty();
    }

    @Test
    void aMalformedInstantIsReported() {
        assertThat(CONTRACT.check("GET", "/api/v1/audit/checkpoint-key", 200, "application/json",
                json("{\"keyId\":\"k\",\"algorithm\":\"Ed25519\",\"publicKey\":\"p\"}"))).isEmpty();
        assertThat(CONTRACT.check("POST", "/api/v1/organisations", 201, "application/json",
                json("{\"id\":\"x\",\"name\":\"X\",\"kind\":\"RIGHTS_HOLDER\",\"registeredAt\":\"yesterday\"}")))
                .isNotEmpty();
    }

    @Test
    void anUndocumentedContentTypeIsReported() {
        assertThat(CONTRACT.check("GET", "/api/v1/orders/abc", 404, "text/html", json("<html/>")))
                .singleElement().satisfies(v -> assertThat(v.problem()).contains("content type"));
    }

    @Test
    void aLiteralPathIsNotTakenForATemplatedOne() {
        assertThat(CONTRACT.check("GET", "/api/v1/audit/checkpoint", 200, "application/json", json("[]")))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v.operation()).isEqualTo("auditCheckpoint"));
    }

    @Test
    void pathsOutsideTheContractAreNotChecked() {
        assertThat(CONTRACT.check("GET", "/q/health/ready", 500, "text/plain", json("x"))).isEmpty();
    }
}
