package eu.delisting.gateway.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import eu.delisting.gateway.database.Admission;
import eu.delisting.gateway.database.DatabaseFailure;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Optional;

/**
 * The one place where failures become HTTP answers. Every answer is problem+json with a stable code;
 * none carries a class name, a stack trace or SQL. Unexpected failures are logged with an id that
 * the answer repeats, so an operator can find them without the caller learning anything.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response gatewayProblem(GatewayProblem problem, UriInfo uri) {
        return respond(problem.code(), problem.getMessage(), uri, problem.errors());
    }

    /** A request shape refused by its Bean Validation constraints (see {@link ShapeViolations}). */
    @ServerExceptionMapper
    public Response invalidShape(ConstraintViolationException e, UriInfo uri) {
        return gatewayProblem(ShapeViolations.problem(e.getConstraintViolations()), uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return respond(ProblemCode.MALFORMED_REQUEST, "The request body is not valid JSON for this operation"
                + location(e), uri, List.of());
    }

    /** A value of the wrong type (text for a number, an object for a list): Quarkus' own mapper would answer it. */
    @ServerExceptionMapper
    public Response mistypedJson(MismatchedInputException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce("", (a, b) -> a.isEmpty() || b.startsWith("[") ? a + b : a + "." + b);
        return respond(ProblemCode.MALFORMED_REQUEST, field.isEmpty()
                ? "The request body does not have the expected shape"
                : "Field '" + field + "' does not have the expected type", uri, List.of());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        SecurityEvents.record(SecurityEvents.Kind.INVALID_TOKEN, null, "path", uri == null ? "?" : uri.getPath());
        return Response.fromResponse(respond(ProblemCode.UNAUTHORIZED,
                        "A valid bearer token issued for this gateway is required", uri, List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        SecurityEvents.record(SecurityEvents.Kind.ROLE_REFUSED, null, "path", uri == null ? "?" : uri.getPath());
        return respond(ProblemCode.FORBIDDEN, "Your organisation's role does not allow this operation", uri, List.of());
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        ProblemCode code = switch (status) {
            case 400 -> ProblemCode.MALFORMED_REQUEST;
            case 401 -> ProblemCode.UNAUTHORIZED;
            case 403 -> ProblemCode.FORBIDDEN;
            case 404 -> ProblemCode.NOT_FOUND;
            case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
            case 406 -> ProblemCode.NOT_ACCEPTABLE;
            case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            default -> null;
        };
        if (code == null) {
            return unexpected(e, uri);
        }
        String detail = switch (code) {
            case NOT_FOUND -> "No such resource";
            case METHOD_NOT_ALLOWED -> "This method is not supported on this resource";
            case NOT_ACCEPTABLE -> "No representation of this resource matches the Accept header";
            case UNSUPPORTED_MEDIA_TYPE -> uri != null && uri.getPath().endsWith("/imports")
                    ? "Send the file as text/csv or application/x-ndjson" : "Send application/json";
            case MALFORMED_REQUEST -> "The request is malformed";
            default -> code.title();
        };
        return respond(code, detail, uri, List.of());
    }

    /** The request's line stayed full while it waited (see {@link Admission}): nothing was done. */
    @ServerExceptionMapper
    public Response atCapacity(Admission.AtCapacity e, UriInfo uri) {
        LOG.warnf("Request refused at capacity: %s", e.getMessage());
        return Response.fromResponse(respond(ProblemCode.SERVICE_UNAVAILABLE,
                        e.refusal() + "; nothing was stored. Try again shortly",
                        uri, List.of()))
                .header(HttpHeaders.RETRY_AFTER, "1").build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        Optional<DatabaseFailure> database = DatabaseFailure.of(e);
        if (database.isPresent()) {
            return databaseFailure(database.get(), e, uri);
        }
        String incident = java.util.UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s", incident);
        return respond(ProblemCode.INTERNAL_ERROR, "The gateway could not complete this request (incident "
                + incident + ")", uri, List.of());
    }

    /**
     * The database refused or could not answer. A refusal by a key or constraint is a conflict with
     * what another request stored first (409); anything transient (deadlock after retries, lock
     * wait, timeout, unreachable database, no free connection) is 503 with Retry-After: nothing was
     * stored, and the same request may be sent again.
     */
    private Response databaseFailure(DatabaseFailure failure, Throwable e, UriInfo uri) {
        return switch (failure) {
            case DUPLICATE -> respond(ProblemCode.CONFLICT,
                    "Another request stored the same record first; read it before trying again", uri, List.of());
            case CONSTRAINT -> respond(ProblemCode.CONFLICT,
                    "The change conflicts with the stored records; nothing was stored", uri, List.of());
            case DEADLOCK, LOCK_TIMEOUT, UNAVAILABLE -> {
                LOG.warnf("Database %s: %s", failure, rootMessage(e));
                yield Response.fromResponse(respond(ProblemCode.SERVICE_UNAVAILABLE, failure == DatabaseFailure.UNAVAILABLE
                                ? "The database is unavailable; nothing was stored. Try again shortly"
                                : "The records are busy; nothing was stored. Try again shortly", uri, List.of()))
                        .header(HttpHeaders.RETRY_AFTER, failure == DatabaseFailure.UNAVAILABLE ? "5" : "1").build();
            }
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String location(JsonProcessingException e) {
        if (e.getLocation() == null) {
            return "";
        }
        return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    static Response respond(ProblemCode code, String detail, UriInfo uri, List<?> errors) {
        String instance = uri == null ? null : uri.getRequestUri().getRawPath();
        return Response.status(code.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(code, detail, instance, errors))
                .build();
    }
}
