package eu.delisting.gateway.webhooks;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;

@ApplicationScoped
class WebhookSubscriptionRepository implements PanacheRepositoryBase<WebhookSubscription, String> {

    /** The enabled subscriptions of these organisations. */
    List<WebhookSubscription> enabledOf(Collection<String> organisations) {
        return list("organisation in ?1 and status = ?2", organisations, WebhookSubscription.Status.ENABLED);
    }

    List<WebhookSubscription> of(String organisation) {
        return list("organisation = ?1 order by createdAt, id", organisation);
    }
}
