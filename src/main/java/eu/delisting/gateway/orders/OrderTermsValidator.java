package eu.delisting.gateway.orders;

import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.scope.EntryDecision;
import eu.delisting.gateway.scope.ScopeEntry;
import eu.delisting.gateway.scope.ScopeKind;
import eu.delisting.gateway.tenants.Organisation;
import eu.delisting.gateway.tenants.OrganisationKind;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a filed order into valid {@link CourtOrder.Terms}, or names every field that is missing or
 * contradictory. Collects all errors before answering, so the operator fixes a draft in one pass.
 */
final class OrderTermsValidator {

    static final int MAX_TEXT = 500;
    static final int MAX_COMPLIANCE_DAYS = 3650;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final Function<String, Optional<Organisation>> organisations;
    private final Function<NewOrder.NewScopeEntry, EntryDecision> scopeEntries;
    private final List<FieldError> errors = new ArrayList<>();

    /**
     * @param organisations looks up a registered organisation by id
     * @param scopeEntries decides on one scope entry with the scope engine
     */
    OrderTermsValidator(Function<String, Optional<Organisation>> organisations,
                        Function<NewOrder.NewScopeEntry, EntryDecision> scopeEntries) {
        this.organisations = organisations;
        this.scopeEntries = scopeEntries;
    }

    private void reject(String field, String code, String detail) {
        errors.add(new FieldError(field, code, detail));
    }

    CourtOrder.Terms validate(NewOrder order) {
        if (order == null) {
            throw GatewayProblem.invalid(List.of(new FieldError("", "REQUIRED", "a JSON object is required")));
        }
        String reference = text("reference", order.reference());
        String court = text("court", order.court());
        String caseNumber = text("caseNumber", order.caseNumber());
        String legalBasis = text("legalBasis", order.legalBasis());
        LocalDate decisionDate = date("decisionDate", order.decisionDate(), true);

        List<String> claimants = claimants(order.claimants());
        List<CourtOrder.Addressee> addressees = addressees(order.addressees(), decisionDate);
        List<ScopeEntry> scope = scope(order.scope());
        Set<String> territory = territory(order.territory());

        Integer days = order.complianceDays();
        if (days == null) {
            reject("complianceDays", "REQUIRED", "complianceDays is required");
        } else if (days < 0 || days > MAX_COMPLIANCE_DAYS) {
            reject("complianceDays", "OUT_OF_RANGE", "complianceDays must be between 0 and " + MAX_COMPLIANCE_DAYS);
        }
        Period duration = duration(order.duration());
        ZoneId zone = zone(order.timezone());

        if (!errors.isEmpty()) {
            throw GatewayProblem.invalid(errors);
        }
        return new CourtOrder.Terms(reference, court, caseNumber, decisionDate, legalBasis,
                Boolean.TRUE.equals(order.finalDecision()), claimants, addressees, scope, territory, days,
                duration, zone);
    }

    private String text(String field, String value) {
        if (value == null || value.isBlank()) {
            reject(field, "REQUIRED", field + " is required");
            return null;
        }
        if (value.length() > MAX_TEXT) {
            reject(field, "TOO_LONG", field + " is at most " + MAX_TEXT + " characters");
        }
        return value.strip();
    }

