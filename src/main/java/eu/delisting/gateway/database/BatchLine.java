package eu.delisting.gateway.database;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method that records a batch of acknowledgements: its requests wait in the batches' line
 * ({@link ForBatches}, a few at once) before they take a share of the database.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BatchLine {
}
