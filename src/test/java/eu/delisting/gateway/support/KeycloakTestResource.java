package eu.delisting.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts a real Keycloak ({@link KeycloakServer}) and points two further OIDC tenants of the
 * gateway at its two realms. Started once for the whole test run (the resource is global),
 * stopped when the run ends.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String URL_PROPERTY = "gateway.test.keycloak-url";

    private KeycloakServer keycloak;

    @Override
    public Map<String, String> start() {
        keycloak = KeycloakServer.start();
        String url = keycloak.url();
        System.out.printf("Keycloak ready on %s in %.1f s%n", url, keycloak.startSeconds());
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
                Map.entry("quarkus.oidc.partners.application-type", "service"));
    }

    @Override
    public synchronized void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
    }
}
