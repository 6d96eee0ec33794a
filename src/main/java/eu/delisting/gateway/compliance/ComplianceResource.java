package eu.delisting.gateway.compliance;

import eu.delisting.gateway.tenants.Caller;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

@Path("/api/v1/orders/{orderId}/compliance")
@Authenticated
public class ComplianceResource {

    private final ComplianceService compliance;
    private final Caller caller;

    ComplianceResource(ComplianceService compliance, Caller caller) {
        this.compliance = compliance;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response json(@PathParam("orderId") String orderId) {
        ComplianceService.JsonExport report = compliance.jsonExport(orderId, caller);
        return Response.ok((StreamingOutput) report::writeTo, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Produces("text/csv;qs=0.5")
    public Response csv(@PathParam("orderId") String orderId) {
        ComplianceService.CsvExport export = compliance.csvExport(orderId, caller);
        return Response.ok((StreamingOutput) export::writeTo, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"compliance-" + orderId + ".csv\"").build();
    }
}
