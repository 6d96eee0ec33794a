package eu.delisting.gateway.database;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import org.jboss.logging.Logger;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a {@link Retried} use case again when the database rolled it back as a deadlock victim.
 * Placed outside the transaction interceptor, so each attempt is a whole new transaction; inside a
 * transaction that is already running it does nothing, because only the outermost one can retry.
 */
@Retried
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class DeadlockRetries {

    static final int ATTEMPTS = 4;
    private static final Logger LOG = Logger.getLogger(DeadlockRetries.class);

    @Inject
    TransactionManager transactions;

    @AroundInvoke
    Object retry(InvocationContext invocation) throws Exception {
        if (inTransaction()) {
            return invocation.proceed();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return invocation.proceed();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || DatabaseFailure.of(e).filter(f -> f == DatabaseFailure.DEADLOCK).isEmpty()) {
                    throw e;
                }
                LOG.debugf("Deadlock in %s, attempt %d of %d", invocation.getMethod().getName(), attempt, ATTEMPTS);
                Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
            }
        }
    }

    private boolean inTransaction() throws SystemException {
        return transactions.getStatus() != Status.STATUS_NO_TRANSACTION;
    }
}
