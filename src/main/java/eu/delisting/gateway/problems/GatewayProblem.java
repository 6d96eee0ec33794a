package eu.delisting.gateway.problems;

import java.util.List;

/**
 * A domain refusal. Services throw it; the one {@link ProblemMapper} turns it into problem+json.
 * It carries no stack trace: it is an answer, not a failure.
 */
public class GatewayProblem extends RuntimeException {

    private final ProblemCode code;
    private final List<?> errors;

    public GatewayProblem(ProblemCode code, String detail) {
        this(code, detail, List.of());
    }

    public GatewayProblem(ProblemCode code, String detail, List<?> errors) {
        super(detail, null, false, false);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public ProblemCode code() {
        return code;
    }

    public List<?> errors() {
        return errors;
    }

    public static GatewayProblem notFound(String what) {
        return new GatewayProblem(ProblemCode.NOT_FOUND, what + " not found");
    }

    public static GatewayProblem invalid(List<FieldError> errors) {
        return new GatewayProblem(ProblemCode.VALIDATION_FAILED,
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
    }
}
