package eu.delisting.gateway.problems;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * An identifier a caller chooses (organisation ids): 2 to 63 lowercase letters, digits or inner
 * hyphens. A missing or blank value is left to {@code @NotBlank}, so it is reported once.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Slug.Validator.class)
public @interface Slug {

    Pattern SHAPE = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])$");

    String message() default "INVALID_SLUG: must be 2 to 63 lowercase letters, digits or inner hyphens";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Slug, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isBlank() || SHAPE.matcher(value).matches();
        }
    }
}
