package eu.delisting.gateway.orders;

import eu.delisting.gateway.hashing.Sha256;
import eu.delisting.gateway.scope.EntryDecision;
import eu.delisting.gateway.scope.HostParser;
import eu.delisting.gateway.scope.OrderScope;
import eu.delisting.gateway.scope.ProtectedInfrastructure;
import eu.delisting.gateway.scope.PublicSuffixList;
import eu.delisting.gateway.scope.ScopeEntries;
import eu.delisting.gateway.scope.ScopeEntry;
import eu.delisting.gateway.scope.ScopeKind;
import eu.delisting.gateway.scope.ScopeMatcher;
import eu.delisting.gateway.scope.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scope engine as the application uses it: the Public Suffix List (bundled, or the operator's file), the configured
 * protected infrastructure, and each order version's indexed scope, built once and kept (an order
 * version never changes, so its scope can be cached by id and version).
 */
@ApplicationScoped
public class ScopeRules {

    private static final Logger LOG = Logger.getLogger(ScopeRules.class);

    /** publicsuffix.org's list as crawler-commons bundles it (see pom.xml). */
    static final String BUNDLED_LIST = "effective_tld_names.dat";

    /** The width of order_version.public_suffix_list_version (migration V7). */
    private static final int MAX_VERSION_LENGTH = 100;

    private final PublicSuffixList psl;
    private final java.time.Duration maxAge;
    private final ProtectedInfrastructure protectedInfrastructure;
    private final Map<String, OrderScope> scopes = new ConcurrentHashMap<>();

    ScopeRules(ScopeConfig config) {
        this.psl = config.publicSuffixList()
                .map(file -> {
                    String text = readFile(file);
                    return PublicSuffixList.parseVersioned(text, "sha256:" + Sha256.hex(text).substring(0, 16));
                })
                .orElseGet(() -> {
                    String text = read(BUNDLED_LIST);
                    return PublicSuffixList.parseVersioned(text, "sha256:" + Sha256.hex(text).substring(0, 16));
                });
        if (psl.version().length() > MAX_VERSION_LENGTH) {
            throw new IllegalStateException("The Public Suffix List's version '" + psl.version() + "' is longer than "
                    + MAX_VERSION_LENGTH + " characters: every order version records it");
        }
        this.maxAge = config.publicSuffixListMaxAge();
        Set<String> suffixes = new HashSet<>();
        for (String suffix : config.protectedInfrastructure()) {
            try {
                suffixes.add(HostParser.parse(suffix.strip()).value());
            } catch (HostParser.InvalidHost e) {
                throw new IllegalArgumentException("gateway.scope.protected-infrastructure: '" + suffix
                        + "' is not a host: " + e.getMessage());
            }
        }
        this.protectedInfrastructure = new ProtectedInfrastructure(suffixes);
        LOG.infof("Scope engine: Public Suffix List %s (%d rules), %d protected infrastructure suffixes",
                psl.version(), psl.size(), suffixes.size());
        if (isStale(java.time.Instant.now())) {
            LOG.warnf("The Public Suffix List %s is older than %s: registrable domains added since are unknown;"
                    + " set GATEWAY_SCOPE_PUBLIC_SUFFIX_LIST to a current public_suffix_list.dat", psl.version(), maxAge);
        }
    }

    public String publicSuffixListVersion() {
        return psl.version();
    }

    /** When the list in use was published, if its header says. */
    public java.util.Optional<java.time.Instant> publicSuffixListPublishedAt() {
        return psl.publishedAt();
    }

    /** Whether the list is older than the configured maximum age (or its age is unknown). */
    public boolean isStale(java.time.Instant now) {
        return psl.publishedAt().map(at -> at.plus(maxAge).isBefore(now)).orElse(true);
    }

    java.util.Optional<String> registrableDomain(String host) {
        return psl.registrableDomain(host);
    }

    EntryDecision canonicalEntry(ScopeKind kind, String value, String overrideReason) {
        return ScopeEntries.canonicalise(kind, value, overrideReason, psl, protectedInfrastructure);
    }

    /** Decides on each URL, in order, against the scope of this order version. */
    public List<Verdict> decide(String orderId, int version, List<ScopeEntry> entries, List<String> urls) {
        OrderScope scope = scopes.computeIfAbsent(orderId + "@" + version,
                key -> OrderScope.of(entries, psl, protectedInfrastructure));
        return urls.stream().map(url -> ScopeMatcher.decide(scope, url)).toList();
    }

    private static String readFile(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("gateway.scope.public-suffix-list: cannot read " + file, e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
