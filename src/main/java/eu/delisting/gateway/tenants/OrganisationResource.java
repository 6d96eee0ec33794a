package eu.delisting.gateway.tenants;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;

@Path("/api/v1/organisations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.OPERATOR)
public class OrganisationResource {

    private final OrganisationService organisations;
    private final Caller caller;

    OrganisationResource(OrganisationService organisations, Caller caller) {
        this.organisations = organisations;
        this.caller = caller;
    }

    public record OrganisationView(String id, String name, OrganisationKind kind, Instant registeredAt) {
        static OrganisationView of(Organisation o) {
            return new OrganisationView(o.id(), o.name(), o.kind(), o.registeredAt());
        }
    }

    @GET
    public List<OrganisationView> list() {
        return organisations.all().stream().map(OrganisationView::of).toList();
    }

    @POST
    public Response register(OrganisationService.Registration registration) {
        Organisation created = organisations.register(registration, caller.actor());
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, "/api/v1/organisations/" + created.id())
                .entity(OrganisationView.of(created)).build();
    }
}
