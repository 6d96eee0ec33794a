package eu.delisting.gateway.scope;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The Public Suffix List (ICANN and private sections), read from its published text format. Answers
 * "what is the registrable domain of this host?" with the standard algorithm: the longest matching
 * rule wins, exception rules beat wildcards, and an unlisted TLD is a suffix by the implicit "*" rule.
 */
public final class PublicSuffixList {

    private final Set<String> rules = new HashSet<>();
    private final Set<String> wildcards = new HashSet<>();
    private final Set<String> exceptions = new HashSet<>();
    private final String version;

    private PublicSuffixList(String version) {
        this.version = version;
    }

    /** Parses the list's text; rules are converted to A-labels so that they compare with canonical hosts. */
    public static PublicSuffixList parse(String text, String version) {
        PublicSuffixList list = new PublicSuffixList(version);
        for (String line : text.split("\n")) {
            String rule = line.strip();
            int space = rule.indexOf(' ');
            if (space >= 0) {
                rule = rule.substring(0, space);
            }
            if (rule.isEmpty() || rule.startsWith("//")) {
                continue;
            }
            if (rule.startsWith("!")) {
                list.exceptions.add(ascii(rule.substring(1)));
            } else if (rule.startsWith("*.")) {
                list.wildcards.add(ascii(rule.substring(2)));
            } else {
                list.rules.add(ascii(rule));
            }
        }
        return list;
    }

    private static String ascii(String rule) {
        try {
            return HostParser.domainToAscii(rule);
        } catch (HostParser.InvalidHost e) {
            throw new IllegalArgumentException("Invalid public suffix rule: " + rule, e);
        }
    }

    public String version() {
        return version;
    }

    public int size() {
        return rules.size() + wildcards.size() + exceptions.size();
    }

    /** The public suffix of a canonical domain host. */
    public String publicSuffix(String host) {
        int start = 0;
        while (true) {
            String candidate = host.substring(start);
            if (exceptions.contains(candidate)) {
                int dot = candidate.indexOf('.');
                return dot < 0 ? candidate : candidate.substring(dot + 1);
            }
            if (rules.contains(candidate)) {
                return candidate;
            }
            int dot = candidate.indexOf('.');
            if (dot < 0) {
                return candidate;
            }
            if (wildcards.contains(candidate.substring(dot + 1))) {
                return candidate;
            }
            start += dot + 1;
        }
    }

    /** The registrable domain (public suffix plus one label), or empty when the host is itself a suffix. */
    public Optional<String> registrableDomain(String host) {
        String suffix = publicSuffix(host);
        if (suffix.length() >= host.length()) {
            return Optional.empty();
        }
        String rest = host.substring(0, host.length() - suffix.length() - 1);
        int dot = rest.lastIndexOf('.');
        return Optional.of(rest.substring(dot + 1) + "." + suffix);
    }

    public boolean isPublicSuffix(String host) {
        return publicSuffix(host).equals(host);
    }
}
