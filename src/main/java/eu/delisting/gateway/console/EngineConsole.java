package eu.delisting.gateway.console;

import eu.delisting.gateway.notices.AcknowledgementInput;
import eu.delisting.gateway.notices.Acknowledgements;
import eu.delisting.gateway.notices.NoticeFeed;
import eu.delisting.gateway.notices.NoticeView;
import eu.delisting.gateway.notices.RejectionReason;
import eu.delisting.gateway.paging.Paging;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A search engine's compliance desk: its open notices by due instant, overdue ones first and marked; one or a
 * selection acknowledged at once (state, effective instant, territories, front-ends, rejection reason), all or
 * none, through the same service as the API's batch.
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
    Acknowledgements acknowledgements;
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
        List<NoticeView> open = new ArrayList<>();
        open.addAll(notices.poll(caller, blankToNull(orderId), "PENDING", null, Paging.MAX_PAGE).items());
        open.addAll(notices.poll(caller, blankToNull(orderId), "RECEIVED", null, Paging.MAX_PAGE).items());
        List<NoticeView> shown = open.stream()
                .sorted(Comparator.comparing(NoticeView::dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(NoticeView::id))
                .limit(SHOWN).toList();
        return pages.render(queuePage.data("notices", shown).data("total", open.size())
                .data("acknowledged", acknowledged).data("orderId", orderId == null ? "" : orderId)
                .data("now", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString())
                .data("reasons", Arrays.asList(RejectionReason.values())), caller, uri, headers);
    }

    /** The selected notices acknowledged together, all or none; back to the queue, where they are now shown as they stand. */
    @POST
    @Path("/acknowledgements")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response acknowledge(@FormParam("notice") List<String> selected, @FormParam("status") String status,
                                @FormParam("effectiveAt") String effectiveAt, @FormParam("territories") String territories,
                                @FormParam("frontEnds") String frontEnds, @FormParam("reasonCode") String reasonCode,
                                @FormParam("comment") String comment, @FormParam("orderId") String orderId,
                                @FormParam("csrf") String csrf) {
        Pages.requireFormToken(csrf, headers);
        Pages.requireRole(caller, Role.SEARCH_ENGINE);
        if (selected == null || selected.isEmpty()) {
            throw GatewayProblem.invalid(List.of(new FieldError("notice", "REQUIRED", "select at least one notice")));
        }
        String effective = effectiveAt == null || effectiveAt.isBlank() ? Instant.now(clock).toString() : effectiveAt.strip();
        List<AcknowledgementInput> inputs = selected.stream().map(id -> new AcknowledgementInput(id, status, effective,
                list(territories), list(frontEnds), blankToNull(reasonCode), blankToNull(comment))).toList();
        acknowledgements.acknowledgeAll(inputs, caller);
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
