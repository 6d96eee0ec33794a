package eu.delisting.gateway.demo;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway as {@code ./mvnw quarkus:dev} runs it: the demo built in (DemoData, /dev/identity),
 * tokens from Quarkus' built-in OIDC dev service with the dev users' roles and organisations, and a
 * database of its own on the embedded server, so the demo is seeded on an empty schema.
 */
public class DemoGatewayProfile implements QuarkusTestProfile {

    static final Map<String, String> DEMO_USERS = Map.ofEntries(
            Map.entry("operator", "operator"), Map.entry("arcom", "authority"),
            Map.entry("court-auditor", "auditor"),
            Map.entry("apc", "rights-holder"), Map.entry("fndf", "rights-holder"), Map.entry("sevn", "rights-holder"),
            Map.entry("upf", "rights-holder"), Map.entry("spi", "rights-holder"),
            Map.entry("google", "search-engine"), Map.entry("microsoft", "search-engine"),
            Map.entry("yahoo", "search-engine"), Map.entry("orange", "search-engine"));

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("gateway.demo.enabled", "true");
        config.put("gateway.embedded-database.name", "demo");
        config.put("quarkus.oidc.devservices.enabled", "true");
        // The test key pair's default tenant gives way to the dev service, as in dev mode.
        config.put("quarkus.oidc.public-key", "");
        config.put("quarkus.oidc.token.issuer", "");
        config.put("quarkus.oidc.token.audience", "");
        DEMO_USERS.forEach((user, role) -> {
            config.put("quarkus.oidc.devservices.roles." + user, role);
            config.put("gateway.tenants.dev-user-organisations." + user, user);
        });
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of();
    }
}
