package eu.delisting.gateway.edge;

import eu.delisting.gateway.database.Admission;
import eu.delisting.gateway.database.ForBatches;
import io.quarkus.runtime.BlockingOperationControl;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every API request and console page waits in line for its share of the database before its resource runs (see
 * {@link Admission}); the share is given back when the answer has been sent, or the connection dropped, so
 * a streamed answer keeps it while it reads. A batch of acknowledgements first waits in the batches' own line
 * (a few at once), so batches queue here rather than on the database's locks, holding neither a share nor
 * their items' rows while they wait. Runs after the cheap refusals (authentication, transport limits), which
 * need no database. A request refused here is 503 with Retry-After and has done nothing.
 */
public class AdmissionFilter {

    static final String BATCHES = "/api/v1/acknowledgements";

    private final Admission admission;
    private final Admission batches;

    AdmissionFilter(Admission admission, @ForBatches Admission batches) {
        this.admission = admission;
        this.batches = batches;
    }

    @ServerRequestFilter(priority = Priorities.USER + 1_000)
    public void admit(ContainerRequestContext request, RoutingContext routing) {
        String path = request.getUriInfo().getPath();
        if (!(path.startsWith("/api/") || path.startsWith("/console")) || !BlockingOperationControl.isBlockingAllowed()) {
            return;
        }
        Admission.Ticket batch = isBatch(request.getMethod(), path) ? batches.enter() : null;
        Admission.Ticket ticket;
        try {
            ticket = admission.enter();
        } catch (RuntimeException refused) {
            if (batch != null) {
                batch.leave();
            }
            throw refused;
        }
        routing.addEndHandler(done -> {
            ticket.leave();
            if (batch != null) {
                batch.leave();
            }
        });
    }

    static boolean isBatch(String method, String path) {
        return HttpMethod.POST.equals(method)
                && (path.equals(BATCHES) || path.length() == BATCHES.length() + 1 && path.startsWith(BATCHES) && path.endsWith("/"));
    }
}
