package eu.delisting.gateway.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The transactional outbox of webhook deliveries: called by the event log in the transaction that writes the
 * events, it writes one pending delivery per event and subscription of its recipient for its type, so an event
 * is delivered if and only if it committed. A disabled subscription gets its deliveries too (they wait, and a
 * replay sends them): no event falls between a subscription's disabling and its replay.
 */
@ApplicationScoped
public class WebhookOutbox {

    /** An event as written to a feed: its position, its recipient and its type. */
    public record Published(long seq, String organisation, String type) {
    }

    private final WebhookSubscriptionRepository subscriptions;
    private final WebhookDeliveryRepository deliveries;

    WebhookOutbox(WebhookSubscriptionRepository subscriptions, WebhookDeliveryRepository deliveries) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
    }

    /** The subscriptions of the recipients of events about to be published (empty for most events). */
    public record Subscribers(List<WebhookSubscription> subscriptions) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Subscribers subscribers(Set<String> recipients) {
        return new Subscribers(subscriptions.allOf(recipients));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(Subscribers subscribers, List<Published> events, Instant now) {
        List<WebhookSubscription> subscribed = subscribers.subscriptions();
        if (subscribed.isEmpty()) {
            return;
        }
        List<WebhookDeliveryRepository.Key> due = new ArrayList<>();
        List<WebhookDeliveryRepository.Key> held = new ArrayList<>();
        for (Published event : events) {
            for (WebhookSubscription s : subscribed) {
                if (s.organisation().equals(event.organisation()) && s.eventTypes().contains(event.type())) {
                    (s.status() == WebhookSubscription.Status.ENABLED ? due : held)
                            .add(new WebhookDeliveryRepository.Key(s.id(), event.seq()));
                }
            }
        }
        deliveries.enqueue(due, "PENDING", now);
        deliveries.enqueue(held, "HELD", now);
    }

    /**
     * Removes the deliveries of these events (by feed position), which the event log is about to remove after
     * their retention period (a delivery still pending that long will not be retried any more).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forget(List<Long> events) {
        return deliveries.deleteOf(events);
    }
}
