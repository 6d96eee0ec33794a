package eu.delisting.gateway.orders;

import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

@Path("/api/v1/orders/{orderId}/mirrors")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class MirrorResource {

    private final MirrorService mirrors;
    private final Caller caller;

    MirrorResource(MirrorService mirrors, Caller caller) {
        this.mirrors = mirrors;
        this.caller = caller;
    }

    public record MirrorList(List<MirrorService.MirrorView> items) {
    }

    @GET
    public MirrorList list(@PathParam("orderId") String orderId) {
        return new MirrorList(mirrors.list(orderId, caller));
    }

    @POST
    @RolesAllowed(Role.RIGHTS_HOLDER)
    public Response propose(@PathParam("orderId") String orderId, MirrorService.NewMirror mirror) {
        return Response.status(201).entity(mirrors.propose(orderId, mirror, caller)).build();
    }

    @POST
    @Path("/{mirrorId}/decision")
    @RolesAllowed(Role.AUTHORITY)
    public Response decide(@PathParam("orderId") String orderId, @PathParam("mirrorId") String mirrorId,
                           MirrorService.Decision decision) {
        return Response.status(201).entity(mirrors.decide(orderId, mirrorId, decision, caller)).build();
    }
}
