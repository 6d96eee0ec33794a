package eu.delisting.gateway.tenants;

import eu.delisting.gateway.audit.Actor;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.problems.SecurityEvents;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * Who is calling: the organisation named by the verified token, and its roles. Resolved once per
 * request; every query that reads tenant data is given it.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final TenantsConfig config;
    private String organisation;

    Caller(SecurityIdentity identity, TenantsConfig config) {
        this.identity = identity;
        this.config = config;
    }

    /**
     * A caller recorded earlier and acting now in background work (an import's filings): the organisation,
     * subject and roles it had when it asked for the work, as the audit log and every rule will see them.
     */
    public static Caller recorded(String organisation, String subject, Set<String> roles) {
        Caller caller = new Caller(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(subject))
                .addRoles(roles).build(), null);
        caller.organisation = organisation;
        return caller;
    }

    /** The caller's organisation id; a token that names none is not a token for this gateway. */
    public String organisation() {
        if (organisation == null) {
            organisation = resolveOrganisation();
        }
        return organisation;
    }

    public String subject() {
        return identity.getPrincipal() == null ? null : identity.getPrincipal().getName();
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    /** The caller as the audit log records it. */
    public Actor actor() {
        return new Actor(organisation(), subject());
    }

    public boolean isOperator() {
        return is(Role.OPERATOR);
    }

    private String resolveOrganisation() {
        if (identity.isAnonymous()) {
            throw new GatewayProblem(ProblemCode.UNAUTHORIZED, "A bearer token is required");
        }
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object claim = token.getClaim(config.organisationClaim());
            if (claim != null && !claim.toString().isBlank()) {
                return claim.toString().replace("\"", "");
            }
        }
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            String mapped = config.devUserOrganisations().get(subject());
            if (mapped != null) {
                return mapped;
            }
        }
        SecurityEvents.record(SecurityEvents.Kind.UNKNOWN_ORGANISATION, null, "subject", subject());
        throw new GatewayProblem(ProblemCode.FORBIDDEN,
                "The token names no organisation (claim '" + config.organisationClaim() + "')");
    }
}
