package eu.delisting.gateway.orders;

public enum OrderStatus {
    ACTIVE, SUSPENDED, LIFTED, EXPIRED
}
