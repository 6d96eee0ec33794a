package eu.delisting.gateway.orders;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "gateway.scope")
public interface ScopeConfig {

    /**
     * Shared platforms, CDNs and public resolvers, as domain suffixes or IP addresses. A DOMAIN entry
     * on or under one is refused; a HOST or URL_PREFIX entry needs the operator's override reason.
     */
    @WithDefault("google.com,googleusercontent.com,youtube.com,blogspot.com,facebook.com,instagram.com,"
            + "twitter.com,x.com,wikipedia.org,github.com,github.io,microsoft.com,bing.com,yahoo.com,orange.fr,"
            + "amazonaws.com,cloudfront.net,akamaihd.net,akamaized.net,cloudflare.com,cloudflare.net,fastly.net,"
            + "azureedge.net,archive.org,dropbox.com,1.1.1.1,1.0.0.1,8.8.8.8,8.8.4.4,9.9.9.9")
    List<String> protectedInfrastructure();

    /**
     * A Public Suffix List file to use instead of the bundled one (publicsuffix.org's
     * {@code public_suffix_list.dat}, with its VERSION header), so that operators take a newer list without a
     * rebuild. Unset: the copy bundled by crawler-commons (see pom.xml).
     */
    Optional<Path> publicSuffixList();

    /** A list older than this is reported stale in readiness details and by the age metric. */
    @WithDefault("P180D")
    Duration publicSuffixListMaxAge();
}
