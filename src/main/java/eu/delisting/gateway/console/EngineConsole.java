package eu.delisting.gateway.console;

import eu.delisting.gateway.database.BatchLine;
import eu.delisting.gateway.notices.AcknowledgementInput;
import eu.delisting.gateway.notices.AcknowledgementBatches;
import eu.delisting.gateway.notices.NoticeFeed;
import eu.delisting.gateway.notices.RejectionReason;
import eu.delisting.gateway.problems.FieldError;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
 * A search engine's compliance desk: its open notices by due instant, overdue ones first and marked; one or a
 * selection acknowledged at once (state, effective instant, territories, front-ends, rejection reason), all or
 * none, through the same service as the API's batch (and its idempotency: each rendered queue carries a key).
 */
@Path("/console/queue")
@Produces(MediaType.TEXT_HTML)
public class EngineConsole {

    /** Notices shown at once, soonest due first. */
    static final int SHOWN = 200;

    @Inject
    Caller caller;
    @Inject
    NoticeFeed notices;
    @Inject
    AcknowledgementBatches acknowledgements;
    @Inject
    Pages pages;
    @Inject
    Clock clock;

    @Inject
    @Location("console/queue.html")
    Template queuePage;

    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    @GET
    public Response queue(@QueryParam("orderId") String orderId, @QueryParam("acknowledged") Integer acknowledged) {
        Pages.requireRole(caller, Role.SEARCH_ENGINE);
        NoticeFeed.Queue queue = notices.queue(caller, orderId, SHOWN);
        return pages.render(queuePage.data("notices", queue.items()).data("total", queue.total())
                .data("acknowledged", acknowledged).data("orderId", orderId == null ? "" : orderId)
                .data("now", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString())
                .data("key", java.util.UUID.randomUUID().toString())
                .data("reasons", Arrays.asList(RejectionReason.values())), caller, uri, headers);
    }

    /** The selected notices acknowledged together, all or none; back to the queue, where they are now shown as they stand. */
    @POST
    @Path("/acknowledgements")
    @BatchLine
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response acknowledge(@FormParam("notice") List<String> selected, @FormParam("status") String status,
                                @FormParam("effectiveAt") String effectiveAt, @FormParam("territories") String territories,
                                @FormParam("frontEnds") String frontEnds, @FormParam("reasonCode") String reasonCode,
                                @FormParam("comment") String comment, @FormParam("orderId") String orderId,
                                @FormParam("key") String key, @FormParam("csrf") String csrf) {
        Pages.requireFormToken(csrf, headers);
        Pages.requireRole(caller, Role.SEARCH_ENGINE);
        if (selected == null || selected.isEmpty()) {
            throw GatewayProblem.invalid(List.of(new FieldError("notice", "REQUIRED", "select at least one notice")));
        }
        String effective = effectiveAt == null || effectiveAt.isBlank() ? Instant.now(clock).toString() : effectiveAt.strip();
        List<AcknowledgementInput> inputs = selected.stream().map(id -> new AcknowledgementInput(id, status, effective,
                list(territories), list(frontEnds), blankToNull(reasonCode), blankToNull(comment))).toList();
        // Through the API's batch: all or none, retried on deadlocks; the page's key makes a second submission
        // of the same form return the first result instead of acknowledging again.
        acknowledgements.acknowledgeAll(inputs, key, caller);
        String back = "/console/queue?acknowledged=" + inputs.size()
                + (orderId == null || orderId.isBlank() ? "" : "&orderId=" + java.net.URLEncoder.encode(orderId,
                java.nio.charset.StandardCharsets.UTF_8));
        return Response.seeOther(URI.create(back)).build();
    }

    @ServerExceptionMapper
    public Response refused(GatewayProblem problem) {
        return pages.refused(problem, caller, uri, headers);
    }

    private static List<String> list(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
