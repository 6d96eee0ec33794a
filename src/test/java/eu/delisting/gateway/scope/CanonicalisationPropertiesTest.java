package eu.delisting.gateway.scope;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalisationPropertiesTest {

    private static final OrderScope SCOPE = Scopes.domains("allo.com", "stream.net", "allo.co.uk", "www.fr");

    @Provide
    Arbitrary<String> labels() {
        return Arbitraries.oneOf(
                Arbitraries.of("a", "b", "allo", "stream", "www", "m", "xn--bcher-kva", "bücher", "ＡＬＬＯ"),
                Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-').ofMinLength(1).ofMaxLength(10)
                        .filter(s -> !s.startsWith("-") && !s.endsWith("-") && !s.startsWith("xn--")
                                && !s.matches("[0-9]+")));
    }

    @Provide
    Arbitrary<String> hosts() {
        return Combinators.combine(labels().list().ofMinSize(1).ofMaxSize(3), Arbitraries.of("com", "net", "co.uk", "fr"))
                .as((labels, tld) -> String.join(".", labels) + "." + tld);
    }

    @Provide
    Arbitrary<String> entries() {
        return Combinators.combine(Arbitraries.of("allo", "stream", "www", "b", "m"), Arbitraries.of("com", "net", "co.uk", "fr"))
                .as((label, tld) -> label + "." + tld);
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').withChars("~-._%2AF?=&é'\"<>`{}").ofMaxLength(8),
                Arbitraries.of(".", "..", "%2e", "%2E%2e", "%7E", "%2f", "été", "a%20b"));
        return segment.list().ofMaxSize(4).map(s -> "/" + String.join("/", s));
    }

    @Provide
    Arbitrary<String> urls() {
        return Combinators.combine(Arbitraries.of("http", "https", "HTTPS"), hosts(),
                        Arbitraries.of("", ":80", ":443", ":8080", ":"), paths(),
                        Arbitraries.of("", "?", "?q=1", "?a=%41&b='c'", "?é"), Arbitraries.of("", "#frag", "#"))
                .as((scheme, host, port, path, query, fragment) -> scheme + "://" + host + port + path + query + fragment);
    }

    @Property
    void canonicalisationIsIdempotent(@ForAll("urls") String url) {
        UrlCanonicaliser.Result first = UrlCanonicaliser.canonicalise(url);
        if (first instanceof UrlCanonicaliser.Result.Parsed parsed) {
            UrlCanonicaliser.Result again = UrlCanonicaliser.canonicalise(parsed.url().toString());
            assertThat(again).isEqualTo(first);
        }
    }

    @Property
    void caseOneTrailingDotAndTheDefaultPortNeverChangeAVerdict(@ForAll("hosts") String host,
                                                                @ForAll("paths") String path,
                                                                @ForAll boolean https) {
        String scheme = https ? "https" : "http";
        String plain = scheme + "://" + host + path;
        String variant = scheme.toUpperCase(Locale.ROOT) + "://" + host.toUpperCase(Locale.ROOT) + ".:"
                + (https ? 443 : 80) + path;
        assertThat(summary(ScopeMatcher.decide(SCOPE, variant))).isEqualTo(summary(ScopeMatcher.decide(SCOPE, plain)));
    }

    @Property
    void aUrlWithUserinfoIsNeverCovered(@ForAll("hosts") String host, @ForAll("labels") String user,
                                        @ForAll boolean withPassword) {
        String url = "https://" + user + (withPassword ? ":secret" : "") + "@" + host + "/";
        assertThat(ScopeMatcher.decide(Scopes.domains("allo.com", "stream.net"), url))
                .isInstanceOf(Verdict.Refused.class);
    }

    @Property
    void domainCoverageHoldsExactlyWhenTheHostIsTheEntryOrUnderIt(@ForAll("hosts") String host,
                                                                 @ForAll("entries") String entry) {
        UrlCanonicaliser.Result parsed = UrlCanonicaliser.canonicalise("https://" + host + "/");
        if (!(parsed instanceof UrlCanonicaliser.Result.Parsed p)) {
            return;
        }
        String canonicalHost = p.url().host();
        boolean expected = canonicalHost.equals(entry) || canonicalHost.endsWith("." + entry);
        Verdict verdict = ScopeMatcher.decide(Scopes.of(List.of(ScopeEntry.of(ScopeKind.DOMAIN, entry))),
                "https://" + host + "/");
        assertThat(verdict instanceof Verdict.Covered).as(canonicalHost + " under " + entry).isEqualTo(expected);
    }

    private static String summary(Verdict verdict) {
        return switch (verdict) {
            case Verdict.Covered c -> "covered by " + c.matched() + " as " + c.url();
            case Verdict.Refused r -> r.code() + " " + r.hint().map(Hint::kind).orElse(null) + " "
                    + r.url().map(CanonicalUrl::toString).orElse("");
        };
    }
}
