package eu.delisting.gateway.console;

import eu.delisting.gateway.orders.AmendmentService;
import eu.delisting.gateway.orders.AmendmentType;
import eu.delisting.gateway.orders.AuditorAppointments;
import eu.delisting.gateway.orders.OrderService;
import eu.delisting.gateway.orders.OrderView;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.OrganisationKind;
import eu.delisting.gateway.tenants.OrganisationService;
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
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * The operator's desk: the organisations (and registering one); per order, its versions, its auditors now
 * (and appointing one for a mandate), and amending it from a later decision (suspend, resume, lift). Through
 * the same services as the API's operator endpoints, with their rules and audit entries.
 */
@Path("/console/operator")
@Produces(MediaType.TEXT_HTML)
public class OperatorConsole {

    @Inject
    Caller caller;
    @Inject
    OrganisationService organisations;
    @Inject
    OrderService orders;
    @Inject
    AuditorAppointments appointments;
    @Inject
    AmendmentService amendments;
    @Inject
    Pages pages;
    @Inject
    Clock clock;

    @Inject
    @Location("console/organisations.html")
    Template organisationsPage;
    @Inject
    @Location("console/operator-order.html")
    Template orderPage;

    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    @GET
    @Path("/organisations")
    public Response organisations() {
        Pages.requireRole(caller, Role.OPERATOR);
        return pages.render(organisationsPage.data("organisations", organisations.all())
                .data("kinds", Arrays.asList(OrganisationKind.values())), caller, uri, headers);
    }

    @POST
    @Path("/organisations")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response register(@FormParam("id") String id, @FormParam("name") String name, @FormParam("kind") String kind,
                             @FormParam("csrf") String csrf) {
        Pages.requireFormToken(csrf, headers);
        Pages.requireRole(caller, Role.OPERATOR);
        organisations.register(new OrganisationService.Registration(id, name, kind), caller.actor());
        return Response.seeOther(URI.create("/console/operator/organisations")).build();
    }

    @GET
    @Path("/orders/{orderId}")
    public Response order(@PathParam("orderId") String orderId) {
        Pages.requireRole(caller, Role.OPERATOR);
        OrderView order = orders.readOrder(orderId, caller);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<String> auditorOrganisations = organisations.all().stream()
                .filter(o -> o.kind() == OrganisationKind.AUDITOR).map(o -> o.id()).toList();
        return pages.render(orderPage.data("order", order).data("auditors", orders.auditorsNow(orderId))
                .data("auditorOrganisations", auditorOrganisations)
                .data("types", List.of(AmendmentType.SUSPEND, AmendmentType.RESUME, AmendmentType.LIFT))
                .data("now", now.toString()).data("inAYear", now.plus(365, ChronoUnit.DAYS).toString()),
                caller, uri, headers);
    }

    @POST
    @Path("/orders/{orderId}/auditors")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response appoint(@PathParam("orderId") String orderId, @FormParam("organisation") String organisation,
                            @FormParam("from") String from, @FormParam("until") String until,
                            @FormParam("csrf") String csrf) {
        Pages.requireFormToken(csrf, headers);
        Pages.requireRole(caller, Role.OPERATOR);
        appointments.appointAuditor(orderId, new AuditorAppointments.NewAppointment(organisation, from, until), caller.actor());
        return Response.seeOther(URI.create("/console/operator/orders/" + orderId)).build();
    }

    @POST
    @Path("/orders/{orderId}/amendments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response amend(@PathParam("orderId") String orderId, @FormParam("type") String type,
                          @FormParam("effectiveAt") String effectiveAt,
                          @FormParam("decisionReference") String decisionReference, @FormParam("csrf") String csrf) {
        Pages.requireFormToken(csrf, headers);
        Pages.requireRole(caller, Role.OPERATOR);
        amendments.amend(orderId, new AmendmentService.Amendment(type,
                effectiveAt == null || effectiveAt.isBlank() ? null : effectiveAt.strip(), decisionReference, null),
                caller.actor());
        return Response.seeOther(URI.create("/console/operator/orders/" + orderId)).build();
    }

    @ServerExceptionMapper
    public Response refused(GatewayProblem problem) {
        return pages.refused(problem, caller, uri, headers);
    }
}
