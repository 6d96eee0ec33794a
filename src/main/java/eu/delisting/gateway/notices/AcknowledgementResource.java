package eu.delisting.gateway.notices;

import eu.delisting.gateway.database.BatchLine;
import eu.delisting.gateway.idempotency.IdempotentCalls;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

@Path("/api/v1/acknowledgements")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.SEARCH_ENGINE)
public class AcknowledgementResource {

    private final AcknowledgementBatches batches;
    private final Caller caller;

    AcknowledgementResource(AcknowledgementBatches batches, Caller caller) {
        this.batches = batches;
        this.caller = caller;
    }

    public record Batch(List<AcknowledgementInput> items) {
    }

    @POST
    @BatchLine
    public Response acknowledgeAll(@HeaderParam("Idempotency-Key") String key, Batch batch) {
        IdempotentCalls.Result<AcknowledgementBatches.BatchResult> result =
                batches.acknowledgeAll(batch == null ? null : batch.items(), key, caller);
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED).entity(result.value());
        if (result.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }
}
