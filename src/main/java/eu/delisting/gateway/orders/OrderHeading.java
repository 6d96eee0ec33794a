package eu.delisting.gateway.orders;

import java.util.List;

/**
 * What a page about an order's records names of the order itself: its id, its reference and the engines it
 * addresses (read without its scope, claimants or versions).
 */
public record OrderHeading(String id, String reference, List<String> addressees) {
}
