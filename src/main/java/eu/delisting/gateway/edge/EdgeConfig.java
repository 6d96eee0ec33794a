package eu.delisting.gateway.edge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What one HTTP request may carry; see {@link TransportLimits}. */
@ConfigMapping(prefix = "gateway.edge")
public interface EdgeConfig {

    /** Longest request URI (path and query) answered; longer is 414. */
    @WithDefault("8192")
    int maxUriLength();

    /** Largest total of request header names and values; larger is 431. */
    @WithDefault("32768")
    int maxHeaderBytes();

    /**
     * Largest declared body: 1,000 URLs of 2,048 characters, or 1,000 acknowledgements with their
     * comments, fit well within it. Larger is 413.
     */
    @WithDefault("8388608")
    long maxBodyBytes();

    /**
     * Largest body of a bulk import upload ({@code POST /orders/{id}/imports}): 100,000 URLs of 640 characters
     * on average. Larger, declared or as read, is 413.
     */
    @WithDefault("67108864")
    long maxImportBytes();

    /** Whether the path is a bulk import upload, which may carry up to {@link #maxImportBytes()}. */
    static boolean isImportUpload(String path) {
        return path != null && IMPORT_UPLOAD.matcher(path).matches();
    }

    java.util.regex.Pattern IMPORT_UPLOAD = java.util.regex.Pattern.compile("/api/v1/orders/[^/]+/imports/?");
}
