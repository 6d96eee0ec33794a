package eu.delisting.gateway.paging;

import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;

import java.util.List;

/**
 * Numeric query parameters (limit, from, checkpointSeq) read as text and parsed here, so that
 * {@code limit=abc} or a number past the type's range is a 422 naming the parameter, not the 404
 * that JAX-RS gives when it cannot convert a query parameter.
 */
public final class QueryNumbers {

    private QueryNumbers() {
    }

    /** The parameter as an int, or null when absent. */
    public static Integer integer(String name, String value) {
        Long parsed = number(name, value);
        if (parsed == null) {
            return null;
        }
        if (parsed > Integer.MAX_VALUE || parsed < Integer.MIN_VALUE) {
            throw refused(name);
        }
        return parsed.intValue();
    }

    /** The parameter as a long, or null when absent. */
    public static Long number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw refused(name);
        }
    }

    private static GatewayProblem refused(String name) {
        return GatewayProblem.invalid(List.of(new FieldError(name, "INVALID_NUMBER",
                name + " is a whole number within the documented range")));
    }
}