    private LocalDate date(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                reject(field, "REQUIRED", field + " is required (YYYY-MM-DD)");
            }
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            reject(field, "INVALID_DATE", field + " must be a date as YYYY-MM-DD");
            return null;
        }
    }

    private List<String> claimants(List<String> claimants) {
        if (claimants == null || claimants.isEmpty()) {
            reject("claimants", "REQUIRED", "an order has at least one claimant");
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < claimants.size(); i++) {
            String field = "claimants[" + i + "]";
            String id = claimants.get(i);
            if (!seen.add(String.valueOf(id))) {
                reject(field, "DUPLICATE", "'" + id + "' is listed twice");
                continue;
            }
            expectKind(field, id, OrganisationKind.RIGHTS_HOLDER);
        }
        return List.copyOf(seen);
    }

    private List<CourtOrder.Addressee> addressees(List<NewOrder.NewAddressee> addressees, LocalDate decisionDate) {
        if (addressees == null || addressees.isEmpty()) {
            reject("addressees", "REQUIRED", "an order has at least one addressee");
            return List.of();
        }
        List<CourtOrder.Addressee> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < addressees.size(); i++) {
            String field = "addressees[" + i + "]";
            NewOrder.NewAddressee a = addressees.get(i);
            if (a == null) {
                reject(field, "REQUIRED", "an addressee is an object");
                continue;
            }
            if (!seen.add(String.valueOf(a.organisation()))) {
                reject(field + ".organisation", "DUPLICATE", "'" + a.organisation() + "' is listed twice");
                continue;
            }
            expectKind(field + ".organisation", a.organisation(), OrganisationKind.SEARCH_ENGINE);
            LocalDate notifiedOn = date(field + ".notifiedOn", a.notifiedOn(), false);
            if (notifiedOn != null && decisionDate != null && notifiedOn.isBefore(decisionDate)) {
                reject(field + ".notifiedOn", "BEFORE_DECISION", "an order cannot be served before it was made");
            }
            CostBearer bearer = null;
            if (a.costBearer() == null) {
                reject(field + ".costBearer", "REQUIRED", "costBearer is required: CLAIMANTS or ADDRESSEE");
            } else {
                try {
                    bearer = CostBearer.valueOf(a.costBearer());
                } catch (IllegalArgumentException e) {
                    reject(field + ".costBearer", "UNKNOWN_VALUE", "costBearer must be CLAIMANTS or ADDRESSEE");
                }
            }
            result.add(new CourtOrder.Addressee(a.organisation(), notifiedOn, bearer));
        }
        return result;
    }

    private void expectKind(String field, String id, OrganisationKind kind) {
        if (id == null || id.isBlank()) {
            reject(field, "REQUIRED", "an organisation id is required");
            return;
        }
        Optional<Organisation> org = organisations.apply(id);
        if (org.isEmpty()) {
            reject(field, "UNKNOWN_ORGANISATION", "'" + id + "' is not a registered organisation");
        } else if (org.get().kind() != kind) {
            reject(field, "WRONG_KIND", "'" + id + "' is a " + org.get().kind() + ", not a " + kind);
        }
    }

    private List<ScopeEntry> scope(List<NewOrder.NewScopeEntry> scope) {
        if (scope == null || scope.isEmpty()) {
            reject("scope", "REQUIRED", "an order covers at least one scope entry");
            return List.of();
        }
        List<ScopeEntry> result = new ArrayList<>();
        Set<ScopeEntry> seen = new HashSet<>();
        for (int i = 0; i < scope.size(); i++) {
            String field = "scope[" + i + "]";
            NewOrder.NewScopeEntry entry = scope.get(i);
            if (entry == null) {
                reject(field, "REQUIRED", "a scope entry is an object");
                continue;
            }
            boolean ok = true;
            if (entry.kind() == null) {
                reject(field + ".kind", "REQUIRED", "kind is required: DOMAIN, HOST or URL_PREFIX");
                ok = false;
            } else {
                try {
                    ScopeKind.valueOf(entry.kind());
                } catch (IllegalArgumentException e) {
                    reject(field + ".kind", "UNKNOWN_VALUE", "kind must be DOMAIN, HOST or URL_PREFIX");
                    ok = false;
                }
            }
            if (entry.value() == null || entry.value().isBlank()) {
                reject(field + ".value", "REQUIRED", "value is required");
                ok = false;
            }
            if (!ok) {
                continue;
            }
            switch (scopeEntries.apply(entry)) {
                case EntryDecision.Rejected rejected -> reject(field + ".value", rejected.code(), rejected.detail());
                case EntryDecision.Accepted accepted -> {
                    ScopeEntry canonical = accepted.entry();
                    if (!seen.add(new ScopeEntry(canonical.kind(), canonical.value(), null))) {
                        reject(field + ".value", "DUPLICATE", "'" + canonical.value() + "' is already in scope");
                    } else {
                        result.add(canonical);
                    }
                }
            }
        }
        return result;
    }

    private Set<String> territory(List<String> territory) {
        if (territory == null || territory.isEmpty()) {
            reject("territory", "REQUIRED", "territory lists at least one ISO 3166 country code");
            return Set.of();
        }
        Set<String> result = new LinkedHashSet<>();
        for (int i = 0; i < territory.size(); i++) {
            String code = territory.get(i);
            if (code == null || !COUNTRIES.contains(code)) {
                reject("territory[" + i + "]", "UNKNOWN_COUNTRY", "'" + code + "' is not an ISO 3166 alpha-2 code");
            } else {
                result.add(code);
            }
        }
        return result;
    }

    private Period duration(String value) {
        if (value == null || value.isBlank()) {
            reject("duration", "REQUIRED", "duration is required as an ISO-8601 period, such as P1Y");
            return null;
        }
        try {
            Period period = Period.parse(value);
            if (period.isNegative() || period.isZero()) {
                reject("duration", "OUT_OF_RANGE", "duration must be positive");
            }
            return period;
        } catch (DateTimeParseException e) {
            reject("duration", "INVALID_PERIOD", "duration must be an ISO-8601 period, such as P1Y");
            return null;
        }
    }

    private ZoneId zone(String value) {
        if (value == null || value.isBlank()) {
            reject("timezone", "REQUIRED", "timezone is required as an IANA zone, such as Europe/Paris");
            return null;
        }
        try {
            if (!ZoneId.getAvailableZoneIds().contains(value)) {
                throw new DateTimeException(value);
            }
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            reject("timezone", "UNKNOWN_ZONE", "'" + value + "' is not an IANA time zone");
            return null;
        }
    }
}
