package eu.delisting.gateway.requests;

import java.util.List;

/** A filing as the claimant sends it. {@code addressees} defaults to every addressee of the order. */
public record NewRequest(List<String> urls, List<String> addressees, String clientReference) {
}
