package eu.delisting.gateway.orders;

public enum PartyRole {
    CLAIMANT, ADDRESSEE
}
