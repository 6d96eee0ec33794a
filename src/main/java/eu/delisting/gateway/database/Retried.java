package eu.delisting.gateway.database;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A transactional use case the database may pick as a deadlock victim: it runs again, from the
 * start and in a new transaction, a few times before the failure reaches the caller. Only for
 * methods that start their own transaction and have no effect outside the database.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Retried {
}
