package eu.delisting.gateway.edge;

import eu.delisting.gateway.database.Admission;
import eu.delisting.gateway.database.BatchLine;
import eu.delisting.gateway.database.ForBatches;
import io.quarkus.runtime.BlockingOperationControl;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.time.Duration;

/**
 * Every API request and console page waits in line for its share of the database before its resource runs (see
 * {@link Admission}); the share is given back when the answer has been sent, or the connection dropped, so
 * a streamed answer keeps it while it reads. A batch of acknowledgements (a resource method marked
 * {@link BatchLine}) first waits in the batches' own line, a few at once, so batches queue here rather than on
 * the database's locks, holding neither a share nor their items' rows while they wait; both waits together stay
 * within the configured wait. Runs after the cheap refusals (authentication, transport limits), which need no
 * database. A request refused here is 503 with Retry-After and has done nothing.
 */
public class AdmissionFilter {

    private final Admission admission;
    private final Admission batches;

    AdmissionFilter(Admission admission, @ForBatches Admission batches) {
        this.admission = admission;
        this.batches = batches;
    }

    /** Nothing when the request may go on (its places taken); an answer when it must not run. */
    @ServerRequestFilter(priority = Priorities.USER + 1_000)
    public Response admit(ContainerRequestContext request, RoutingContext routing, ResourceInfo resource) {
        String path = request.getUriInfo().getPath();
        if (!(path.startsWith("/api/") || path.startsWith("/console")) || !BlockingOperationControl.isBlockingAllowed()) {
            return null;
        }
        long began = System.nanoTime();
        Admission.Ticket batch = isBatch(resource.getResourceMethod()) ? batches.enter() : null;
        Admission.Ticket ticket = null;
        try {
            ticket = admission.enter(admission.queueWait().minus(Duration.ofNanos(System.nanoTime() - began)));
            Admission.Ticket share = ticket;
            routing.addEndHandler(done -> leave(share, batch));
        } catch (RuntimeException refused) {
            leave(ticket, batch);
            throw refused;
        }
        // A client that hung up while waiting: give the places back now and run nothing (the end handler would give
        // them back too once the request ends; this does not count on it for a connection already gone).
        if (routing.response().closed()) {
            leave(ticket, batch);
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
        }
        return null;
    }

    private static void leave(Admission.Ticket share, Admission.Ticket batch) {
        if (share != null) {
            share.leave();
        }
        if (batch != null) {
            batch.leave();
        }
    }

    static boolean isBatch(Method method) {
        return method != null && method.isAnnotationPresent(BatchLine.class);
    }
}
