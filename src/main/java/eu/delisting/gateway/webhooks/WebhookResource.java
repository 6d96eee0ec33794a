package eu.delisting.gateway.webhooks;

import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Webhook subscriptions of the caller's organisation (engines and rights holders; the operator reads all). */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.SEARCH_ENGINE, Role.RIGHTS_HOLDER, Role.OPERATOR})
public class WebhookResource {

    private final WebhookService webhooks;
    private final Caller caller;

    WebhookResource(WebhookService webhooks, Caller caller) {
        this.webhooks = webhooks;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Role.SEARCH_ENGINE, Role.RIGHTS_HOLDER})
    public Response subscribe(WebhookService.NewSubscription subscription) {
        WebhookService.SubscriptionView created = webhooks.subscribe(subscription, caller);
        return Response.status(Response.Status.CREATED).entity(created)
                .header(HttpHeaders.LOCATION, "/api/v1/webhooks/" + created.id()).build();
    }

    @GET
    public WebhookService.SubscriptionList list() {
        return webhooks.list(caller);
    }

    @GET
    @Path("/{webhookId}")
    public WebhookService.SubscriptionView read(@PathParam("webhookId") String id) {
        return webhooks.read(id, caller);
    }

    @POST
    @Path("/{webhookId}/secret-rotation")
    @RolesAllowed({Role.SEARCH_ENGINE, Role.RIGHTS_HOLDER})
    public WebhookService.SubscriptionView rotate(@PathParam("webhookId") String id) {
        return webhooks.rotateSecret(id, caller);
    }

    @POST
    @Path("/{webhookId}/replay")
    @RolesAllowed({Role.SEARCH_ENGINE, Role.RIGHTS_HOLDER})
    public WebhookService.ReplayView replay(@PathParam("webhookId") String id, WebhookService.Replay replay) {
        return webhooks.replay(id, replay, caller);
    }

    @GET
    @Path("/{webhookId}/deliveries")
    public WebhookService.DeliveryLog deliveries(@PathParam("webhookId") String id) {
        return webhooks.deliveries(id, caller);
    }
}
