package eu.delisting.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points two further OIDC tenants of the gateway (and the console's) at the two realms of a real Keycloak:
 * the one the build started in the background for the tests and the benchmark ({@link KeycloakServer#shared()}),
 * or one started here outside Maven. Found once for the whole test run (the resource is global) and kept across
 * the restart a test profile causes (its URL is remembered in a system property, shared by every class loader).
 * The application's start waits for it (the tenants' connection delay), not this resource: it comes up while
 * the test application builds and its database starts.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String URL_PROPERTY = "gateway.test.keycloak-url";

    private static final String STARTED = "gateway.test.keycloak-started-url";

    /** How long the application's start waits for Keycloak to answer (45 to 60 s from launch in the build). */
    private static final String CONNECTION_DELAY = "PT3M";

    @Override
    public Map<String, String> start() {
        String url;
        synchronized (System.getProperties()) {
            url = System.getProperty(STARTED);
            if (url == null) {
                KeycloakServer keycloak = KeycloakServer.shared();
                url = keycloak.url();
                System.setProperty(STARTED, url);
                System.out.printf("Keycloak on %s (process %d) for this test run%n", url, keycloak.pid());
            }
        }
        return Map.ofEntries(
                Map.entry(URL_PROPERTY, url),
                Map.entry("quarkus.oidc.resolve-tenants-with-issuer", "true"),
                Map.entry("quarkus.oidc.keycloak.auth-server-url", url + "/realms/delisting"),
                Map.entry("quarkus.oidc.keycloak.token.audience", "delisting-gateway"),
                Map.entry("quarkus.oidc.keycloak.roles.role-claim-path", "realm_access/roles"),
                Map.entry("quarkus.oidc.keycloak.application-type", "service"),
                Map.entry("quarkus.oidc.keycloak.connection-delay", CONNECTION_DELAY),
                Map.entry("quarkus.oidc.partners.auth-server-url", url + "/realms/partners"),
                Map.entry("quarkus.oidc.partners.token.audience", "delisting-gateway"),
                Map.entry("quarkus.oidc.partners.roles.role-claim-path", "realm_access/roles"),
                Map.entry("quarkus.oidc.partners.application-type", "service"),
                Map.entry("quarkus.oidc.partners.connection-delay", CONNECTION_DELAY),
                Map.entry("quarkus.oidc.console.auth-server-url", url + "/realms/delisting"),
                Map.entry("quarkus.oidc.console.connection-delay", CONNECTION_DELAY));
    }

    @Override
    public void stop() {
        // Kept for the next application start of this run; KeycloakServer's shutdown hook stops it.
    }
}
