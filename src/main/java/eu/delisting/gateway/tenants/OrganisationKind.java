package eu.delisting.gateway.tenants;

/** What an organisation is to the gateway; each kind goes with one role in its tokens. */
public enum OrganisationKind {
    RIGHTS_HOLDER(Role.RIGHTS_HOLDER),
    SEARCH_ENGINE(Role.SEARCH_ENGINE),
    AUDITOR(Role.AUDITOR),
    AUTHORITY(Role.AUTHORITY),
    OPERATOR(Role.OPERATOR),
    /** Files for rights holders (its principals) under their mandates; reads what it filed for them. */
    AGENT(Role.AGENT);

    private final String role;

    OrganisationKind(String role) {
        this.role = role;
    }

    public String role() {
        return role;
    }

    static java.util.Optional<OrganisationKind> parse(String value) {
        for (OrganisationKind kind : values()) {
            if (kind.name().equals(value)) {
                return java.util.Optional.of(kind);
            }
        }
        return java.util.Optional.empty();
    }
}
