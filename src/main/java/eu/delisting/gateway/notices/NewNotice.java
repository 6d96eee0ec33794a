package eu.delisting.gateway.notices;

import eu.delisting.gateway.scope.ScopeKind;

import java.time.Instant;

/**
 * A notice a filing asks for. {@code dueAt} and {@code measureEndsAt} are null while the addressee
 * has not been served (the notice starts PENDING_NOTIFICATION).
 */
public record NewNotice(int index, String orderId, String requestId, String claimant, String addressee,
                        String filedUrl, String canonicalUrl, ScopeKind matchedKind, String matchedValue,
                        Instant dueAt, Instant measureEndsAt) {
}
