package eu.delisting.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts a real Keycloak ({@link KeycloakServer}) and points two further OIDC tenants of the
 * gateway at its two realms. Started once for the whole test run (the resource is global) and kept
 * across the restart a test profile causes (its URL is remembered in a system property, shared by
 * every class loader); its shutdown hook stops it when the run ends.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String URL_PROPERTY = "gateway.test.keycloak-url";

    private static final String STARTED = "gateway.test.keycloak-started-url";

    @Override
    public Map<String, String> start() {
        String url;
        synchronized (System.getProperties()) {
            url = System.getProperty(STARTED);
            if (url == null) {
                KeycloakServer keycloak = KeycloakServer.start();
                url = keycloak.url();
                System.setProperty(STARTED, url);
                System.out.printf("Keycloak ready on %s in %.1f s%n", url, keycloak.startSeconds());
            }
        }
        return Map.ofEntries(
                Map.entry(URL_PROPERTY, url),
                Map.entry("quarkus.oidc.resolve-tenants-with-issuer", "true"),
                Map.entry("quarkus.oidc.keycloak.auth-server-url", url + "/realms/delisting"),
                Map.entry("quarkus.oidc.keycloak.token.audience", "delisting-gateway"),
                Map.entry("quarkus.oidc.keycloak.roles.role-claim-path", "realm_access/roles"),
                Map.entry("quarkus.oidc.keycloak.application-type", "service"),
                Map.entry("quarkus.oidc.partners.auth-server-url", url + "/realms/partners"),
                Map.entry("quarkus.oidc.partners.token.audience", "delisting-gateway"),
                Map.entry("quarkus.oidc.partners.roles.role-claim-path", "realm_access/roles"),
                Map.entry("quarkus.oidc.partners.application-type", "service"),
                Map.entry("quarkus.oidc.console.auth-server-url", url + "/realms/delisting"));
    }

    @Override
    public void stop() {
        // Kept for the next application start of this run; KeycloakServer's shutdown hook stops it.
    }
}
