package eu.delisting.gateway.events;

import eu.delisting.gateway.paging.QueryNumbers;
import eu.delisting.gateway.tenants.Caller;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The caller's own feed: notices created, overdue, relisting permitted, orders amended. */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class EventResource {

    private final EventLog events;
    private final Caller caller;

    EventResource(EventLog events, Caller caller) {
        this.events = events;
        this.caller = caller;
    }

    @GET
    public EventLog.EventPage feed(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        return events.feed(caller.organisation(), after, QueryNumbers.integer("limit", limit));
    }
}
