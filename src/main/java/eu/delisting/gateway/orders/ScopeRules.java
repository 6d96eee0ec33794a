package eu.delisting.gateway.orders;

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
 * The scope engine as the application uses it: the bundled Public Suffix List, the configured
 * protected infrastructure, and each order version's indexed scope, built once and kept (an order
 * version never changes, so its scope can be cached by id and version).
 */
@ApplicationScoped
public class ScopeRules {

    private static final Logger LOG = Logger.getLogger(ScopeRules.class);

    private final PublicSuffixList psl;
    private final ProtectedInfrastructure protectedInfrastructure;
    private final Map<String, OrderScope> scopes = new ConcurrentHashMap<>();

    ScopeRules(ScopeConfig config) {
        this.psl = PublicSuffixList.parse(read(config.publicSuffixList()), read(config.publicSuffixListVersion()).strip());
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
    }

    public String publicSuffixListVersion() {
        return psl.version();
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
