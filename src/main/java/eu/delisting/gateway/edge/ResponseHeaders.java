package eu.delisting.gateway.edge;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Headers every API answer carries. Tenant data is never cached by a browser or a shared proxy
 * ({@code Cache-Control: no-store}) and never content-sniffed ({@code nosniff}). Behind a TLS
 * ingress (the request arrived as https, per the forwarded headers), browsers are told to keep to
 * HTTPS ({@code Strict-Transport-Security}). A 405 names the methods the path does answer ({@code Allow}).
 */
public class ResponseHeaders {

    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final ResourceMethods methods;

    ResponseHeaders(ResourceMethods methods) {
        this.methods = methods;
    }

    @ServerResponseFilter
    public void apply(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/api/")) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
            response.getHeaders().putSingle("Pragma", "no-cache");
        }
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        if (response.getStatus() == 405 && !response.getHeaders().containsKey(HttpHeaders.ALLOW)) {
            String allowed = methods.allowed(path.startsWith("/") ? path : "/" + path);
            if (!allowed.isEmpty()) {
                response.getHeaders().putSingle(HttpHeaders.ALLOW, allowed);
            }
        }
        String scheme = request.getUriInfo().getRequestUri().getScheme();
        String forwarded = request.getHeaderString("X-Forwarded-Proto");
        if ("https".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(forwarded)) {
            response.getHeaders().putSingle("Strict-Transport-Security", HSTS);
        }
    }
}
