package eu.delisting.gateway.orders;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * An order as the operator files it. Dates, enums, periods and zones arrive as text so that a bad
 * value is answered field by field (422) rather than as unreadable JSON (400).
 */
public record NewOrder(String reference, String court, String caseNumber, String decisionDate, String legalBasis,
                       @JsonProperty("final") Boolean finalDecision, List<String> claimants,
                       List<NewAddressee> addressees, List<NewScopeEntry> scope, List<String> territory,
                       Integer complianceDays, String duration, String timezone) {

    public record NewAddressee(String organisation, String notifiedOn, String costBearer) {
    }

    public record NewScopeEntry(String kind, String value, String overrideReason) {
    }
}
