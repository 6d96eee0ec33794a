package eu.delisting.gateway.problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.List;
import java.util.Set;

/**
 * Checks a request shape's Bean Validation constraints where the service decides, for shapes whose refusal
 * comes after the rules of access (an order that does not exist or is foreign is a 404 whatever the body):
 * the same answer as a shape validated on the method ({@code 422 VALIDATION_FAILED}, every field in member
 * order), a null body named as the whole object.
 */
@ApplicationScoped
public class Shapes {

    private final Validator validator;

    Shapes(Validator validator) {
        this.validator = validator;
    }

    public <T> T check(T shape) {
        if (shape == null) {
            throw GatewayProblem.invalid(List.of(new FieldError("", "REQUIRED", "a JSON object is required")));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(shape);
        if (!violations.isEmpty()) {
            throw ShapeViolations.problem(violations);
        }
        return shape;
    }
}
