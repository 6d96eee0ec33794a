package eu.delisting.gateway.tenants;

/** Realm roles carried by tokens; constants so that {@code @RolesAllowed} can name them. */
public final class Role {
    public static final String OPERATOR = "operator";
    public static final String AUTHORITY = "authority";
    public static final String RIGHTS_HOLDER = "rights-holder";
    public static final String SEARCH_ENGINE = "search-engine";
    public static final String AUDITOR = "auditor";
    /** An organisation filing for rights holders under their mandates (an anti-piracy agent). */
    public static final String AGENT = "agent";

    private Role() {
    }
}
