package eu.delisting.gateway.orders;

import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The operator records a later decision on an order as a new version. */
@Path("/api/v1/orders/{orderId}/amendments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.OPERATOR)
public class AmendmentResource {

    private final AmendmentService orders;
    private final Caller caller;

    AmendmentResource(AmendmentService orders, Caller caller) {
        this.orders = orders;
        this.caller = caller;
    }

    @POST
    public Response amend(@PathParam("orderId") String orderId, AmendmentService.Amendment amendment) {
        return Response.status(201).entity(orders.amend(orderId, amendment, caller.actor())).build();
    }
}
