package eu.delisting.gateway.scope;

/** Whether a scope entry may stand in an order, and in which canonical form. */
public sealed interface EntryDecision {

    record Accepted(ScopeEntry entry) implements EntryDecision {
    }

    /**
     * @param code INVALID_ENTRY, NOT_REGISTRABLE, PROTECTED_INFRASTRUCTURE or OVERRIDE_REQUIRED
     */
    record Rejected(String code, String detail) implements EntryDecision {
    }
}
