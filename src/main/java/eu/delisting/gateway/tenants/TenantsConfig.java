package eu.delisting.gateway.tenants;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

@ConfigMapping(prefix = "gateway.tenants")
public interface TenantsConfig {

    /** The token claim that names the caller's organisation. */
    @WithDefault("org")
    String organisationClaim();

    /**
     * Organisation per user name, for an identity provider that cannot put the organisation claim in
     * its tokens: Quarkus' built-in OIDC dev service. Honoured only outside production; a production
     * token without the claim belongs to no organisation.
     */
    Map<String, String> devUserOrganisations();
}
