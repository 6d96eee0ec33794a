package eu.delisting.gateway.webhooks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where the gateway may send a webhook: HTTPS, no user info, a host that resolves only to public addresses
 * (never loopback, private, link-local, shared or unique-local ones). Checked when subscribing and again before
 * every attempt, since what a name resolves to can change. A test-only setting admits {@code http} on loopback.
 */
final class Endpoints {

    private Endpoints() {
    }

    /** Why the URL is not a webhook endpoint as written (no resolution), if it is not. */
    static Optional<String> refusalOfShape(String url, boolean allowLoopback) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URI");
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            return Optional.of("is not an absolute URL with a host");
        }
        String scheme = uri.getScheme().toLowerCase();
        if (!scheme.equals("https") && !(allowLoopback && scheme.equals("http"))) {
            return Optional.of("must use https");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry user info");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not carry a fragment");
        }
        return Optional.empty();
    }

    /** The address to connect to for a URL, checked; or why none may be used. */
    record Target(InetAddress address, String refusal) {
    }

    /**
     * Resolves the URL's host once and checks every address it resolves to: all must be public (with the
     * test-only setting, loopback too, and plain {@code http} only to loopback). The caller connects to the
     * returned address, never resolving the name again, so a name cannot be re-pointed between the check and
     * the connection.
     */
    static Target resolve(String url, boolean allowLoopback) {
        URI uri = URI.create(url);
        String host = uri.getHost();
        boolean plainHttp = "http".equalsIgnoreCase(uri.getScheme());
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return new Target(null, "does not resolve");
        }
        for (InetAddress address : addresses) {
            if (allowLoopback && address.isLoopbackAddress()) {
                continue;
            }
            if (plainHttp) {
                return new Target(null, "must use https (plain http is for loopback test receivers only)");
            }
            Optional<String> refusal = nonPublic(address);
            if (refusal.isPresent()) {
                return new Target(null, "resolves to " + address.getHostAddress() + ", " + refusal.get());
            }
        }
        return new Target(addresses[0], null);
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> nonPublic(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return Optional.of("not a unicast host address");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (a.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("a unique local address");
            }
            // IPv4 carried in IPv6 (compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16): judge the IPv4 address.
            byte[] v4 = null;
            if (isZero(b, 0, 12)) {
                v4 = Arrays.copyOfRange(b, 12, 16);
            } else if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                    && isZero(b, 4, 12)) {
                v4 = Arrays.copyOfRange(b, 12, 16);
            } else if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                v4 = Arrays.copyOfRange(b, 2, 6);
            }
            if (v4 != null) {
                try {
                    return nonPublic(InetAddress.getByAddress(v4)).map(r -> r + " (carried in IPv6)");
                } catch (UnknownHostException e) {
                    return Optional.of("not a host address");
                }
            }
            return Optional.empty();
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 100 && (second & 0xc0) == 64) {
            return Optional.of("a shared (carrier-grade NAT) address");
        }
        if (first == 0 || first >= 240 || (first == 192 && second == 0 && (b[2] & 0xff) == 0)) {
            return Optional.of("not a host address");
        }
        if (first == 198 && (second & 0xfe) == 18) {
            return Optional.of("a benchmarking address");
        }
        return Optional.empty();
    }
}
