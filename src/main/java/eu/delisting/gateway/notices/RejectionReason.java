package eu.delisting.gateway.notices;

public enum RejectionReason {
    NOT_INDEXED, ALREADY_DELISTED, NOT_IN_SCOPE, TECHNICAL_IMPOSSIBILITY, OTHER
}
