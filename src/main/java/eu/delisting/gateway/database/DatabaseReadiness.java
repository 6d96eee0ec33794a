package eu.delisting.gateway.database;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Ready only while the database answers, and the probe itself answers within a second whatever the
 * database does (frozen, gone, every connection busy): the check runs on its own thread and is
 * abandoned after {@link #BUDGET_MILLIS}. The answer names no driver, host or error text.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final long BUDGET_MILLIS = 800;

    private final AgroalDataSource dataSource;
    private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();

    DatabaseReadiness(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        CompletableFuture<Boolean> probe = CompletableFuture.supplyAsync(this::answers, probes);
        boolean up;
        try {
            up = probe.get(BUDGET_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            up = false;
        } catch (Exception e) {
            probe.cancel(true);
            up = false;
        }
        return HealthCheckResponse.named("database").status(up)
                .withData("state", up ? "answering" : "unavailable").build();
    }

    private boolean answers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (Exception e) {
            return false;
        }
    }
}
