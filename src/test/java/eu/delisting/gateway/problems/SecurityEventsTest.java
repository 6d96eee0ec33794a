package eu.delisting.gateway.problems;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityEventsTest {

    @Test
    void aRecordIdSentByACallerCannotForgeLogLines() {
        assertThat(SecurityEvents.loggable("abc\nsecurity event FORGED\r\u202e")).isEqualTo("abc?security event FORGED??");
        assertThat(SecurityEvents.loggable("x".repeat(500))).hasSize(83).endsWith("...");
        assertThat(SecurityEvents.loggable(null)).isEqualTo("null");
    }
}
