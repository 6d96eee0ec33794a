package eu.delisting.gateway.edge;

import eu.delisting.gateway.database.Admission;
import io.quarkus.runtime.BlockingOperationControl;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every API request and console page waits in line for its share of the database before its resource runs (see
 * {@link Admission}); the share is given back when the answer has been sent, or the connection dropped, so
 * a streamed answer keeps it while it reads. Runs after the cheap refusals (authentication, transport limits),
 * which need no database. A request refused here is 503 with Retry-After and has done nothing.
 */
public class AdmissionFilter {

    private final Admission admission;

    AdmissionFilter(Admission admission) {
        this.admission = admission;
    }

    @ServerRequestFilter(priority = Priorities.USER + 1_000)
    public void admit(ContainerRequestContext request, RoutingContext routing) {
        String path = request.getUriInfo().getPath();
        if (!(path.startsWith("/api/") || path.startsWith("/console")) || !BlockingOperationControl.isBlockingAllowed()) {
            return;
        }
        Admission.Ticket ticket = admission.enter();
        routing.addEndHandler(done -> ticket.leave());
    }
}
