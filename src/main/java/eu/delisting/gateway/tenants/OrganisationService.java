package eu.delisting.gateway.tenants;

import jakarta.persistence.PersistenceException;
import eu.delisting.gateway.problems.FreeText;
import eu.delisting.gateway.database.DatabaseFailure;
import eu.delisting.gateway.database.Retried;
import eu.delisting.gateway.audit.Actor;
import eu.delisting.gateway.audit.AuditLog;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Registers organisations and answers who they are; the only door to the organisation table. */
@ApplicationScoped
public class OrganisationService {

    /** Lowercase letters, digits and inner hyphens, 2 to 63 characters: safe in a token claim and a URL. */
    static final int MAX_NAME = 200;
    static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])");

    private final OrganisationRepository organisations;
    private final AuditLog audit;
    private final Clock clock;

    OrganisationService(OrganisationRepository organisations, AuditLog audit, Clock clock) {
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
    }

    public record Registration(String id, String name, String kind) {
    }

    @Retried
    @Transactional
    public Organisation register(Registration registration, Actor actor) {
        List<FieldError> errors = new ArrayList<>();
        if (registration == null) {
            throw GatewayProblem.invalid(List.of(new FieldError("", "REQUIRED", "a JSON object is required")));
        }
        if (registration.id() == null || registration.id().isBlank()) {
            errors.add(new FieldError("id", "REQUIRED", "id is required"));
        } else if (!SLUG.matcher(registration.id()).matches()) {
            errors.add(new FieldError("id", "INVALID_SLUG",
                    "id must be 2 to 63 lowercase letters, digits or inner hyphens"));
        }
        if (registration.name() == null || registration.name().isBlank()) {
            errors.add(new FieldError("name", "REQUIRED", "name is required"));
        } else {
            FreeText.check("name", registration.name(), MAX_NAME, errors);
        }
        Optional<OrganisationKind> kind = Optional.empty();
        if (registration.kind() == null) {
            errors.add(new FieldError("kind", "REQUIRED", "kind is required"));
        } else {
            kind = OrganisationKind.parse(registration.kind());
            if (kind.isEmpty()) {
                errors.add(new FieldError("kind", "UNKNOWN_VALUE",
                        "kind must be one of " + java.util.Arrays.toString(OrganisationKind.values())));
            }
        }
        if (!errors.isEmpty()) {
            throw GatewayProblem.invalid(errors);
        }
        if (organisations.findByIdOptional(registration.id()).isPresent()) {
            throw new GatewayProblem(ProblemCode.ALREADY_EXISTS,
                    "An organisation with id '" + registration.id() + "' is already registered");
        }
        Organisation organisation = new Organisation(registration.id(), registration.name().strip(), kind.get(),
                clock.instant());
        try {
            organisations.persist(organisation);
            organisations.flush();
        } catch (PersistenceException e) {
            // Registered by a concurrent request between the check above and this insert.
            if (DatabaseFailure.of(e).filter(f -> f == DatabaseFailure.DUPLICATE).isPresent()) {
                throw new GatewayProblem(ProblemCode.ALREADY_EXISTS,
                        "An organisation with id '" + registration.id() + "' is already registered");
            }
            throw e;
        }
        audit.record(actor, "ORGANISATION_REGISTERED", "organisation", organisation.id(), null,
                Map.of("kind", organisation.kind().name(), "name", organisation.name()));
        return organisation;
    }

    public Optional<Organisation> find(String id) {
        return id == null ? Optional.empty() : organisations.findByIdOptional(id);
    }

    public List<Organisation> all() {
        return organisations.listByName();
    }
}
