package eu.delisting.gateway.database;

import jakarta.inject.Qualifier;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The second line batches of acknowledgements wait in, before the requests' line: how many batches run at once
 * on one replica ({@link AdmissionConfig#batchCapacity()}).
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE})
public @interface ForBatches {
}
