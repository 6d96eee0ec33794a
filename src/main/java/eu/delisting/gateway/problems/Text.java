package eu.delisting.gateway.problems;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A free-text field under the {@link FreeText} rule: at most {@link #max()} characters ({@code TOO_LONG}),
 * and text that reads the same to every party ({@code INVALID_TEXT}). Null is left to {@code @NotNull}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Text.Validator.class)
public @interface Text {

    int max();

    String message() default "INVALID_TEXT: is not acceptable text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Text, String> {
        private int max;

        @Override
        public void initialize(Text text) {
            this.max = text.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String refusal = value.length() > max ? "TOO_LONG: is at most " + max + " characters"
                    : FreeText.problem(value) == null ? null : "INVALID_TEXT: " + FreeText.problem(value);
            if (refusal == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            // Not a message template: the refused text must never be interpolated.
            context.buildConstraintViolationWithTemplate(refusal.replace("{", "\\{").replace("$", "\\$"))
                    .addConstraintViolation();
            return false;
        }
    }
}
