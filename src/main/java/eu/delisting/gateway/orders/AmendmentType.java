package eu.delisting.gateway.orders;

public enum AmendmentType {
    SUSPEND, RESUME, LIFT, SET_COST_BEARER, SET_NOTIFICATION_DATE
}
