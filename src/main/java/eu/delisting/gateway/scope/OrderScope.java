package eu.delisting.gateway.scope;

import com.ibm.icu.text.SpoofChecker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scope of one order version, indexed for matching: DOMAIN entries by domain (a host is looked
 * up once per label suffix, so matching costs the same for 16 entries or 100,000), HOST entries by
 * host, URL_PREFIX entries by authority. Also indexes what refused URLs are compared against for
 * hints: the name of each in-scope domain without its suffix, and its confusable skeleton.
 */
public final class OrderScope {

    private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();

    private final List<ScopeEntry> entries;
    private final Map<String, ScopeEntry> domains = new HashMap<>();
    private final Map<String, ScopeEntry> hosts = new HashMap<>();
    private final Map<String, List<Prefix>> prefixes = new HashMap<>();

    private record Prefix(ScopeEntry entry, String path) {
    }
    private final Map<String, String> domainByName = new HashMap<>();
    private final Map<String, String> domainBySkeleton = new HashMap<>();
    /** Memoised confusable look-ups: filings repeat the same few sites many times. Bounded. */
    private final Map<String, Optional<String>> confusableByDomain = new ConcurrentHashMap<>();
    private static final int CONFUSABLE_CACHE_LIMIT = 50_000;
    private final PublicSuffixList psl;
    private final ProtectedInfrastructure protectedInfrastructure;

    private OrderScope(List<ScopeEntry> entries, PublicSuffixList psl, ProtectedInfrastructure infra) {
        this.entries = List.copyOf(entries);
        this.psl = psl;
        this.protectedInfrastructure = infra;
        for (ScopeEntry entry : entries) {
            switch (entry.kind()) {
                case DOMAIN -> {
                    domains.putIfAbsent(entry.value(), entry);
                    String suffix = psl.publicSuffix(entry.value());
                    if (suffix.length() < entry.value().length()) {
                        domainByName.putIfAbsent(entry.value().substring(0, entry.value().length() - suffix.length() - 1),
                                entry.value());
                    }
                }
                case HOST -> hosts.putIfAbsent(entry.value(), entry);
                case URL_PREFIX -> {
                    CanonicalUrl prefix = prefixUrl(entry);
                    prefixes.computeIfAbsent(prefix.authority(), k -> new ArrayList<>())
                            .add(new Prefix(entry, prefix.path()));
                }
            }
        }
        // Longest prefix first, so the most specific entry is the one reported.
        prefixes.values().forEach(list -> list.sort(
                Comparator.comparingInt((Prefix p) -> p.path().length()).reversed()));
    }

    /** Entries must already be canonical (see {@link ScopeEntries}). */
    public static OrderScope of(List<ScopeEntry> entries, PublicSuffixList psl, ProtectedInfrastructure infra) {
        return new OrderScope(entries, psl, infra);
    }

    public List<ScopeEntry> entries() {
        return entries;
    }

    public PublicSuffixList publicSuffixList() {
        return psl;
    }

    Optional<ScopeEntry> match(CanonicalUrl url) {
        List<Prefix> candidates = prefixes.get(url.authority());
        if (candidates != null) {
            for (Prefix prefix : candidates) {
                if (underPrefix(url.path(), prefix.path())) {
                    return Optional.of(prefix.entry());
                }
            }
        }
        ScopeEntry host = hosts.get(url.host());
        if (host != null) {
            return Optional.of(host);
        }
        if (url.hostKind() != HostKind.DOMAIN_NAME) {
            return Optional.empty();
        }
        String candidate = url.host();
        while (true) {
            ScopeEntry domain = domains.get(candidate);
            if (domain != null) {
                return Optional.of(domain);
            }
            int dot = candidate.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            candidate = candidate.substring(dot + 1);
        }
    }

