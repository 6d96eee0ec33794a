package eu.delisting.gateway.scope;

/** The three ways an order names what it covers (DESIGN section 3). */
public enum ScopeKind {
    /** A registrable domain and every subdomain: "any page of the site". */
    DOMAIN,
    /** Exactly one host. */
    HOST,
    /** One host, and paths under a prefix at a segment boundary. */
    URL_PREFIX
}
