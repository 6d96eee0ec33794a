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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

@Path("/api/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class OrderResource {

    private final OrderService orders;
    private final Caller caller;

    OrderResource(OrderService orders, Caller caller) {
        this.orders = orders;
        this.caller = caller;
    }

    public record OrderList(List<OrderView> items) {
    }

    @GET
    public OrderList list() {
        return new OrderList(orders.visibleOrders(caller));
    }

    @POST
    @RolesAllowed(Role.OPERATOR)
    public Response issue(NewOrder order) {
        OrderView created = orders.issueOrder(order, caller.actor());
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, "/api/v1/orders/" + created.id()).entity(created).build();
    }

    @GET
    @Path("/{orderId}")
    public OrderView read(@PathParam("orderId") String orderId) {
        return orders.readOrder(orderId, caller);
    }
}
