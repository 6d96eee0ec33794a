package eu.delisting.gateway.problems;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Turns the Bean Validation violations of a request shape into the gateway's field errors. Every
 * constraint's message is {@code CODE: detail}; the field is the JSON path of the value
 * ({@code urls[3]}, {@code items[2].status}), and a detail written as a predicate is completed with
 * it ("name is at most 200 characters"); errors come in the order of the
 * shape's members, so an answer is the same on every run.
 */
public final class ShapeViolations {

    /** A detail written as a predicate ("is at most 200 characters") is completed with the field's name. */
    private static final java.util.regex.Pattern PREDICATE = java.util.regex.Pattern.compile("(is|must|contains) ");

    private static final java.util.regex.Pattern INDEX = java.util.regex.Pattern.compile("\\[(\\d+)]");

    private ShapeViolations() {
    }

    public static GatewayProblem problem(Set<? extends ConstraintViolation<?>> violations) {
        return GatewayProblem.invalid(violations.stream()
                .map(ShapeViolations::located)
                .sorted(Comparator.comparingInt(Located::member).thenComparing(l -> sortable(l.error().field())))
                .map(Located::error)
                .toList());
    }

    private record Located(int member, FieldError error) {
    }

    private static Located located(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String topMember = null;
        Object shape = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                int index = node.as(Path.ParameterNode.class).getParameterIndex();
                Object[] parameters = violation.getExecutableParameters();
                shape = parameters == null || index >= parameters.length ? null : parameters[index];
                continue;
            }
            if (node.getKind() != ElementKind.PROPERTY && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null && node.getKind() == ElementKind.PROPERTY) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                if (topMember == null) {
                    topMember = node.getName();
                }
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            } else if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
        }
        if (shape == null) {
            // Validated as a bean rather than as a method's parameter: the shape is the root.
            shape = violation.getRootBean();
        }
        String message = violation.getMessage();
        int colon = message.indexOf(": ");
        String code = colon > 0 ? message.substring(0, colon) : "INVALID_VALUE";
        String detail = colon > 0 ? message.substring(colon + 2) : message;
        String name = field.toString();
        return new Located(memberIndex(shape, topMember),
                new FieldError(name, code, name.isEmpty() || !PREDICATE.matcher(detail).lookingAt() ? detail : name + " " + detail));
    }

    /** The field with its indices zero-padded, so that urls[2] comes before urls[10]. */
    private static String sortable(String field) {
        return INDEX.matcher(field).replaceAll(m -> "[" + "0".repeat(Math.max(0, 10 - m.group(1).length())) + m.group(1) + "]");
    }

    private static int memberIndex(Object shape, String member) {
        if (shape == null || member == null || !shape.getClass().isRecord()) {
            return -1;
        }
        List<String> members = Arrays.stream(shape.getClass().getRecordComponents()).map(RecordComponent::getName).toList();
        return members.indexOf(member);
    }
}
