package eu.delisting.gateway.audit;

/** Who made a change: the organisation and the token subject, or the gateway itself. */
public record Actor(String organisation, String subject) {

    public static Actor system(String what) {
        return new Actor("gateway", what);
    }
}
