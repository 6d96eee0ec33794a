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

/** The operator appoints court auditors to an order, each for a mandate. */
@Path("/api/v1/orders/{orderId}/auditors")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.OPERATOR)
public class AuditorResource {

    private final AuditorAppointments orders;
    private final Caller caller;

    AuditorResource(AuditorAppointments orders, Caller caller) {
        this.orders = orders;
        this.caller = caller;
    }

    @POST
    public Response appoint(@PathParam("orderId") String orderId, AuditorAppointments.NewAppointment appointment) {
        return Response.status(201).entity(orders.appointAuditor(orderId, appointment, caller.actor())).build();
    }
}
