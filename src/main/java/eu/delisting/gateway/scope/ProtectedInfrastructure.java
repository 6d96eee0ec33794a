package eu.delisting.gateway.scope;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Shared platforms, CDNs and public resolvers that a court order must never sweep up whole. A host
 * is protected when it equals a listed suffix or lies under it.
 */
public final class ProtectedInfrastructure {

    private final Set<String> suffixes;

    public ProtectedInfrastructure(Set<String> suffixes) {
        this.suffixes = Set.copyOf(suffixes);
    }

    public static ProtectedInfrastructure none() {
        return new ProtectedInfrastructure(Set.of());
    }

    /** The listed suffix covering this canonical host, if any. */
    public Optional<String> covering(String host) {
        String candidate = host;
        while (true) {
            if (suffixes.contains(candidate)) {
                return Optional.of(candidate);
            }
            int dot = candidate.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            candidate = candidate.substring(dot + 1);
        }
    }

    public Set<String> suffixes() {
        return new TreeSet<>(suffixes);
    }
}
