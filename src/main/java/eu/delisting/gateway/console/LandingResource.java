package eu.delisting.gateway.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /}: what the gateway is, the way into the console, the API contract and health. Public. */
@Path("/")
public class LandingResource {

    @Inject
    @Location("console/landing.html")
    Template landing;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response landing(@Context UriInfo uri, @Context HttpHeaders headers) {
        return ConsolePage.of(uri, headers).respond(Response.Status.OK, landing.data("viewer", null));
    }
}
