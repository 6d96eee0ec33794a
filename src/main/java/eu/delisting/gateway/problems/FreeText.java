package eu.delisting.gateway.problems;

import java.util.List;

/**
 * The rule for every free-text field a caller sends (references, reasons, evidence, comments,
 * names): at most its documented length, and only text that reads the same to every party. NUL and
 * other control characters (line breaks and tabs excepted), bidirectional overrides and isolates
 * (which can make a stored reason display as something else) and lone surrogates (which are not
 * text and would be stored as '?') are refused with the field named, never stored altered.
 */
public final class FreeText {

    private FreeText() {
    }

    /** Adds a field error for {@code value} if it breaks the rule; null values are the caller's concern. */
    public static void check(String field, String value, int maxLength, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        if (value.length() > maxLength) {
            errors.add(new FieldError(field, "TOO_LONG", field + " is at most " + maxLength + " characters"));
            return;
        }
        String problem = problem(value);
        if (problem != null) {
            errors.add(new FieldError(field, "INVALID_TEXT", field + " " + problem));
        }
    }

    /** Why the text is refused, or null if it is acceptable. */
    static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains a lone surrogate, which is not text";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains a lone surrogate, which is not text";
            }
            if (c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            if (Character.isISOControl(c)) {
                return "contains a control character (U+" + String.format("%04X", (int) c) + ")";
            }
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                return "contains a bidirectional control character (U+" + String.format("%04X", (int) c) + ")";
            }
        }
        return null;
    }
}
