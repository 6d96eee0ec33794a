package eu.delisting.gateway.compliance;

import eu.delisting.gateway.audit.AuditCheckpoints;
import eu.delisting.gateway.audit.AuditTrail;
import eu.delisting.gateway.paging.QueryNumbers;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.AUDITOR, Role.OPERATOR})
public class AuditResource {

    private final AuditAccess access;
    private final AuditTrail audit;
    private final Caller caller;

    AuditResource(AuditAccess access, AuditTrail audit, Caller caller) {
        this.access = access;
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @Path("/events")
    public AuditTrail.EventPage events(@QueryParam("orderId") String orderId, @QueryParam("after") String after,
                                       @QueryParam("limit") String limit) {
        return access.events(caller, orderId, after, QueryNumbers.integer("limit", limit));
    }

    @GET
    @Path("/verification")
    public AuditTrail.Verification verify(@QueryParam("from") String from, @QueryParam("checkpointSeq") String checkpointSeq,
                                            @QueryParam("checkpointHash") String checkpointHash) {
        return audit.verify(QueryNumbers.number("from", from), QueryNumbers.number("checkpointSeq", checkpointSeq),
                checkpointHash);
    }

    @GET
    @Path("/checkpoint")
    public AuditCheckpoints.Checkpoint checkpoint() {
        return audit.checkpoint();
    }

    @GET
    @Path("/checkpoint-key")
    public AuditCheckpoints.CheckpointKey checkpointKey() {
        return audit.checkpointKey();
    }
}
