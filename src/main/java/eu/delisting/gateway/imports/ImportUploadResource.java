package eu.delisting.gateway.imports;

import eu.delisting.gateway.idempotency.IdempotentCalls;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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

import java.io.InputStream;

/** Bulk imports: a file of URLs uploaded under an order becomes a job filed in the background. */
@Path("/api/v1/orders/{orderId}/imports")
@Authenticated
public class ImportUploadResource {

    static final String NDJSON = "application/x-ndjson";

    private final ImportService imports;
    private final ImportRunner runner;
    private final UploadSlots slots;
    private final Caller caller;

    ImportUploadResource(ImportService imports, ImportRunner runner, UploadSlots slots, Caller caller) {
        this.imports = imports;
        this.runner = runner;
        this.slots = slots;
        this.caller = caller;
    }

    @POST
    @Consumes({"text/csv", NDJSON})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.RIGHTS_HOLDER, Role.AGENT})
    public Response upload(@PathParam("orderId") String orderId, @QueryParam("onBehalfOf") String onBehalfOf,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam("Idempotency-Key") String key, InputStream body) {
        ImportJob.Format format = contentType != null && contentType.toLowerCase().startsWith(NDJSON)
                ? ImportJob.Format.NDJSON : ImportJob.Format.CSV;
        IdempotentCalls.Result<ImportService.ImportView> job;
        if (!slots.take()) {
            throw new GatewayProblem(ProblemCode.SERVICE_UNAVAILABLE, "As many uploads as this replica reads at once"
                    + " are arriving; send the file again in a few seconds");
        }
        try {
            job = imports.accept(orderId, onBehalfOf, format, body, key, caller);
        } finally {
            slots.release();
        }
        if (!job.replayed()) {
            runner.wake();
        }
        Response.ResponseBuilder response = Response.accepted(job.value())
                .header(HttpHeaders.LOCATION, "/api/v1/imports/" + job.value().id());
        if (job.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }
}