    /** Why an out-of-scope URL might have been filed, to point the filer in the right direction. */
    Optional<Hint> hintFor(CanonicalUrl url) {
        if (url.hostKind() != HostKind.DOMAIN_NAME) {
            return Optional.empty();
        }
        String host = url.host();
        Optional<String> registrable = psl.registrableDomain(host);
        if (registrable.isPresent()) {
            String domain = registrable.get();
            String name = domain.substring(0, domain.indexOf('.'));
            String sameName = domainByName.get(name);
            if (sameName != null && !sameName.equals(domain)) {
                return Optional.of(new Hint(Hint.Kind.POSSIBLE_MIRROR, sameName, "'" + domain
                        + "' has the name of in-scope '" + sameName + "' under another suffix; a mirror is only"
                        + " covered once the authority approves a mirror proposal"));
            }
            Optional<String> lookalike = confusable(domain);
            if (lookalike.isPresent()) {
                return Optional.of(new Hint(Hint.Kind.CONFUSABLE_WITH, lookalike.get(), "'" + domain
                        + "' is spelled to look like in-scope '" + lookalike.get() + "' but is another domain;"
                        + " if it is a mirror, propose it through the mirror procedure"));
            }
        }
        Optional<String> embedded = embeddedInScopeDomain(host);
        if (embedded.isPresent()) {
            return Optional.of(new Hint(Hint.Kind.CONFUSABLE_WITH, embedded.get(), "'" + host
                    + "' contains in-scope '" + embedded.get() + "' but belongs to another domain"));
        }
        Optional<String> platform = protectedInfrastructure.covering(host);
        return platform.map(p -> new Hint(Hint.Kind.PROTECTED_INFRASTRUCTURE, p, "'" + host
                + "' is on protected infrastructure (" + p + "); only a HOST or URL_PREFIX entry added by the"
                + " operator with an override reason can cover it"));
    }

    private Optional<String> confusable(String domain) {
        if (domains.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> known = confusableByDomain.get(domain);
        if (known != null) {
            return known;
        }
        if (confusableByDomain.size() >= CONFUSABLE_CACHE_LIMIT) {
            confusableByDomain.clear();
        }
        Optional<String> found = lookalikeBySkeleton(domain);
        confusableByDomain.put(domain, found);
        return found;
    }

    private Optional<String> lookalikeBySkeleton(String domain) {
        if (domainBySkeleton.isEmpty()) {
            synchronized (domainBySkeleton) {
                if (domainBySkeleton.isEmpty()) {
                    domains.keySet().forEach(d -> domainBySkeleton.putIfAbsent(skeleton(d), d));
                }
            }
        }
        String match = domainBySkeleton.get(skeleton(domain));
        return match == null || match.equals(domain) ? Optional.empty() : Optional.of(match);
    }

    private static String skeleton(String asciiDomain) {
        return SPOOF.getSkeleton(HostParser.toUnicode(asciiDomain));
    }

    /** An in-scope domain standing inside the host but not at its end ("allostreaming.com.evil.net"). */
    private Optional<String> embeddedInScopeDomain(String host) {
        // Candidates are label runs that start at a label boundary and end before the last label.
        int lastDot = host.lastIndexOf('.');
        for (int start = 0; start >= 0 && start < lastDot; start = nextLabel(host, start)) {
            for (int end = host.indexOf('.', host.indexOf('.', start) + 1); end > 0 && end <= lastDot;
                 end = host.indexOf('.', end + 1)) {
                String candidate = host.substring(start, end);
                if (domains.containsKey(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static int nextLabel(String host, int start) {
        int dot = host.indexOf('.', start);
        return dot < 0 ? -1 : dot + 1;
    }

    private static CanonicalUrl prefixUrl(ScopeEntry entry) {
        return ((UrlCanonicaliser.Result.Parsed) UrlCanonicaliser.canonicalise(entry.value())).url();
    }

    /** At a segment boundary: "/view/a/" and "/view/a" both cover "/view/a", "/view/a/x", never "/view/ab". */
    static boolean underPrefix(String path, String prefix) {
        String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return path.equals(base) || path.startsWith(base + "/");
    }
}
