package eu.delisting.gateway.notices;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Domain gauges for Prometheus: notices by state and addressee, and overdue notices. Counted in the
 * database every refresh period (one grouped query on the notice indexes), not on every scrape.
 */
@ApplicationScoped
public class NoticeMetrics {

    private final NoticeRepository notices;
    private final Clock clock;
    private final MultiGauge byState;
    private final AtomicLong overdue = new AtomicLong();

    NoticeMetrics(NoticeRepository notices, Clock clock, MeterRegistry registry) {
        this.notices = notices;
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
        for (Object[] row : notices.countByStatusAndAddressee()) {
            rows.add(MultiGauge.Row.of(Tags.of("state", (String) row[0], "addressee", (String) row[1]),
                    ((Number) row[2]).doubleValue()));
        }
        byState.register(rows, true);
        overdue.set(notices.countOverdue(clock.instant()));
    }
}
