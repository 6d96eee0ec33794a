package eu.delisting.gateway.scope;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PublicSuffixListTest {

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            a .com domain                        | www.allostreaming.com   | allostreaming.com
            a two-level ICANN suffix             | www.example.co.uk       | example.co.uk
            a private-section suffix             | fifo.blogspot.com       | fifo.blogspot.com
            a wildcard rule                      | a.b.example.ck          | b.example.ck
            an exception beats the wildcard      | www.ck                  | www.ck
            an unlisted TLD is a suffix          | site.zzunknown          | site.zzunknown
            a suffix has no registrable domain   | co.uk                   | -
            an IDN suffix in A-label form        | xn--80aswg.xn--p1ai     | xn--80aswg.xn--p1ai
            a suffix added to the list in 2025   | www.univ.ac.bw          | univ.ac.bw
            """)
    void findsTheRegistrableDomain(String rule, String host, String registrable) {
        assertThat(Scopes.PSL.registrableDomain(host).orElse(null)).as(rule).isEqualTo(registrable);
    }

    @Test
    void aListNamesItsVersionAndPublicationFromItsOwnHeader() {
        PublicSuffixList list = PublicSuffixList.parseVersioned("""
                // VERSION: 2026-10-01_08-00-00_UTC
                // COMMIT: 0123456789abcdef0123456789abcdef01234567
                com
                """, "fallback");
        assertThat(list.version()).isEqualTo("2026-10-01_08-00-00_UTC (0123456789ab)");
        assertThat(list.publishedAt()).contains(java.time.Instant.parse("2026-10-01T08:00:00Z"));
        PublicSuffixList unnamed = PublicSuffixList.parseVersioned("com\n", "file my.dat");
        assertThat(unnamed.version()).isEqualTo("file my.dat");
        assertThat(unnamed.publishedAt()).isEmpty();
    }

    @Test
    void theBundledListIsCurrentNotTheDebian2023Copy() {
        assertThat(Scopes.PSL.publishedAt()).isPresent();
        assertThat(Scopes.PSL.publishedAt().get()).isAfter(java.time.Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void theBundledListIsComplete() {
        assertThat(Scopes.PSL.size()).isGreaterThan(9000);
        assertThat(Scopes.PSL.isPublicSuffix("github.io")).isTrue();
    }
}
