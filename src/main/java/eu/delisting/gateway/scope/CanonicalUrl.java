package eu.delisting.gateway.scope;

/**
 * A URL in the one form the gateway compares: http or https, host as lowercase A-labels (or a
 * normalised IP literal) with one trailing dot dropped, no userinfo, no default port, dot segments
 * resolved, unreserved percent-encodings decoded, fragment dropped, query kept.
 *
 * @param port the explicit non-default port, or -1
 * @param query the query without its '?', or null when there is none
 */
public record CanonicalUrl(String scheme, String host, HostKind hostKind, int port, String path, String query) {

    /** Host plus non-default port: what identifies a site regardless of scheme. */
    public String authority() {
        return port < 0 ? host : host + ":" + port;
    }

    @Override
    public String toString() {
        return scheme + "://" + authority() + path + (query == null ? "" : "?" + query);
    }
}
