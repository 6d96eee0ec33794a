package eu.delisting.gateway.mandates;

import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Agents' mandates: granted by the principal (or the operator), read by both sides, revoked with a reason. */
@Path("/api/v1/mandates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.OPERATOR, Role.RIGHTS_HOLDER, Role.AGENT})
public class MandateResource {

    private final MandateService mandates;
    private final Caller caller;

    MandateResource(MandateService mandates, Caller caller) {
        this.mandates = mandates;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Role.OPERATOR, Role.RIGHTS_HOLDER})
    public Response grant(MandateService.NewMandate mandate) {
        MandateService.MandateView granted = mandates.grant(mandate, caller);
        return Response.status(Response.Status.CREATED).entity(granted)
                .header(HttpHeaders.LOCATION, "/api/v1/mandates/" + granted.id()).build();
    }

    @GET
    public MandateService.MandateList list() {
        return mandates.list(caller);
    }

    @GET
    @Path("/{mandateId}")
    public MandateService.MandateView read(@PathParam("mandateId") String mandateId) {
        return mandates.read(mandateId, caller);
    }

    @POST
    @Path("/{mandateId}/revocation")
    @RolesAllowed({Role.OPERATOR, Role.RIGHTS_HOLDER})
    public MandateService.MandateView revoke(@PathParam("mandateId") String mandateId,
                                             MandateService.Revocation revocation) {
        return mandates.revoke(mandateId, revocation, caller);
    }
}
