package eu.delisting.gateway.notices;

import java.util.List;

/** An acknowledgement as an engine sends it; text fields so that bad values are named, not rejected as JSON. */
public record AcknowledgementInput(String noticeId, String status, String effectiveAt, List<String> territories,
                                   List<String> frontEnds, String reasonCode, String comment) {
}
