package eu.delisting.gateway.scope;

/** Why a URL is not admitted; the same codes as the API's problem codes. */
public enum RefusalCode {
    INVALID_URL,
    OUT_OF_SCOPE
}
