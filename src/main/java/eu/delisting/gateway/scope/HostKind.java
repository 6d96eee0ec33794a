package eu.delisting.gateway.scope;

public enum HostKind {
    /** A domain name, as lowercase A-labels. */
    DOMAIN_NAME,
    /** An IPv4 address in dotted decimal, whatever form it was filed in. */
    IPV4,
    /** An IPv6 address in brackets, compressed, lowercase. */
    IPV6
}
