package eu.delisting.gateway.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import eu.delisting.gateway.scope.ScopeEntry;
import eu.delisting.gateway.scope.ScopeKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** An order as the API shows it, with its versions when read one at a time. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(String id, String reference, String court, String caseNumber, LocalDate decisionDate,
                        String legalBasis, @JsonProperty("final") boolean finalDecision, OrderStatus status,
                        int version, List<String> claimants, List<AddresseeView> addressees,
                        List<ScopeEntryView> scope, Set<String> territory, int complianceDays, String duration,
                        String timezone, Instant createdAt, List<VersionView> versions) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AddresseeView(String organisation, LocalDate notifiedOn, CostBearer costBearer) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScopeEntryView(ScopeKind kind, String value, String overrideReason) {
        static ScopeEntryView of(ScopeEntry e) {
            return new ScopeEntryView(e.kind(), e.value(), e.overrideReason());
        }
    }

    public record VersionView(int version, Instant effectiveAt, Instant recordedAt, String decisionReference,
                              String change, String publicSuffixListVersion, JsonNode order) {
    }

    static OrderView of(CourtOrder o, List<VersionView> versions) {
        return new OrderView(o.id(), o.reference(), o.court(), o.caseNumber(), o.decisionDate(), o.legalBasis(),
                o.isFinal(), o.status(), o.version(), o.claimants(),
                o.addressees().stream().map(a -> new AddresseeView(a.organisation(), a.notifiedOn(), a.costBearer()))
                        .toList(),
                o.scope().stream().map(ScopeEntryView::of).toList(), o.territory(), o.complianceDays(),
                o.duration().toString(), o.timezone().getId(), o.createdAt(), versions);
    }
}
