package eu.delisting.gateway.console;

import eu.delisting.gateway.orders.MirrorService;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;

/**
 * The authority's desk: the mirror proposals awaiting its decision, with their evidence and links; each
 * approved or rejected with reasons through the same service as the API (approval adds the domain to the
 * order's scope as a new version).
 */
@Path("/console/mirrors")
@Produces(MediaType.TEXT_HTML)
public class AuthorityConsole {

    @Inject
    Caller caller;
    @Inject
    MirrorService mirrors;
    @Inject
    Pages pages;

    @Inject
    @Location("console/mirrors.html")
    Template mirrorsPage;

    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    @GET
    public Response pending() {
        Pages.requireRole(caller, Role.AUTHORITY);
        return pages.render(mirrorsPage.data("proposals", mirrors.pending(caller)), caller, uri, headers);
    }

    @POST
    @Path("/{orderId}/{mirrorId}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("orderId") String orderId, @PathParam("mirrorId") String mirrorId,
                           @FormParam("decision") String decision, @FormParam("reasons") String reasons,
                           @FormParam("csrf") String csrf) {
        Pages.requireFormToken(csrf, headers);
        Pages.requireRole(caller, Role.AUTHORITY);
        mirrors.decide(orderId, mirrorId, new MirrorService.Decision(decision, reasons), caller);
        return Response.seeOther(URI.create("/console/mirrors")).build();
    }

    @ServerExceptionMapper
    public Response refused(GatewayProblem problem) {
        return pages.refused(problem, caller, uri, headers);
    }
}
