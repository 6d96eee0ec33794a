package eu.delisting.gateway.demo;

import io.quarkus.arc.profile.UnlessBuildProfile;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.TreeMap;

/**
 * Dev mode only: where the built-in OIDC dev service (which listens on a random port) issues tokens,
 * and which demo users exist. Lets the README walkthrough fetch a token without reading logs. Built in
 * only with the demo ({@code gateway.demo.enabled} at build time); never in the production artifact.
 */
@IfBuildProperty(name = "gateway.demo.enabled", stringValue = "true")
@UnlessBuildProfile("prod")
@Path("/dev/identity")
@Produces(MediaType.APPLICATION_JSON)
public class DevIdentityResource {

    private final String authServerUrl;
    private final Map<String, String> users;

    DevIdentityResource(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String authServerUrl,
                        @ConfigProperty(name = "gateway.tenants.dev-user-organisations") Map<String, String> users) {
        this.authServerUrl = authServerUrl;
        this.users = new TreeMap<>(users);
    }

    public record DevIdentity(String tokenEndpoint, String clientId, String clientSecret, String grantType,
                              Map<String, String> userOrganisations, String example) {
    }

    @GET
    public DevIdentity identity() {
        String token = authServerUrl + "/token";
        return new DevIdentity(token, "quarkus-app", "secret", "password", users,
                "curl -s -d grant_type=password -d username=apc -d client_id=quarkus-app -d client_secret=secret "
                        + token);
    }
}
