package eu.delisting.gateway.requests;

import eu.delisting.gateway.tenants.Caller;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** One request with its items and the notices it created. */
@Path("/api/v1/requests/{requestId}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class FiledRequestResource {

    private final RequestService requests;
    private final Caller caller;

    FiledRequestResource(RequestService requests, Caller caller) {
        this.requests = requests;
        this.caller = caller;
    }

    @GET
    public RequestService.RequestView read(@PathParam("requestId") String requestId) {
        return requests.read(requestId, caller);
    }
}
