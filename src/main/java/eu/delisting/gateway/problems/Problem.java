package eu.delisting.gateway.problems;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The RFC 9457 body of every non-2xx answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, String instance,
                      List<?> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The body for a code, for answers given before the request reaches a resource (transport limits). */
    public static Problem of(ProblemCode code, String detail, String instance) {
        return of(code, detail, instance, List.of());
    }

    static Problem of(ProblemCode code, String detail, String instance, List<?> errors) {
        return new Problem(code.type(), code.title(), code.status(), detail, code.name(), instance,
                errors == null || errors.isEmpty() ? null : List.copyOf(errors));
    }
}
