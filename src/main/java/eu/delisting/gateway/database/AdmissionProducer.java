package eu.delisting.gateway.database;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The replica's {@link Admission}: the pool's size less the reserved connections, at least one; watched as the
 * gauges {@code gateway_admission_requests} (admitted now), {@code gateway_admission_waiting} (in line) and
 * {@code gateway_admission_capacity}.
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
}
