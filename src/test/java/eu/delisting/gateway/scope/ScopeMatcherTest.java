package eu.delisting.gateway.scope;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ScopeMatcherTest {

    static final OrderScope SCOPE = Scopes.of(List.of(
            Scopes.entry(ScopeKind.DOMAIN, "allostreaming.com", null),
            Scopes.entry(ScopeKind.DOMAIN, "dpstream.tv", null),
            Scopes.entry(ScopeKind.HOST, "m.alloshowtv.com", null),
            Scopes.entry(ScopeKind.HOST, "93.184.216.34", null),
            Scopes.entry(ScopeKind.URL_PREFIX, "https://sites.google.com/view/allostreaming/", "a page of the site"),
            Scopes.entry(ScopeKind.URL_PREFIX, "https://files.example-host.org/films", null)));

    @ParameterizedTest(name = "{0}: {1} is covered by {2}")
    @CsvSource(delimiter = '|', textBlock = """
            the registrable domain itself           | https://allostreaming.com/                 | allostreaming.com
            any subdomain of a DOMAIN entry         | https://www.allostreaming.com/film/42      | allostreaming.com
            a deep subdomain                        | http://a.b.c.allostreaming.com/            | allostreaming.com
            case, trailing dot and default port     | HTTPS://WWW.AlloStreaming.COM.:443/x       | allostreaming.com
            a percent-encoded host                  | https://www.allo%73treaming.com/           | allostreaming.com
            an ideographic full stop                | https://www.allostreaming。com/             | allostreaming.com
            a HOST entry exactly                    | https://m.alloshowtv.com/x                 | m.alloshowtv.com
            an IPv4 HOST in another notation        | http://1572395042/                         | 93.184.216.34
            a page under a URL prefix               | https://sites.google.com/view/allostreaming/film | https://sites.google.com/view/allostreaming/
            the prefix itself without its slash     | https://sites.google.com/view/allostreaming | https://sites.google.com/view/allostreaming/
            a prefix whatever the scheme            | http://sites.google.com/view/allostreaming/a | https://sites.google.com/view/allostreaming/
            a prefix without slash at a boundary    | https://files.example-host.org/films/a.mp4 | https://files.example-host.org/films
            """)
    void covers(String rule, String url, String matchedEntry) {
        Verdict verdict = ScopeMatcher.decide(SCOPE, url);
        assertThat(verdict).as(rule).isInstanceOf(Verdict.Covered.class);
        assertThat(((Verdict.Covered) verdict).matched().value()).isEqualTo(matchedEntry);
    }

    @ParameterizedTest(name = "{0}: {1} is out of scope")
    @CsvSource(delimiter = '|', textBlock = """
            a suffix trick                          | https://allostreaming.com.evil.net/        | CONFUSABLE_WITH
            a prefix trick                          | https://notallostreaming.com/              | NONE
            a hyphenated look-alike                 | https://allostreaming-com.net/             | NONE
            the same name under another suffix      | https://allostreaming.net/                 | POSSIBLE_MIRROR
            the same name under a two-level suffix  | https://www.allostreaming.co.uk/           | POSSIBLE_MIRROR
            a Cyrillic homoglyph                    | https://аllostreaming.com/                 | CONFUSABLE_WITH
            a digit one for an ell                  | https://a1lostreaming.com/                 | CONFUSABLE_WITH
            the parent of a HOST entry              | https://alloshowtv.com/                    | NONE
            a sibling of a HOST entry               | https://www.alloshowtv.com/                | NONE
            a sibling path of a prefix              | https://sites.google.com/view/allostreaming-fans/ | PROTECTED_INFRASTRUCTURE
            a dot segment climbing out of a prefix  | https://sites.google.com/view/allostreaming/../other | PROTECTED_INFRASTRUCTURE
            an encoded slash is no segment boundary | https://sites.google.com/view/allostreaming%2F..%2Fother | PROTECTED_INFRASTRUCTURE
            paths are case-sensitive                | https://sites.google.com/view/AlloStreaming/ | PROTECTED_INFRASTRUCTURE
            the platform itself                     | https://sites.google.com/                  | PROTECTED_INFRASTRUCTURE
            a prefix on another port                | https://sites.google.com:8443/view/allostreaming/ | PROTECTED_INFRASTRUCTURE
            a string prefix that is no segment      | https://files.example-host.org/filmsX      | NONE
            an IP literal never matches a domain    | http://93.184.216.35/                      | NONE
            """)
    void refusesAsOutOfScope(String rule, String url, String hint) {
        Verdict verdict = ScopeMatcher.decide(SCOPE, url);
        assertThat(verdict).as(rule).isInstanceOf(Verdict.Refused.class);
        Verdict.Refused refused = (Verdict.Refused) verdict;
        assertThat(refused.code()).isEqualTo(RefusalCode.OUT_OF_SCOPE);
        assertThat(refused.hint().map(h -> h.kind().name()).orElse("NONE")).as(rule).isEqualTo(hint);
    }

    @ParameterizedTest(name = "{0}: {1} is never a delisting target")
    @CsvSource(delimiter = '|', textBlock = """
            loopback                                | http://127.0.0.1/admin
            loopback in decimal                     | http://2130706433/
            private 192.168/16                      | http://192.168.7.7/
            private 10/8                            | http://10.1.2.3/
            private 172.16/12                       | https://172.20.0.1/
            link-local (cloud metadata)             | http://169.254.169.254/latest/meta-data/
            shared address space                    | http://100.64.0.1/
            unspecified                             | http://0.0.0.0/
            multicast                               | http://224.0.0.1/
            a public resolver                       | https://8.8.8.8/
            IPv6 loopback                           | http://[::1]/
            IPv6 link-local                         | http://[fe80::1]/
            IPv6 unique local                       | http://[fd00::1]/
            IPv4-mapped loopback                    | http://[::ffff:127.0.0.1]/
            an IPv6 public resolver                 | https://[2001:4860:4860::8888]/
            IPv4-compatible loopback                | http://[::7f00:1]/
            NAT64 of a private address              | http://[64:ff9b::a00:1]/
            6to4 of a private address               | http://[2002:c0a8:101::1]/
            IPv6 site-local                         | http://[fec0::1]/
            """)
    void refusesAddressesThatAreNeverADelistingTarget(String rule, String url) {
        Verdict verdict = ScopeMatcher.decide(SCOPE, url);
        assertThat(verdict).as(rule).isInstanceOf(Verdict.Refused.class);
        assertThat(((Verdict.Refused) verdict).code()).as(rule).isEqualTo(RefusalCode.INVALID_TARGET);
        assertThat(((Verdict.Refused) verdict).detail()).contains("never a delisting target");
    }

    @Test
    void publicAddressesAreJudgedByTheScope() {
        assertThat(ScopeMatcher.decide(SCOPE, "http://93.184.216.34/x")).isInstanceOf(Verdict.Covered.class);
        assertThat(((Verdict.Refused) ScopeMatcher.decide(SCOPE, "http://[2a00:1450::1]/")).code())
                .isEqualTo(RefusalCode.OUT_OF_SCOPE);
        assertThat(((Verdict.Refused) ScopeMatcher.decide(SCOPE, "http://172.32.0.1/")).code())
                .as("just outside 172.16/12").isEqualTo(RefusalCode.OUT_OF_SCOPE);
        assertThat(ScopeMatcher.decide(SCOPE, "http://[::ffff:93.184.216.34]/x"))
                .as("an IPv4-mapped public address is judged by its scope").isInstanceOf(Verdict.Refused.class)
                .extracting(v -> ((Verdict.Refused) v).code()).isEqualTo(RefusalCode.OUT_OF_SCOPE);
    }

    @Test
    void aMirrorHintNamesTheInScopeDomain() {
        Verdict.Refused refused = (Verdict.Refused) ScopeMatcher.decide(SCOPE, "https://allostreaming.org/x");
        assertThat(refused.hint()).map(Hint::related).contains("allostreaming.com");
        assertThat(refused.url()).map(CanonicalUrl::host).contains("allostreaming.org");
    }

    @Test
    void userinfoIsNeverCoveredEvenWhenTheHostIs() {
        Verdict verdict = ScopeMatcher.decide(SCOPE, "https://allostreaming.com@allostreaming.com/");
        assertThat(verdict).isInstanceOf(Verdict.Refused.class);
        assertThat(((Verdict.Refused) verdict).code()).isEqualTo(RefusalCode.INVALID_URL);
    }

    @Test
    void theMostSpecificEntryIsReported() {
        OrderScope scope = Scopes.of(List.of(
                Scopes.entry(ScopeKind.DOMAIN, "allostreaming.com", null),
                Scopes.entry(ScopeKind.HOST, "www.allostreaming.com", null),
                Scopes.entry(ScopeKind.URL_PREFIX, "https://www.allostreaming.com/films/", null)));
        assertThat(((Verdict.Covered) ScopeMatcher.decide(scope, "https://www.allostreaming.com/films/1")).matched().kind())
                .isEqualTo(ScopeKind.URL_PREFIX);
        assertThat(((Verdict.Covered) ScopeMatcher.decide(scope, "https://www.allostreaming.com/series/1")).matched().kind())
                .isEqualTo(ScopeKind.HOST);
        assertThat(((Verdict.Covered) ScopeMatcher.decide(scope, "https://cdn.allostreaming.com/")).matched().kind())
                .isEqualTo(ScopeKind.DOMAIN);
    }

    @Test
    void theSameInputAndScopeAlwaysGiveTheSameVerdict() {
        Verdict first = ScopeMatcher.decide(SCOPE, "https://allostreaming.net/");
        for (int i = 0; i < 5; i++) {
            assertThat(ScopeMatcher.decide(SCOPE, "https://allostreaming.net/")).isEqualTo(first);
        }
        assertThat(ScopeMatcher.decide(Scopes.domains("allostreaming.com"), "https://x.allostreaming.com/"))
                .isEqualTo(ScopeMatcher.decide(Scopes.domains("allostreaming.com"), "https://x.allostreaming.com/"));
    }

    @Test
    void anEmptyScopeCoversNothing() {
        assertThat(ScopeMatcher.decide(Scopes.of(List.of()), "https://allostreaming.com/"))
                .isInstanceOf(Verdict.Refused.class);
        assertThat(((Verdict.Refused) ScopeMatcher.decide(Scopes.of(List.of()), "https://allostreaming.com/")).hint())
                .isEqualTo(Optional.empty());
    }
}
