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
            Scopes.entry(ScopeKind.HOST, "10.0.0.1", null),
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
            an IPv4 HOST in another notation        | http://167772161/                          | 10.0.0.1
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
            an IP literal never matches a domain    | http://192.168.1.1/                        | NONE
            """)
    void refusesAsOutOfScope(String rule, String url, String hint) {
        Verdict verdict = ScopeMatcher.decide(SCOPE, url);
        assertThat(verdict).as(rule).isInstanceOf(Verdict.Refused.class);
        Verdict.Refused refused = (Verdict.Refused) verdict;
        assertThat(refused.code()).isEqualTo(RefusalCode.OUT_OF_SCOPE);
        assertThat(refused.hint().map(h -> h.kind().name()).orElse("NONE")).as(rule).isEqualTo(hint);
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
