package eu.delisting.gateway.scope;

import java.util.List;
import java.util.Optional;

/**
 * IP addresses that are never a legitimate delisting target: nothing a search engine indexes lives at a
 * loopback, private, link-local, shared (carrier-grade NAT) or otherwise non-public address, and a public
 * DNS resolver serves everyone. A URL on one is refused {@code INVALID_TARGET}, whatever the order covers.
 * Pure: the canonical host is parsed here, nothing is resolved.
 */
public final class NonPublicAddresses {

    private record V4Range(long base, int bits, String what) {
        boolean contains(long address) {
            long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            return (address & mask) == (base & mask);
        }
    }

    private static final List<V4Range> V4 = List.of(
            v4("0.0.0.0", 8, "an unspecified (\"this network\") address"),
            v4("10.0.0.0", 8, "a private address"),
            v4("100.64.0.0", 10, "a shared (carrier-grade NAT) address"),
            v4("127.0.0.0", 8, "a loopback address"),
            v4("169.254.0.0", 16, "a link-local address"),
            v4("172.16.0.0", 12, "a private address"),
            v4("192.0.0.0", 24, "an IETF protocol assignment"),
            v4("192.0.2.0", 24, "a documentation address"),
            v4("192.168.0.0", 16, "a private address"),
            v4("198.18.0.0", 15, "a benchmarking address"),
            v4("198.51.100.0", 24, "a documentation address"),
            v4("203.0.113.0", 24, "a documentation address"),
            v4("224.0.0.0", 4, "a multicast address"),
            v4("240.0.0.0", 4, "a reserved address"),
            v4("1.1.1.1", 32, "a public DNS resolver"),
            v4("1.0.0.1", 32, "a public DNS resolver"),
            v4("8.8.8.8", 32, "a public DNS resolver"),
            v4("8.8.4.4", 32, "a public DNS resolver"),
            v4("9.9.9.9", 32, "a public DNS resolver"),
            v4("149.112.112.112", 32, "a public DNS resolver"),
            v4("208.67.222.222", 32, "a public DNS resolver"),
            v4("208.67.220.220", 32, "a public DNS resolver"));

    private static final List<String> V6_RESOLVERS = List.of("2001:4860:4860::8888", "2001:4860:4860::8844",
            "2606:4700:4700::1111", "2606:4700:4700::1001", "2620:fe::fe", "2620:fe::9");

    private NonPublicAddresses() {
    }

    /** Why this URL's host is not a delisting target, if it is an IP address that is not one. */
    public static Optional<String> refusal(CanonicalUrl url) {
        return refusal(url.hostKind(), url.host());
    }

    /** Why this canonical host is not a delisting target, if it is an IP address that is not one. */
    public static Optional<String> refusal(HostKind kind, String host) {
        return switch (kind) {
            case DOMAIN_NAME -> Optional.empty();
            case IPV4 -> v4(parseV4(host));
            case IPV6 -> v6(host.substring(1, host.length() - 1));
        };
    }

    private static Optional<String> v4(long address) {
        return V4.stream().filter(r -> r.contains(address)).findFirst().map(V4Range::what);
    }

    private static Optional<String> v6(String text) {
        int[] groups = parseV6(text);
        boolean allZeroButLast = true;
        for (int i = 0; i < 7; i++) {
            allZeroButLast &= groups[i] == 0;
        }
        if (allZeroButLast && groups[7] == 0) {
            return Optional.of("an unspecified address");
        }
        if (allZeroButLast && groups[7] == 1) {
            return Optional.of("a loopback address");
        }
        boolean firstFiveZero = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0;
        if (firstFiveZero && groups[5] == 0xFFFF) {
            // IPv4-mapped (::ffff:a.b.c.d): the IPv4 address decides.
            return v4(((long) groups[6] << 16) | groups[7]);
        }
        if (firstFiveZero && groups[5] == 0) {
            // IPv4-compatible (::a.b.c.d), deprecated since 2006: no site is reached that way.
            return v4(((long) groups[6] << 16) | groups[7]).or(() -> Optional.of("an IPv4-compatible address"));
        }
        if (groups[0] == 0x0064 && groups[1] == 0xFF9B) {
            // NAT64 (64:ff9b::/96) embeds the IPv4 address it reaches.
            return v4(((long) groups[6] << 16) | groups[7]);
        }
        if (groups[0] == 0x2002) {
            // 6to4 (2002::/16) embeds the IPv4 address of the tunnel end.
            return v4(((long) groups[1] << 16) | groups[2]);
        }
        if (groups[0] == 0x2001 && groups[1] == 0) {
            return Optional.of("a Teredo tunnel address");
        }
        if ((groups[0] & 0xFFC0) == 0xFEC0) {
            return Optional.of("a site-local address");
        }
        if ((groups[0] & 0xFE00) == 0xFC00) {
            return Optional.of("a unique local (private) address");
        }
        if ((groups[0] & 0xFFC0) == 0xFE80) {
            return Optional.of("a link-local address");
        }
        if ((groups[0] & 0xFF00) == 0xFF00) {
            return Optional.of("a multicast address");
        }
        if (groups[0] == 0x2001 && groups[1] == 0x0DB8) {
            return Optional.of("a documentation address");
        }
        for (String resolver : V6_RESOLVERS) {
            if (java.util.Arrays.equals(groups, parseV6(resolver))) {
                return Optional.of("a public DNS resolver");
            }
        }
        return Optional.empty();
    }

    private static V4Range v4(String base, int bits, String what) {
        return new V4Range(parseV4(base), bits, what);
    }

    /** A canonical dotted-decimal IPv4 address as a number. */
    private static long parseV4(String dotted) {
        long value = 0;
        for (String part : dotted.split("\\.")) {
            value = (value << 8) | Integer.parseInt(part);
        }
        return value;
    }

    /** A canonical (WHATWG-serialised) IPv6 address as its eight 16-bit groups. */
    private static int[] parseV6(String text) {
        int[] groups = new int[8];
        int gap = text.indexOf("::");
        String[] head = gap < 0 ? text.split(":") : text.substring(0, gap).isEmpty() ? new String[0]
                : text.substring(0, gap).split(":");
        String[] tail = gap < 0 ? new String[0] : text.substring(gap + 2).isEmpty() ? new String[0]
                : text.substring(gap + 2).split(":");
        for (int i = 0; i < head.length; i++) {
            groups[i] = Integer.parseInt(head[i], 16);
        }
        for (int i = 0; i < tail.length; i++) {
            groups[8 - tail.length + i] = Integer.parseInt(tail[i], 16);
        }
        return groups;
    }
}
