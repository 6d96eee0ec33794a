package eu.delisting.gateway.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.delisting.gateway.audit.AuditLog;
import eu.delisting.gateway.database.Retried;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.problems.Text;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.OrganisationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An organisation's webhook subscriptions: subscribing, rotating the secret, replaying, reading the log. */
@ApplicationScoped
public class WebhookService {

    /** The feed's event types (events.EventType, which sits above this package and is checked against it). */
    public static final Set<String> EVENT_TYPES = Set.of("NOTICE_CREATED", "NOTICE_OVERDUE", "RELIST_PERMITTED",
            "ORDER_AMENDED", "NOTICE_ACKNOWLEDGED");
    static final int LOG_SIZE = 100;

    private final WebhookSubscriptionRepository subscriptions;
    private final WebhookDeliveryRepository deliveries;
    private final WebhooksConfig config;
    private final OrganisationService organisations;
    private final AuditLog audit;
    private final Clock clock;

    WebhookService(WebhookSubscriptionRepository subscriptions, WebhookDeliveryRepository deliveries,
                   WebhooksConfig config, OrganisationService organisations, AuditLog audit, Clock clock) {
        this.organisations = organisations;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    public record NewSubscription(
            @NotBlank(message = "REQUIRED: url is the HTTPS endpoint to call") @Size(max = 2048, message = "TOO_LONG: at most 2,048 characters") String url,
            @NotEmpty(message = "REQUIRED: list the event types to receive") List<@NotNull(message = "REQUIRED: an event type") String> eventTypes,
            @Text(max = 200) String description,
            @Min(value = 1, message = "OUT_OF_RANGE: 1 to 50") @Max(value = 50, message = "OUT_OF_RANGE: 1 to 50") Integer maxInFlight) {
    }

    public record Replay(@PositiveOrZero(message = "OUT_OF_RANGE: a feed position, 0 or more") Long afterSeq) {
    }

    /** A subscription as its owner reads it; {@code secret} only in the answer that creates or rotates it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionView(String id, String organisation, String url, List<String> eventTypes, String description,
                                   int maxInFlight, WebhookSubscription.Status status, String disabledReason,
                                   Instant disabledAt, Instant createdAt, Instant previousSecretValidUntil, String secret) {

        static SubscriptionView of(WebhookSubscription s, String secret) {
            return new SubscriptionView(s.id(), s.organisation(), s.url(), s.eventTypes(), s.description(), s.maxInFlight(),
                    s.status(), s.disabledReason(), s.disabledAt(), s.createdAt(), s.previousSecretUntil(), secret);
        }
    }

    public record SubscriptionList(List<SubscriptionView> items) {
    }

    public record ReplayView(SubscriptionView subscription, int pending) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(long seq, String type, String status, int attempts, Instant nextAttemptAt,
                               Instant lastAttemptAt, Integer lastStatusCode, Integer lastLatencyMs, String lastError,
                               Instant deliveredAt) {
    }

    public record DeliveryLog(List<DeliveryView> items) {
    }

    @Retried
    @Transactional
    public SubscriptionView subscribe(@NotNull(message = "REQUIRED: a JSON object is required") @Valid NewSubscription wanted,
                                      Caller caller) {
        if (organisations.find(caller.organisation()).isEmpty()) {
            throw new GatewayProblem(ProblemCode.FORBIDDEN, "Your organisation is not registered with the gateway");
        }
        List<FieldError> errors = new ArrayList<>();
        String url = wanted.url().strip();
        Endpoints.refusalOfShape(url, config.allowLoopback())
                .or(() -> Optional.ofNullable(Endpoints.resolve(url, config.allowLoopback()).refusal()))
                .ifPresent(refusal -> errors.add(new FieldError("url", "INVALID_ENDPOINT", "the endpoint " + refusal)));
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0; i < wanted.eventTypes().size(); i++) {
            String type = wanted.eventTypes().get(i);
            if (!EVENT_TYPES.contains(type)) {
                errors.add(new FieldError("eventTypes[" + i + "]", "UNKNOWN_VALUE", "an event type is one of "
                        + EVENT_TYPES.stream().sorted().toList()));
            }
            types.add(type);
        }
        if (!errors.isEmpty()) {
            throw GatewayProblem.invalid(errors);
        }
        String secret = Signatures.newSecret();
        WebhookSubscription s = WebhookSubscription.subscribe(caller.organisation(), url, List.copyOf(types),
                wanted.description() == null || wanted.description().isBlank() ? null : wanted.description().strip(),
                wanted.maxInFlight() == null ? config.maxInFlight() : wanted.maxInFlight(), secret, clock.instant());
        subscriptions.persist(s);
        subscriptions.flush();
        audit.record(caller.actor(), "WEBHOOK_SUBSCRIBED", "webhook", s.id(), null,
                Map.of("url", s.url(), "eventTypes", s.eventTypes()));
        return SubscriptionView.of(s, secret);
    }

    @Transactional
    public SubscriptionList list(Caller caller) {
        List<WebhookSubscription> found = caller.isOperator() ? subscriptions.listAll() : subscriptions.of(caller.organisation());
        return new SubscriptionList(found.stream().map(s -> SubscriptionView.of(s, null)).toList());
    }

    @Transactional
    public SubscriptionView read(String id, Caller caller) {
        return SubscriptionView.of(own(id, caller), null);
    }

    /** A new secret from now on; the previous one still signs beside it for {@code rotationOverlap}. */
    @Retried
    @Transactional
    public SubscriptionView rotateSecret(String id, Caller caller) {
        WebhookSubscription s = own(id, caller);
        String secret = Signatures.newSecret();
        s.rotate(secret, clock.instant().plus(config.rotationOverlap()));
        audit.record(caller.actor(), "WEBHOOK_SECRET_ROTATED", "webhook", s.id(), null,
                Map.of("previousValidUntil", s.previousSecretUntil().toString()));
        return SubscriptionView.of(s, secret);
    }

    /**
     * Enables the subscription again and makes due now its failed deliveries and the events of its types it has
     * no delivery for (published while it was disabled), after {@code afterSeq} (default: all).
     */
    @Retried
    @Transactional
    public ReplayView replay(String id, @Valid Replay replay, Caller caller) {
        WebhookSubscription s = own(id, caller);
        long after = replay == null || replay.afterSeq() == null ? 0 : replay.afterSeq();
        s.enable();
        subscriptions.flush();
        int pending = deliveries.replay(s, after, clock.instant());
        audit.record(caller.actor(), "WEBHOOK_REPLAYED", "webhook", s.id(), null, Map.of("afterSeq", after,
                "pending", pending));
        return new ReplayView(SubscriptionView.of(s, null), pending);
    }

    @Transactional
    public DeliveryLog deliveries(String id, Caller caller) {
        WebhookSubscription s = own(id, caller);
        return new DeliveryLog(deliveries.log(s.id(), LOG_SIZE).stream().map(d -> new DeliveryView(d.seq(), d.type(),
                d.status(), d.attempts(), d.nextAttemptAt(), d.lastAttemptAt(), d.lastStatusCode(), d.lastLatencyMs(),
                d.lastError(), d.deliveredAt())).toList());
    }

    private WebhookSubscription own(String id, Caller caller) {
        return subscriptions.findByIdOptional(id)
                .filter(s -> caller.isOperator() || s.organisation().equals(caller.organisation()))
                .orElseThrow(() -> GatewayProblem.notFound("Webhook subscription"));
    }
}
