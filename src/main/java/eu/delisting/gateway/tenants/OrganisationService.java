package eu.delisting.gateway.tenants;

import jakarta.persistence.PersistenceException;
import eu.delisting.gateway.database.DatabaseFailure;
import eu.delisting.gateway.database.Retried;
import eu.delisting.gateway.audit.Actor;
import eu.delisting.gateway.audit.AuditLog;
import eu.delisting.gateway.problems.OneOf;
import eu.delisting.gateway.problems.Slug;
import eu.delisting.gateway.problems.Text;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registers organisations and answers who they are; the only door to the organisation table. */
@ApplicationScoped
public class OrganisationService {

    /** Lowercase letters, digits and inner hyphens, 2 to 63 characters: safe in a token claim and a URL. */
    static final int MAX_NAME = 200;

    private final OrganisationRepository organisations;
    private final AuditLog audit;
    private final Clock clock;

    OrganisationService(OrganisationRepository organisations, AuditLog audit, Clock clock) {
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
    }

    /** An organisation as the operator registers it; its shape is checked by the constraints. */
    public record Registration(
            @NotBlank(message = "REQUIRED: id is required") @Slug String id,
            @NotBlank(message = "REQUIRED: name is required") @Text(max = MAX_NAME) String name,
            @NotNull(message = "REQUIRED: kind is required") @OneOf(OrganisationKind.class) String kind) {
    }

    @Retried
    @Transactional
    public Organisation register(@NotNull(message = "REQUIRED: a JSON object is required") @Valid Registration registration,
                                 Actor actor) {
        if (organisations.findByIdOptional(registration.id()).isPresent()) {
            throw new GatewayProblem(ProblemCode.ALREADY_EXISTS,
                    "An organisation with id '" + registration.id() + "' is already registered");
        }
        Organisation organisation = new Organisation(registration.id(), registration.name().strip(), OrganisationKind.valueOf(registration.kind()),
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

    /**
     * Why {@code id}, given in {@code field}, is not a registered organisation of {@code kind}, if it is not:
     * {@code UNKNOWN_ORGANISATION} or {@code WRONG_KIND}.
     */
    public Optional<FieldError> kindError(String field, String id, OrganisationKind kind) {
        Optional<Organisation> found = find(id);
        if (found.isEmpty()) {
            return Optional.of(new FieldError(field, "UNKNOWN_ORGANISATION", "'" + id + "' is not a registered organisation"));
        }
        if (found.get().kind() != kind) {
            return Optional.of(new FieldError(field, "WRONG_KIND", "'" + id + "' is a " + found.get().kind() + ", not "
                    + (kind.name().matches("^[AEIOU].*") ? "an " : "a ") + kind));
        }
        return Optional.empty();
    }

    public Optional<Organisation> find(String id) {
        return id == null ? Optional.empty() : organisations.findByIdOptional(id);
    }

    public List<Organisation> all() {
        return organisations.listByName();
    }
}
