package eu.delisting.gateway.scope;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Public Suffix List (ICANN and private sections), read from its published text format. Answers
 * "what is the registrable domain of this host?" with the standard algorithm: the longest matching
 * rule wins, exception rules beat wildcards, and an unlisted TLD is a suffix by the implicit "*" rule.
 */
public final class PublicSuffixList {

    private static final int RULE = 1;
    private static final int WILDCARD = 2;
    private static final int EXCEPTION = 4;

    /** One lookup per label: each name maps to the kinds of rule that name it. */
    private final Map<String, Integer> rules = new HashMap<>();
    private final String version;

    private PublicSuffixList(String version) {
        this.version = version;
    }

    /** Parses the list's text; rules are converted to A-labels so that they compare with canonical hosts. */
    /**
     * The list as publicsuffix.org publishes it, its version read from its own header ({@code // VERSION:} and
     * {@code // COMMIT:}); {@code fallback} names a file without that header.
     */
    public static PublicSuffixList parseVersioned(String text, String fallback) {
        String version = null;
        String commit = null;
        for (String line : text.lines().limit(40).toList()) {
            if (line.startsWith("// VERSION:")) {
                version = line.substring("// VERSION:".length()).strip();
            } else if (line.startsWith("// COMMIT:")) {
                commit = line.substring("// COMMIT:".length()).strip();
            }
        }
        String named = version == null ? fallback
                : version + (commit == null ? "" : " (" + commit.substring(0, Math.min(12, commit.length())) + ")");
        return parse(text, named);
    }

    /**
     * When the list was published, from a version such as {@code 2025-11-27_13-27-58_UTC (d3567de748c6)};
     * empty for a list whose header names none.
     */
    public java.util.Optional<java.time.Instant> publishedAt() {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("^(\\d{4})-(\\d{2})-(\\d{2})_(\\d{2})-(\\d{2})-(\\d{2})_UTC").matcher(version);
        if (!m.find()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(java.time.Instant.parse(m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "T"
                + m.group(4) + ":" + m.group(5) + ":" + m.group(6) + "Z"));
    }

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
                list.rules.merge(ascii(rule.substring(1)), EXCEPTION, (a, b) -> a | b);
            } else if (rule.startsWith("*.")) {
                list.rules.merge(ascii(rule.substring(2)), WILDCARD, (a, b) -> a | b);
            } else {
                list.rules.merge(ascii(rule), RULE, (a, b) -> a | b);
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
        return rules.values().stream().mapToInt(Integer::bitCount).sum();
    }

    /** The public suffix of a canonical domain host. */
    public String publicSuffix(String host) {
        String candidate = host;
        int flags = rules.getOrDefault(candidate, 0);
        while (true) {
            int dot = candidate.indexOf('.');
            if ((flags & EXCEPTION) != 0) {
                return dot < 0 ? candidate : candidate.substring(dot + 1);
            }
            if ((flags & RULE) != 0 || dot < 0) {
                return candidate;
            }
            String parent = candidate.substring(dot + 1);
            int parentFlags = rules.getOrDefault(parent, 0);
            if ((parentFlags & WILDCARD) != 0) {
                return candidate;
            }
            candidate = parent;
            flags = parentFlags;
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
