package eu.delisting.gateway.demo;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * The gateway as {@code ./mvnw quarkus:dev} runs it: the demo built in (DemoData, /dev/identity),
 * tokens from Quarkus' built-in OIDC dev service with the demo users' roles and organisations (defined
 * for dev and test in application.properties), and a database of its own on the embedded server, so
 * the demo is seeded on an empty schema.
 */
public class DemoGatewayProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "gateway.demo.enabled", "true",
                "gateway.embedded-database.name", "demo",
                "quarkus.oidc.devservices.enabled", "true",
                // The test key pair's default tenant gives way to the dev service, as in dev mode.
                "quarkus.oidc.public-key", "",
                "quarkus.oidc.token.issuer", "",
                "quarkus.oidc.token.audience", "");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of();
    }
}
