package eu.delisting.gateway.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
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

    /**
     * Why the URL's host may not be called now, if it may not: it resolves to a non-public address (with the
     * test-only setting: to anything but loopback for {@code http}, or to a non-public, non-loopback address).
     */
    static Optional<String> refusalOfAddresses(String url, boolean allowLoopback) {
        URI uri = URI.create(url);
        String host = uri.getHost();
        boolean plainHttp = "http".equalsIgnoreCase(uri.getScheme());
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.of("does not resolve");
        }
        for (InetAddress address : addresses) {
            if (allowLoopback && address.isLoopbackAddress()) {
                continue;
            }
            if (plainHttp) {
                return Optional.of("must use https (plain http is for loopback test receivers only)");
            }
            Optional<String> refusal = nonPublic(address);
            if (refusal.isPresent()) {
                return Optional.of("resolves to " + address.getHostAddress() + ", " + refusal.get());
            }
        }
        return Optional.empty();
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
        if (a instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
            return Optional.of("a shared (carrier-grade NAT) address");
        }
        if (a instanceof Inet4Address && (b[0] & 0xff) == 0) {
            return Optional.of("not a host address");
        }
        if (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return Optional.of("a unique local address");
        }
        return Optional.empty();
    }
}
