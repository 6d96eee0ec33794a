package eu.delisting.gateway.scope;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a filed URL as browsers and search engines do (the WHATWG URL standard, special schemes
 * http and https) and returns its {@link CanonicalUrl}. Pure and deterministic.
 *
 * <p>Where the gateway deliberately departs from WHATWG, it is stricter or it normalises further,
 * never looser: userinfo, control characters and whitespace anywhere (WHATWG strips tabs and newlines
 * silently) and hosts with empty labels are refused; one trailing dot is dropped; an empty query is
 * dropped; unreserved percent-encodings are decoded and the others' hex digits uppercased.
 */
public final class UrlCanonicaliser {

    public static final int MAX_LENGTH = 2048;

    /** The outcome of parsing: a canonical URL, or the reason there is none. */
    public sealed interface Result {
        record Parsed(CanonicalUrl url) implements Result {
        }

        record Invalid(String detail) implements Result {
        }
    }

    private UrlCanonicaliser() {
    }

    public static Result canonicalise(String filed) {
        if (filed == null || filed.isEmpty()) {
            return new Result.Invalid("the URL is empty");
        }
        if (filed.length() > MAX_LENGTH) {
            return new Result.Invalid("the URL is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < filed.length(); i++) {
            char c = filed.charAt(i);
            if (c > 0x20 && c < 0x7F) {
                continue;
            }
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return new Result.Invalid(String.format("the URL contains the control character U+%04X", (int) c));
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return new Result.Invalid(String.format("the URL contains whitespace (U+%04X)", (int) c));
            }
        }
        int colon = filed.indexOf(':');
        if (colon <= 0 || !isScheme(filed.substring(0, colon))) {
            return new Result.Invalid("the URL has no scheme: file it as https://… or http://…");
        }
        String scheme = filed.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new Result.Invalid("only http and https URLs can be delisted, not " + scheme);
        }
        int pointer = colon + 1;
        // Special schemes ignore any run of slashes and backslashes before the authority.
        while (pointer < filed.length() && (filed.charAt(pointer) == '/' || filed.charAt(pointer) == '\\')) {
            pointer++;
        }
        int authorityEnd = pointer;
        while (authorityEnd < filed.length() && "/\\?#".indexOf(filed.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = filed.substring(pointer, authorityEnd);
        if (authority.indexOf('@') >= 0) {
            return new Result.Invalid("the URL carries userinfo (user@host), which is refused");
        }
        String hostPart;
        String portPart = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return new Result.Invalid("an IPv6 address must be closed by ']'");
            }
            hostPart = authority.substring(0, close + 1);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return new Result.Invalid("unexpected characters after the IPv6 address");
                }
                portPart = rest.substring(1);
            }
        } else {
            int portColon = authority.indexOf(':');
            hostPart = portColon < 0 ? authority : authority.substring(0, portColon);
            portPart = portColon < 0 ? null : authority.substring(portColon + 1);
        }
        Host host;
        try {
            host = HostParser.parse(hostPart);
        } catch (HostParser.InvalidHost e) {
            return new Result.Invalid(e.getMessage());
        }
        int port = -1;
        if (portPart != null && !portPart.isEmpty()) {
            if (!isDigits(portPart)) {
                return new Result.Invalid("the port is not a number");
            }
            int zeros = 0;
            while (zeros < portPart.length() - 1 && portPart.charAt(zeros) == '0') {
                zeros++;
            }
            String digits = portPart.substring(zeros);
            if (digits.length() > 5 || Integer.parseInt(digits) > 65535) {
                return new Result.Invalid("the port is over 65535");
            }
            port = Integer.parseInt(digits);
            if (port == defaultPort(scheme)) {
                port = -1;
            }
        }
        int queryStart = indexOf(filed, '?', authorityEnd);
        int fragmentStart = indexOf(filed, '#', authorityEnd);
        int pathEnd = Math.min(queryStart < 0 ? filed.length() : queryStart,
                fragmentStart < 0 ? filed.length() : fragmentStart);
        String path = path(filed.substring(authorityEnd, pathEnd));
        String query = null;
        if (queryStart >= 0 && (fragmentStart < 0 || queryStart < fragmentStart)) {
            String raw = filed.substring(queryStart + 1, fragmentStart < 0 ? filed.length() : fragmentStart);
            query = raw.isEmpty() ? null : normalisePercentEncoding(encode(raw, true));
        }
        return new Result.Parsed(new CanonicalUrl(scheme, host.value(), host.kind(), port, path, query));
    }

    private static boolean isScheme(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!(letter || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("http") ? 80 : 443;
    }

    private static int indexOf(String s, char c, int from) {
        return s.indexOf(c, from);
    }

    /** The WHATWG path state for special schemes: '\' separates like '/', dot segments resolve. */
    static String path(String raw) {
        List<String> segments = new ArrayList<>();
        if (raw.isEmpty()) {
            return "/";
        }
        // raw starts with '/' or '\'; the remainder splits on both.
        int start = 1;
        while (start <= raw.length()) {
            int end = start;
            while (end < raw.length() && raw.charAt(end) != '/' && raw.charAt(end) != '\\') {
                end++;
            }
            String segment = raw.substring(start, end);
            boolean last = end >= raw.length();
            start = end + 1;
            if (isDoubleDot(segment)) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                if (last) {
                    segments.add("");
                }
            } else if (isSingleDot(segment)) {
                if (last) {
                    segments.add("");
                }
            } else {
                segments.add(normalisePercentEncoding(encode(segment, false)));
            }
        }
        return "/" + String.join("/", segments);
    }

    private static boolean isSingleDot(String s) {
        return s.equals(".") || s.equalsIgnoreCase("%2e");
    }

    private static boolean isDoubleDot(String s) {
        return s.equals("..") || s.equalsIgnoreCase(".%2e") || s.equalsIgnoreCase("%2e.")
                || s.equalsIgnoreCase("%2e%2e");
    }

    /** Percent-encodes what WHATWG encodes in a path segment or a special query (non-ASCII as UTF-8). */
    static String encode(String s, boolean query) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean escape = c > 0x7E || c == '"' || c == '#' || c == '<' || c == '>'
                    || (query ? c == '\'' : (c == '?' || c == '`' || c == '{' || c == '}'));
            if (escape) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                int cp = s.codePointAt(i);
                String chars = new String(Character.toChars(cp));
                for (byte b : chars.getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
                i += Character.charCount(cp) - 1;
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** Decodes %XX of unreserved characters (RFC 3986: ALPHA DIGIT - . _ ~), uppercases the rest's hex. */
    static String normalisePercentEncoding(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && HostParser.hex(s.charAt(i + 1)) >= 0
                    && HostParser.hex(s.charAt(i + 2)) >= 0) {
                int value = HostParser.hex(s.charAt(i + 1)) * 16 + HostParser.hex(s.charAt(i + 2));
                if (isUnreserved(value)) {
                    out.append((char) value);
                } else {
                    out.append('%').append(Character.toUpperCase(s.charAt(i + 1)))
                            .append(Character.toUpperCase(s.charAt(i + 2)));
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
