package eu.delisting.gateway.scope;

/** Why a URL is not admitted; the same codes as the API's problem codes. */
public enum RefusalCode {
    INVALID_URL,
    /** An IP address that is never a delisting target (loopback, private, link-local, shared, a public resolver). */
    INVALID_TARGET,
    OUT_OF_SCOPE
}
