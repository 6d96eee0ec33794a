package eu.delisting.gateway.problems;

import io.micrometer.core.instrument.Metrics;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Security-relevant refusals, kept as structured log lines (logger {@code eu.delisting.gateway.security},
 * with the kind, organisation and record in the MDC, so JSON logs carry them as fields) and counted
 * in the metric {@code gateway_security_refusals_total{kind}}. They record the attempt, never the
 * token or the body.
 */
public final class SecurityEvents {

    /** What was refused. */
    public enum Kind {
        /** A write aimed at a record of another organisation, or at an order id the caller cannot see (404). */
        FOREIGN_RECORD_WRITE,
        /** No token, or a token that is forged, expired or for another audience (answered 401). */
        INVALID_TOKEN,
        /** A valid token whose organisation is missing or not registered (answered 403). */
        UNKNOWN_ORGANISATION,
        /** A role that lacks the right for the operation (answered 403). */
        ROLE_REFUSED
    }

    private static final Logger LOG = Logger.getLogger("eu.delisting.gateway.security");

    private SecurityEvents() {
    }

    public static void record(Kind kind, String organisation, String recordType, String recordId) {
        // The organisation comes from a verified token, but the record id is whatever the caller sent: it
        // never reaches the log as given (no line breaks or control characters to forge entries with).
        organisation = loggable(organisation);
        recordId = loggable(recordId);
        Metrics.counter("gateway.security.refusals", "kind", kind.name()).increment();
        MDC.put("securityEvent", kind.name());
        MDC.put("organisation", String.valueOf(organisation));
        MDC.put("record", recordType + "/" + recordId);
        try {
            LOG.warnf("security event %s: organisation=%s record=%s/%s", kind, organisation, recordType, recordId);
        } finally {
            MDC.remove("securityEvent");
            MDC.remove("organisation");
            MDC.remove("record");
        }
    }

    /** At most 80 characters, control characters replaced by '?'. */
    static String loggable(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        StringBuilder out = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT ? '?' : c));
        return out.toString();
    }
}
