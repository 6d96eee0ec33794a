package eu.delisting.gateway.scope;

import java.util.Optional;

/**
 * Validates one scope entry as filed by the operator and returns it in canonical form, so that the
 * matcher compares canonical forms only.
 *
 * <ul>
 *   <li>DOMAIN: a registrable domain under the Public Suffix List (private section included); a
 *       public suffix ({@code co.uk}, {@code blogspot.com}) or a subdomain is refused, and so is
 *       anything on or under protected infrastructure.</li>
 *   <li>HOST: one host; on protected infrastructure only with an override reason.</li>
 *   <li>URL_PREFIX: an http(s) URL without query; same protection rule as HOST.</li>
 * </ul>
 */
public final class ScopeEntries {

    private ScopeEntries() {
    }

    public static EntryDecision canonicalise(ScopeKind kind, String value, String overrideReason,
                                             PublicSuffixList psl, ProtectedInfrastructure protectedInfrastructure) {
        String reason = overrideReason == null || overrideReason.isBlank() ? null : overrideReason.strip();
        return switch (kind) {
            case DOMAIN -> domain(value, psl, protectedInfrastructure);
            case HOST -> host(value, reason, protectedInfrastructure);
            case URL_PREFIX -> urlPrefix(value, reason, protectedInfrastructure);
        };
    }

    private static EntryDecision domain(String value, PublicSuffixList psl, ProtectedInfrastructure infra) {
        Host host;
        try {
            host = HostParser.parse(value.strip());
        } catch (HostParser.InvalidHost e) {
            return new EntryDecision.Rejected("INVALID_ENTRY", "'" + value + "' is not a domain: " + e.getMessage());
        }
        if (host.kind() != HostKind.DOMAIN_NAME) {
            return new EntryDecision.Rejected("INVALID_ENTRY", "an IP address cannot be a DOMAIN entry; use HOST");
        }
        Optional<String> registrable = psl.registrableDomain(host.value());
        if (registrable.isEmpty()) {
            return new EntryDecision.Rejected("NOT_REGISTRABLE", "'" + host.value()
                    + "' is a public suffix: as a DOMAIN it would cover every site registered under it");
        }
        if (!registrable.get().equals(host.value())) {
            return new EntryDecision.Rejected("NOT_REGISTRABLE", "'" + host.value()
                    + "' is not a registrable domain (that is '" + registrable.get()
                    + "'); use a HOST entry for one subdomain");
        }
        Optional<String> platform = infra.covering(host.value());
        if (platform.isPresent()) {
            return new EntryDecision.Rejected("PROTECTED_INFRASTRUCTURE", "'" + host.value()
                    + "' is protected infrastructure (" + platform.get()
                    + "); only a HOST or URL_PREFIX entry with an override reason may reach it");
        }
        return new EntryDecision.Accepted(ScopeEntry.of(ScopeKind.DOMAIN, host.value()));
    }

    private static EntryDecision host(String value, String reason, ProtectedInfrastructure infra) {
        Host host;
        try {
            host = HostParser.parse(value.strip());
        } catch (HostParser.InvalidHost e) {
            return new EntryDecision.Rejected("INVALID_ENTRY", "'" + value + "' is not a host: " + e.getMessage());
        }
        return guarded(new ScopeEntry(ScopeKind.HOST, host.value(), reason), host, reason, infra);
    }

    private static EntryDecision urlPrefix(String value, String reason, ProtectedInfrastructure infra) {
        UrlCanonicaliser.Result result = UrlCanonicaliser.canonicalise(value.strip());
        if (result instanceof UrlCanonicaliser.Result.Invalid invalid) {
            return new EntryDecision.Rejected("INVALID_ENTRY", "'" + value + "' is not a URL: " + invalid.detail());
        }
        CanonicalUrl url = ((UrlCanonicaliser.Result.Parsed) result).url();
        if (url.query() != null) {
            return new EntryDecision.Rejected("INVALID_ENTRY", "a URL_PREFIX cannot carry a query");
        }
        if (value.indexOf('#') >= 0) {
            return new EntryDecision.Rejected("INVALID_ENTRY", "a URL_PREFIX cannot carry a fragment");
        }
        return guarded(new ScopeEntry(ScopeKind.URL_PREFIX, url.toString(), reason),
                new Host(url.hostKind(), url.host()), reason, infra);
    }

    private static EntryDecision guarded(ScopeEntry entry, Host host, String reason, ProtectedInfrastructure infra) {
        Optional<String> notATarget = NonPublicAddresses.refusal(host.kind(), host.value());
        if (notATarget.isPresent()) {
            // Filing refuses such a URL whatever the scope says, so an entry for one could never admit anything.
            return new EntryDecision.Rejected("INVALID_TARGET", host.value() + " is " + notATarget.get()
                    + ": never a delisting target");
        }
        Optional<String> platform = infra.covering(host.value());
        if (platform.isEmpty()) {
            // An override reason only means something on protected infrastructure.
            return new EntryDecision.Accepted(new ScopeEntry(entry.kind(), entry.value(), null));
        }
        if (reason == null) {
            return new EntryDecision.Rejected("OVERRIDE_REQUIRED", "'" + host.value()
                    + "' is protected infrastructure (" + platform.get()
                    + "): the operator must give an overrideReason");
        }
        return new EntryDecision.Accepted(entry);
    }
}
