package eu.delisting.gateway.orders;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Clock;
import java.time.Duration;

/**
 * Which Public Suffix List the scope rules use and how old it is: in readiness details (always UP: an old
 * list still decides, only less well) with {@code stale: true} past {@code gateway.scope.public-suffix-list-max-age},
 * and as the gauge {@code gateway_public_suffix_list_age_days}.
 */
@Readiness
@ApplicationScoped
@io.quarkus.runtime.Startup
public class PublicSuffixListReadiness implements HealthCheck {

    private final ScopeRules rules;
    private final Clock clock;

    PublicSuffixListReadiness(ScopeRules rules, Clock clock, MeterRegistry registry) {
        this.rules = rules;
        this.clock = clock;
        Gauge.builder("gateway.public.suffix.list.age.days", this, PublicSuffixListReadiness::ageDays)
                .description("Days since the Public Suffix List in use was published (-1: unknown)")
                .register(registry);
    }

    double ageDays() {
        return rules.publicSuffixListPublishedAt()
                .map(at -> (double) Duration.between(at, clock.instant()).toDays()).orElse(-1.0);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("public-suffix-list").up()
                .withData("version", rules.publicSuffixListVersion())
                .withData("ageDays", (long) ageDays())
                .withData("stale", rules.isStale(clock.instant()))
                .build();
    }
}
