package eu.delisting.gateway.orders;

/** Who pays for an addressee's measures: the claimants (first instance) or the addressee itself. */
public enum CostBearer {
    CLAIMANTS, ADDRESSEE
}
