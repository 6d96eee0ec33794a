package eu.delisting.gateway.scope;

/** A parsed host in canonical form; {@code value} of an IPv6 host includes its brackets. */
public record Host(HostKind kind, String value) {
}
