package eu.delisting.gateway.tenants;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Ready only while the identity provider answers its discovery document: without it no token can
 * be verified (keys are fetched from it), so the gateway should not receive traffic.
 */
@Readiness
@ApplicationScoped
public class IdentityProviderHealthCheck implements HealthCheck {

    private final Optional<String> authServerUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(800)).build();

    IdentityProviderHealthCheck(@ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl) {
        this.authServerUrl = authServerUrl;
    }

    @Override
    public HealthCheckResponse call() {
        if (authServerUrl.isEmpty() || authServerUrl.get().isBlank()) {
            return HealthCheckResponse.named("identity-provider").up()
                    .withData("mode", "static verification key, no provider to reach").build();
        }
        String discovery = authServerUrl.get().replaceAll("/+$", "") + "/.well-known/openid-configuration";
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(discovery))
                    .timeout(Duration.ofMillis(800)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return HealthCheckResponse.named("identity-provider").status(response.statusCode() == 200)
                    .withData("issuer", authServerUrl.get()).withData("status", response.statusCode()).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("identity-provider").down()
                    .withData("issuer", authServerUrl.get()).withData("reason", "unreachable").build();
        }
    }
}
