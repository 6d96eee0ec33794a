package eu.delisting.gateway.database;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The replica's {@link Admission}: the pool's size less the reserved connections, at least one; watched as the
 * gauges {@code gateway_admission_requests} (admitted now), {@code gateway_admission_waiting} (in line) and
 * {@code gateway_admission_capacity}; and the line batches of acknowledgements wait in before it ({@link ForBatches}),
 * watched as {@code gateway_admission_batches} (running now) and {@code gateway_admission_batches_waiting}.
 */
@ApplicationScoped
class AdmissionProducer {

    @Produces
    @ApplicationScoped
    Admission admission(AdmissionConfig config, MeterRegistry registry,
                        @ConfigProperty(name = "quarkus.datasource.jdbc.max-size", defaultValue = "20") int poolSize) {
        Admission admission = new Admission(Math.max(1, poolSize - config.reservedConnections()), config.queueWait());
        Gauge.builder("gateway.admission.requests", admission, Admission::inUse)
                .description("API requests holding a share of the database now").register(registry);
        Gauge.builder("gateway.admission.waiting", admission, Admission::waiting)
                .description("API requests waiting in line for a share of the database").register(registry);
        Gauge.builder("gateway.admission.capacity", admission, Admission::capacity)
                .description("API requests admitted at once (connection pool less the reserved connections)")
                .register(registry);
        return admission;
    }

    @Produces
    @ApplicationScoped
    @ForBatches
    Admission batches(AdmissionConfig config, MeterRegistry registry) {
        Admission batches = new Admission(config.batchCapacity(), config.queueWait(),
                "The gateway is recording as many batches of acknowledgements as it runs at once");
        Gauge.builder("gateway.admission.batches", batches, Admission::inUse)
                .description("Batches of acknowledgements running now").register(registry);
        Gauge.builder("gateway.admission.batches.waiting", batches, Admission::waiting)
                .description("Batches of acknowledgements waiting in their line").register(registry);
        return batches;
    }
}
