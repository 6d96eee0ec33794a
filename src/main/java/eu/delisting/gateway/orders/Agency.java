package eu.delisting.gateway.orders;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The mandates under which agents act for claimants, as the orders need to see them. The mandates
 * feature, which records them, implements this; the orders never depend on it.
 */
public interface Agency {

    /** What one mandate in force covers: all orders of its principal, or the listed ones. */
    record Cover(String mandateId, String principal, boolean allOrders, Set<String> orders) {

        public boolean covers(String orderId) {
            return allOrders || orders.contains(orderId);
        }
    }

    /** The agent's mandates in force at {@code now}. */
    List<Cover> inForce(String agent, Instant now);

    /**
     * {@link #inForce}, each mandate row held with a shared lock until commit, so that a revocation
     * waits for the filings made under the mandate and every filing after it sees it revoked.
     */
    List<Cover> inForceLocked(String agent, Instant now);

    /** Every principal the agent has ever held a mandate from, in force or not. */
    Set<String> anyPrincipals(String agent);
}
