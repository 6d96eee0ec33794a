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
 * Domain gauges for Prometheus: notices by state and addressee, read every refresh period from the notice tally (a
 * few rows per addressee, fed by the notices' own changes and folded by {@link NoticeTally}), never counted from the
 * notices; and overdue notices, two short ranges of the overdue sweep's index.
 */
@ApplicationScoped
public class NoticeMetrics {

    private final NoticeRepository notices;
    private final NoticeTallyRepository tally;
    private final Clock clock;
    private final MultiGauge byState;
    private final AtomicLong overdue = new AtomicLong();

    NoticeMetrics(NoticeRepository notices, NoticeTallyRepository tally, Clock clock, MeterRegistry registry) {
        this.notices = notices;
        this.tally = tally;
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
        for (NoticeTallyRepository.Count c : tally.counts()) {
            rows.add(MultiGauge.Row.of(Tags.of("state", c.status().name(), "addressee", c.addressee()),
                    (double) c.notices()));
        }
        byState.register(rows, true);
        overdue.set(notices.countOverdue(clock.instant()));
    }
}
