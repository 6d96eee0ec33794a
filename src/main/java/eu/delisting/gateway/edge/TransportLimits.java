package eu.delisting.gateway.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.delisting.gateway.problems.Problem;
import eu.delisting.gateway.problems.ProblemCode;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The gateway's own limits on what a request may carry, answered as problem+json before any resource
 * runs: a request line longer than {@code max-uri-length} (414 URI_TOO_LONG), headers larger than
 * {@code max-header-bytes} (431 HEADERS_TOO_LARGE), a declared body larger than {@code max-body-bytes}
 * (413 BODY_TOO_LARGE, answered without reading the body) and a path with a broken percent-escape
 * (400 MALFORMED_REQUEST).
 *
 * <p>A URI that {@link URI} refuses is answered here too (400 MALFORMED_REQUEST). The HTTP layer would refuse it
 * first with an empty 400 unless the JVM runs with {@code -Dvertx.disableURIValidation=true}, which the build (tests,
 * dev mode), the image and the chart set; without it such requests still get a 400, only without a body.
 *
 * <p>The HTTP server's own limits ({@code quarkus.http.limits.*}) are set above these, so they are only
 * a backstop against what no client of the API sends; those answers carry no body.
 */
@ApplicationScoped
public class TransportLimits {

    private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private final EdgeConfig config;
    private final ObjectMapper json;

    TransportLimits(EdgeConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::transportFailure);
    }

    /**
     * A request the router itself refuses before any resource runs (a path that does not decode is failed
     * with 400 by the router) gets the same problem+json as everything else.
     */
    void transportFailure(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
            return;
        }
        if (context.statusCode() == 400) {
            refuse(context, ProblemCode.MALFORMED_REQUEST, "The request could not be decoded", false);
            return;
        }
        if (context.statusCode() == 413) {
            // A body sent without Content-Length (chunked) that outgrew the server's own limit while it was read.
            refuse(context, ProblemCode.BODY_TOO_LARGE, "The request body is larger than the server accepts", true);
            return;
        }
        context.next();
    }

    void check(RoutingContext context) {
        String uri = context.request().uri();
        if (uri.length() > config.maxUriLength()) {
            refuse(context, ProblemCode.URI_TOO_LONG, "The request URI is longer than " + config.maxUriLength()
                    + " characters", false);
            return;
        }
        if (headerBytes(context.request().headers()) > config.maxHeaderBytes()) {
            refuse(context, ProblemCode.HEADERS_TOO_LARGE, "The request headers are larger than "
                    + config.maxHeaderBytes() + " bytes", false);
            return;
        }
        String length = context.request().getHeader("Content-Length");
        if (length != null && declaredLength(length) < 0) {
            refuse(context, ProblemCode.MALFORMED_REQUEST, "Content-Length is not a number of bytes", true);
            return;
        }
        boolean importUpload = EdgeConfig.isImportUpload(context.request().path());
        long maxBody = importUpload ? config.maxImportBytes() : config.maxBodyBytes();
        if (length != null && declaredLength(length) > maxBody) {
            refuse(context, ProblemCode.BODY_TOO_LARGE, "The request body is larger than " + maxBody
                    + (importUpload ? " bytes; split the file" : " bytes; send at most 1,000 items per request"), true);
            return;
        }
        String path = context.request().path();
        if (path != null && BROKEN_ESCAPE.matcher(path).find()) {
            refuse(context, ProblemCode.MALFORMED_REQUEST, "The path has a '%' that is not followed by two hex digits",
                    false);
            return;
        }
        if (!validUri(uri)) {
            refuse(context, ProblemCode.MALFORMED_REQUEST, "The request URI is not a valid URI (RFC 3986)", false);
            return;
        }
        context.next();
    }

    private static boolean validUri(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The declared length; -1 when it is not a non-negative number. */
    private static long declaredLength(String header) {
        try {
            long length = Long.parseLong(header.trim());
            return length < 0 ? -1 : length;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private void refuse(RoutingContext context, ProblemCode code, String detail, boolean unreadBody) {
        String instance = context.request().uri().length() > 200 ? null : context.request().path();
        String body;
        try {
            body = json.writeValueAsString(Problem.of(code, detail, instance));
        } catch (JsonProcessingException e) {
            body = "{\"type\":\"" + code.type() + "\",\"title\":\"" + code.title() + "\",\"status\":" + code.status()
                    + ",\"code\":\"" + code.name() + "\"}";
        }
        var response = context.response().setStatusCode(code.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Content-Type-Options", "nosniff");
        if (unreadBody) {
            // The body is not read: the connection cannot carry another request after this answer.
            response.putHeader("Connection", "close");
        }
        response.end(body);
    }
}
