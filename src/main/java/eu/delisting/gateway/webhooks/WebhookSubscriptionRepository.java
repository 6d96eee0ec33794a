package eu.delisting.gateway.webhooks;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;

@ApplicationScoped
class WebhookSubscriptionRepository implements PanacheRepositoryBase<WebhookSubscription, String> {

    /** The subscriptions of these organisations, enabled or not (a disabled one keeps its deliveries for replay). */
    List<WebhookSubscription> allOf(Collection<String> organisations) {
        return list("organisation in ?1", organisations);
    }

    /** The enabled subscriptions: the only ones whose deliveries are attempted. */
    List<WebhookSubscription> enabled() {
        return list("status", WebhookSubscription.Status.ENABLED);
    }

    List<WebhookSubscription> of(String organisation) {
        return list("organisation = ?1 order by createdAt, id", organisation);
    }
}
