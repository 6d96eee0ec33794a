package eu.delisting.gateway.orders;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator replaces the Public Suffix List with a file, without a rebuild, and sees how old a list is. */
class ScopeRulesTest {

    private static ScopeConfig config(Optional<Path> list, Duration maxAge) {
        return new ScopeConfig() {
            @Override
            public List<String> protectedInfrastructure() {
                return List.of("google.com");
            }

            @Override
            public Optional<Path> publicSuffixList() {
                return list;
            }

            @Override
            public Duration publicSuffixListMaxAge() {
                return maxAge;
            }
        };
    }

    @Test
    void anOperatorsListFileReplacesTheBundledOneWithItsOwnVersion(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("public_suffix_list.dat");
        Files.writeString(file, """
                // VERSION: 2026-11-29_10-00-00_UTC
                // COMMIT: abcdef0123456789abcdef0123456789abcdef01
                com
                example
                """);
        ScopeRules rules = new ScopeRules(config(Optional.of(file), Duration.ofDays(180)));
        assertThat(rules.publicSuffixListVersion()).isEqualTo("2026-11-29_10-00-00_UTC (abcdef012345)");
        assertThat(rules.registrableDomain("www.shop.example")).contains("shop.example");
        assertThat(rules.isStale(Instant.parse("2026-11-30T00:00:00Z"))).isFalse();
        assertThat(rules.isStale(Instant.parse("2027-06-30T00:00:00Z"))).isTrue();
    }

    @Test
    void theBundledListIsUsedWhenNoFileIsConfiguredAndIsCurrentEnough() {
        ScopeRules rules = new ScopeRules(config(Optional.empty(), Duration.ofDays(3650)));
        assertThat(rules.publicSuffixListVersion()).matches("\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}_UTC \\([0-9a-f]{12}\\)");
        assertThat(rules.registrableDomain("www.univ.ac.bw")).contains("univ.ac.bw");
        assertThat(rules.isStale(Instant.now())).isFalse();
    }
}
