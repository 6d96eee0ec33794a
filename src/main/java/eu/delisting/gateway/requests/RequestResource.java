package eu.delisting.gateway.requests;

import eu.delisting.gateway.paging.QueryNumbers;
import eu.delisting.gateway.idempotency.IdempotentCalls;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;


@Path("/api/v1/orders/{orderId}/requests")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
/** Filing under an order, and the order's requests. */
public class RequestResource {

    private final FilingService filing;
    private final RequestService requests;
    private final Caller caller;

    RequestResource(FilingService filing, RequestService requests, Caller caller) {
        this.filing = filing;
        this.requests = requests;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Role.RIGHTS_HOLDER, Role.AGENT})
    public Response file(@PathParam("orderId") String orderId, @HeaderParam("Idempotency-Key") String key,
                         NewRequest request) {
        IdempotentCalls.Result<FiledRequest> filed = filing.file(orderId, request, key, caller);
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED).entity(filed.value())
                .header(HttpHeaders.LOCATION, "/api/v1/requests/" + filed.value().id());
        if (filed.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    @GET
    public RequestService.RequestPage list(@PathParam("orderId") String orderId, @QueryParam("after") String after,
                                           @QueryParam("limit") String limit) {
        return requests.ofOrder(orderId, caller, after, QueryNumbers.integer("limit", limit));
    }
}
