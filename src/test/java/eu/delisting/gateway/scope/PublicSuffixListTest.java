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
            """)
    void findsTheRegistrableDomain(String rule, String host, String registrable) {
        assertThat(Scopes.PSL.registrableDomain(host).orElse(null)).as(rule).isEqualTo(registrable);
    }

    @Test
    void theBundledListIsComplete() {
        assertThat(Scopes.PSL.size()).isGreaterThan(9000);
        assertThat(Scopes.PSL.isPublicSuffix("github.io")).isTrue();
    }
}
