package eu.delisting.gateway.tenants;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Optional;

@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class MeResource {

    private final Caller caller;
    private final OrganisationService organisations;

    MeResource(Caller caller, OrganisationService organisations) {
        this.caller = caller;
        this.organisations = organisations;
    }

    public record Me(String organisation, String organisationName, OrganisationKind kind, String subject,
                     List<String> roles, boolean registered) {
    }

    @GET
    public Me me() {
        Optional<Organisation> org = organisations.find(caller.organisation());
        return new Me(caller.organisation(), org.map(Organisation::name).orElse(null),
                org.map(Organisation::kind).orElse(null), caller.subject(),
                caller.roles().stream().sorted().toList(), org.isPresent());
    }
}
