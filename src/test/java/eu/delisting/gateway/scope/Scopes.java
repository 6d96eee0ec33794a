package eu.delisting.gateway.scope;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Test fixtures for the scope core: the bundled Public Suffix List and scopes built from entries. */
final class Scopes {

    static final PublicSuffixList PSL = load();
    static final ProtectedInfrastructure INFRA = new ProtectedInfrastructure(
            Set.of("google.com", "blogspot.com", "cloudflare.net", "1.1.1.1"));

    private Scopes() {
    }

    private static PublicSuffixList load() {
        try (InputStream in = Scopes.class.getResourceAsStream("/effective_tld_names.dat")) {
            return PublicSuffixList.parseVersioned(new String(in.readAllBytes(), StandardCharsets.UTF_8), "test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ScopeEntry entry(ScopeKind kind, String value, String reason) {
        EntryDecision decision = ScopeEntries.canonicalise(kind, value, reason, PSL, INFRA);
        if (decision instanceof EntryDecision.Accepted accepted) {
            return accepted.entry();
        }
        throw new IllegalArgumentException(value + ": " + decision);
    }

    static OrderScope domains(String... domains) {
        return OrderScope.of(Arrays.stream(domains).map(d -> entry(ScopeKind.DOMAIN, d, null)).toList(), PSL, INFRA);
    }

    static OrderScope of(List<ScopeEntry> entries) {
        return OrderScope.of(entries, PSL, INFRA);
    }

    static String canonical(String url) {
        UrlCanonicaliser.Result r = UrlCanonicaliser.canonicalise(url);
        return r instanceof UrlCanonicaliser.Result.Parsed p ? p.url().toString() : "INVALID";
    }
}
