package eu.delisting.gateway.scope;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ScopeEntriesTest {

    @ParameterizedTest(name = "{0}: {1} {2} is stored as {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            a domain is stored canonical            | DOMAIN     | AlloStreaming.COM.  | -      | allostreaming.com
            an IDN domain is stored as A-labels     | DOMAIN     | bücher.de           | -      | xn--bcher-kva.de
            a site under a private suffix is registrable | DOMAIN | fifostream.netlify.app | - | fifostream.netlify.app
            a host is stored canonical              | HOST       | M.AlloShowTV.com    | -      | m.alloshowtv.com
            an IP host is normalised                | HOST       | 0x5DB8D822          | -      | 93.184.216.34
            a prefix is stored canonical            | URL_PREFIX | HTTPS://Files.Example-Host.org:443/a/./b/ | - | https://files.example-host.org/a/b/
            protected infrastructure with a reason  | URL_PREFIX | https://sites.google.com/view/allostreaming/ | court named the page | https://sites.google.com/view/allostreaming/
            a protected host with a reason          | HOST       | allostreaming.blogspot.com | court named the blog | allostreaming.blogspot.com
            """)
    void accepts(String rule, ScopeKind kind, String value, String reason, String stored) {
        EntryDecision decision = ScopeEntries.canonicalise(kind, value, reason, Scopes.PSL, Scopes.INFRA);
        assertThat(decision).as(rule).isInstanceOf(EntryDecision.Accepted.class);
        assertThat(((EntryDecision.Accepted) decision).entry().value()).isEqualTo(stored);
    }

    @ParameterizedTest(name = "{0}: {1} {2} is refused with {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            a public suffix would cover strangers   | DOMAIN     | co.uk               | -      | NOT_REGISTRABLE
            a private-section suffix too            | DOMAIN     | blogspot.com        | -      | NOT_REGISTRABLE
            a top-level domain too                  | DOMAIN     | com                 | -      | NOT_REGISTRABLE
            a subdomain is not a registrable domain | DOMAIN     | www.allostreaming.com | -    | NOT_REGISTRABLE
            an IP is no domain                      | DOMAIN     | 192.168.1.1         | -      | INVALID_ENTRY
            protected infrastructure as a DOMAIN    | DOMAIN     | google.com          | any    | PROTECTED_INFRASTRUCTURE
            a protected host needs a reason         | HOST       | sites.google.com    | -      | OVERRIDE_REQUIRED
            a blank reason is no reason             | URL_PREFIX | https://sites.google.com/view/x/ | ' ' | OVERRIDE_REQUIRED
            a public resolver is never a target     | HOST       | 1.1.1.1             | court named it | INVALID_TARGET
            a private address is never a target     | HOST       | 0x0A000001          | -      | INVALID_TARGET
            nor a loopback URL prefix               | URL_PREFIX | http://[::1]/admin/ | -      | INVALID_TARGET
            a prefix with a query                   | URL_PREFIX | https://allostreaming.com/a?b=c | - | INVALID_ENTRY
            a prefix with userinfo                  | URL_PREFIX | https://u@allostreaming.com/ | - | INVALID_ENTRY
            a host that does not parse              | HOST       | a..b                | -      | INVALID_ENTRY
            """)
    void refuses(String rule, ScopeKind kind, String value, String reason, String code) {
        EntryDecision decision = ScopeEntries.canonicalise(kind, value, reason, Scopes.PSL, Scopes.INFRA);
        assertThat(decision).as(rule).isInstanceOf(EntryDecision.Rejected.class);
        assertThat(((EntryDecision.Rejected) decision).code()).isEqualTo(code);
    }
}
