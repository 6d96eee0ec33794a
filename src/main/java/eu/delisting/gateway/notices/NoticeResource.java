package eu.delisting.gateway.notices;

import eu.delisting.gateway.paging.QueryNumbers;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

@Path("/api/v1/notices")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class NoticeResource {

    private final NoticeFeed notices;
    private final Acknowledgements acknowledgements;
    private final Caller caller;

    NoticeResource(NoticeFeed notices, Acknowledgements acknowledgements, Caller caller) {
        this.acknowledgements = acknowledgements;
        this.notices = notices;
        this.caller = caller;
    }

    @GET
    public NoticeFeed.NoticePage poll(@QueryParam("orderId") String orderId, @QueryParam("status") String status,
                                         @QueryParam("after") String after, @QueryParam("limit") String limit) {
        return notices.poll(caller, orderId, status, after, QueryNumbers.integer("limit", limit));
    }

    @GET
    @Path("/{noticeId}")
    public Response read(@PathParam("noticeId") String noticeId) {
        NoticeView notice = notices.read(noticeId, caller);
        return Response.ok(notice).header(HttpHeaders.ETAG, etag(notice)).build();
    }

    public record History(String noticeId, List<NoticeView.AcknowledgementView> items) {
    }

    @GET
    @Path("/{noticeId}/acknowledgements")
    public History history(@PathParam("noticeId") String noticeId) {
        return new History(noticeId, notices.history(noticeId, caller));
    }

    @POST
    @Path("/{noticeId}/acknowledgements")
    @RolesAllowed(Role.SEARCH_ENGINE)
    public Response acknowledge(@PathParam("noticeId") String noticeId, @HeaderParam("If-Match") String ifMatch,
                                AcknowledgementInput input) {
        AcknowledgementInput ack = input == null ? null : new AcknowledgementInput(noticeId, input.status(),
                input.effectiveAt(), input.territories(), input.frontEnds(), input.reasonCode(), input.comment());
        NoticeView notice = acknowledgements.acknowledge(noticeId, ack, ifMatch, caller);
        return Response.status(201).entity(notice).header(HttpHeaders.ETAG, etag(notice)).build();
    }

    static String etag(NoticeView notice) {
        return "\"" + notice.id().substring(0, 8) + "-" + notice.version() + "\"";
    }
}
