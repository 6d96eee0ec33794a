package eu.delisting.gateway.notices;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Domain gauges for Prometheus: notices by state and addressee, and overdue notices. Counted in the
 * database every refresh period (one grouped query on the notice indexes), not on every scrape.
 */
@ApplicationScoped
public class NoticeMetrics {

    private final EntityManager em;
    private final Clock clock;
    private final MultiGauge byState;
    private final AtomicLong overdue = new AtomicLong();

    NoticeMetrics(EntityManager em, Clock clock, MeterRegistry registry) {
        this.em = em;
        this.clock = clock;
        this.byState = MultiGauge.builder("gateway.notices").description("Notices by state and addressee")
                .register(registry);
        Gauge.builder("gateway.notices.overdue", overdue, AtomicLong::get)
                .description("Notices past their due instant and not delisted or rejected").register(registry);
    }

    @Scheduled(every = "${gateway.metrics.refresh}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Object r : em.createNativeQuery(
                "SELECT status, addressee_id, COUNT(*) FROM notice GROUP BY status, addressee_id").getResultList()) {
            Object[] row = (Object[]) r;
            rows.add(MultiGauge.Row.of(Tags.of("state", (String) row[0], "addressee", (String) row[1]),
                    ((Number) row[2]).doubleValue()));
        }
        byState.register(rows, true);
        Number late = (Number) em.createNativeQuery(
                        "SELECT COUNT(*) FROM notice WHERE status IN ('PENDING', 'RECEIVED') AND due_at < ?1")
                .setParameter(1, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).getSingleResult();
        overdue.set(late.longValue());
    }
}
