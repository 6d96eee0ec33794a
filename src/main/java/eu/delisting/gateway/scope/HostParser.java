package eu.delisting.gateway.scope;

import com.ibm.icu.text.IDNA;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The WHATWG URL host parser for special schemes (http, https), with the gateway's two deliberate
 * departures: one trailing dot is dropped, and a host with an empty label is refused.
 *
 * <p>Domains go through IDNA UTS-46 non-transitional processing (ICU4J) with the WHATWG flags:
 * CheckBidi and CheckJoiners on, CheckHyphens, UseSTD3ASCIIRules and VerifyDnsLength off. So
 * {@code faß.de} stays {@code xn--fa-hia.de}, the ideographic full stop separates labels, and
 * fullwidth letters fold to ASCII, exactly as a browser does.
 */
public final class HostParser {

    /** Thrown for a host that a browser would refuse too (or that the gateway refuses, as documented). */
    public static final class InvalidHost extends Exception {
        InvalidHost(String message) {
            super(message, null, false, false);
        }
    }

    private static final IDNA UTS46 = IDNA.getUTS46Instance(
            IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ);

    /** Errors that WHATWG's "domain to ASCII" ignores (CheckHyphens=false, VerifyDnsLength=false). */
    private static final Set<IDNA.Error> IGNORED = EnumSet.of(IDNA.Error.EMPTY_LABEL, IDNA.Error.LABEL_TOO_LONG,
            IDNA.Error.DOMAIN_NAME_TOO_LONG, IDNA.Error.LEADING_HYPHEN, IDNA.Error.TRAILING_HYPHEN,
            IDNA.Error.HYPHEN_3_4);

    private HostParser() {
    }

    public static Host parse(String input) throws InvalidHost {
        if (input.isEmpty()) {
            throw new InvalidHost("the host is empty");
        }
        if (input.startsWith("[")) {
            if (!input.endsWith("]")) {
                throw new InvalidHost("an IPv6 address must be closed by ']'");
            }
            return new Host(HostKind.IPV6, "[" + Ipv6.serialize(Ipv6.parse(input.substring(1, input.length() - 1))) + "]");
        }
        String domain = percentDecodeUtf8(input);
        String ascii = domainToAscii(domain);
        for (int i = 0; i < ascii.length(); i++) {
            if (isForbiddenDomainCodePoint(ascii.charAt(i))) {
                throw new InvalidHost("the host contains the forbidden character " + describe(ascii.charAt(i)));
            }
        }
        if (endsInANumber(ascii)) {
            return new Host(HostKind.IPV4, Ipv4.serialize(Ipv4.parse(ascii)));
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.isEmpty() || ascii.startsWith(".") || ascii.contains("..") || ascii.endsWith(".")) {
            throw new InvalidHost("the host has an empty label");
        }
        return new Host(HostKind.DOMAIN_NAME, ascii);
    }

    /** The Unicode (U-label) form of an ASCII domain, for display and confusable checks. */
    public static String toUnicode(String asciiDomain) {
        StringBuilder out = new StringBuilder();
        UTS46.nameToUnicode(asciiDomain, out, new IDNA.Info());
        return out.toString();
    }

    static String domainToAscii(String domain) throws InvalidHost {
        if (isPlainAscii(domain)) {
            // WHATWG's fast path: plain ASCII without A-labels only needs lowercasing.
            return domain.toLowerCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder();
        IDNA.Info info = new IDNA.Info();
        UTS46.nameToASCII(domain, out, info);
        Set<IDNA.Error> errors = info.getErrors().isEmpty() ? Set.of() : EnumSet.copyOf(info.getErrors());
        for (IDNA.Error error : errors) {
            if (!IGNORED.contains(error)) {
                throw new InvalidHost("the host is not a valid internationalised domain name (" + error + ")");
            }
        }
        if (out.isEmpty()) {
            throw new InvalidHost("the host is empty");
        }
        return out.toString();
    }

    private static boolean isPlainAscii(String domain) {
        for (int i = 0; i < domain.length(); i++) {
            if (domain.charAt(i) >= 0x80) {
                return false;
            }
        }
        for (int i = 0; i + 4 <= domain.length(); i++) {
            if ((i == 0 || domain.charAt(i - 1) == '.') && domain.regionMatches(true, i, "xn--", 0, 4)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isForbiddenDomainCodePoint(char c) {
        return c <= 0x20 || c == 0x7F || "#/:<>?@[\\]^|%".indexOf(c) >= 0;
    }

    private static String describe(char c) {
        return c < 0x21 || c == 0x7F ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    /** Percent-decodes to bytes, then decodes UTF-8; an invalid sequence makes the host invalid. */
    static String percentDecodeUtf8(String input) throws InvalidHost {
        if (input.indexOf('%') < 0) {
            return input;
        }
        byte[] raw = input.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[raw.length];
        int length = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                bytes[length++] = (byte) (hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
                i += 2;
            } else {
                bytes[length++] = raw[i];
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidHost("the host's percent-encoding is not valid UTF-8");
        }
    }

    static int hex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    static boolean endsInANumber(String host) {
        int end = host.length();
        if (end > 0 && host.charAt(end - 1) == '.') {
            if (end == 1) {
                return false;
            }
            end--;
        }
        String last = host.substring(host.lastIndexOf('.', end - 1) + 1, end);
        if (last.isEmpty()) {
            return false;
        }
        boolean digits = true;
        for (int i = 0; i < last.length() && digits; i++) {
            digits = last.charAt(i) >= '0' && last.charAt(i) <= '9';
        }
        return digits || Ipv4.parseNumber(last) != null;
    }

    /** The WHATWG IPv4 parser: decimal, octal (leading 0) and hex (0x) parts, 1 to 4 of them. */
    static final class Ipv4 {
        private static final BigInteger B256 = BigInteger.valueOf(256);

        static long parse(String input) throws InvalidHost {
            List<String> parts = new ArrayList<>(List.of(input.split("\\.", -1)));
            if (parts.get(parts.size() - 1).isEmpty() && parts.size() > 1) {
                parts.remove(parts.size() - 1);
            }
            if (parts.size() > 4) {
                throw new InvalidHost("an IPv4 address has at most four parts");
            }
            List<BigInteger> numbers = new ArrayList<>();
            for (String part : parts) {
                BigInteger n = parseNumber(part);
                if (n == null) {
                    throw new InvalidHost("'" + part + "' is not a valid IPv4 address part");
                }
                numbers.add(n);
            }
            for (int i = 0; i < numbers.size() - 1; i++) {
                if (numbers.get(i).compareTo(BigInteger.valueOf(255)) > 0) {
                    throw new InvalidHost("an IPv4 address part is over 255");
                }
            }
            BigInteger last = numbers.get(numbers.size() - 1);
            if (last.compareTo(B256.pow(5 - numbers.size())) >= 0) {
                throw new InvalidHost("the IPv4 address is out of range");
            }
            BigInteger ipv4 = last;
            for (int i = 0; i < numbers.size() - 1; i++) {
                ipv4 = ipv4.add(numbers.get(i).multiply(B256.pow(3 - i)));
            }
            return ipv4.longValueExact();
        }

        /** One part as WHATWG reads it, or null when it is not a number. */
        static BigInteger parseNumber(String input) {
            if (input.isEmpty()) {
                return null;
            }
            int radix = 10;
            String digits = input;
            if (digits.length() >= 2 && (digits.startsWith("0x") || digits.startsWith("0X"))) {
                radix = 16;
                digits = digits.substring(2);
            } else if (digits.length() >= 2 && digits.startsWith("0")) {
                radix = 8;
                digits = digits.substring(1);
            }
            if (digits.isEmpty()) {
                return BigInteger.ZERO;
            }
            for (int i = 0; i < digits.length(); i++) {
                if (Character.digit(digits.charAt(i), radix) < 0 || digits.charAt(i) > 0x7F) {
                    return null;
                }
            }
            return new BigInteger(digits, radix);
        }

        static String serialize(long address) {
            return ((address >> 24) & 0xFF) + "." + ((address >> 16) & 0xFF) + "." + ((address >> 8) & 0xFF) + "."
                    + (address & 0xFF);
        }
    }

    /** The WHATWG IPv6 parser and serializer (compression of the longest zero run, lowercase hex). */
    static final class Ipv6 {

        static int[] parse(String input) throws InvalidHost {
            int[] address = new int[8];
            int pieceIndex = 0;
            int compress = -1;
            int pointer = 0;
            int length = input.length();
            if (pointer < length && input.charAt(pointer) == ':') {
                if (pointer + 1 >= length || input.charAt(pointer + 1) != ':') {
                    throw new InvalidHost("an IPv6 address cannot start with a single ':'");
                }
                pointer += 2;
                pieceIndex++;
                compress = pieceIndex;
            }
            while (pointer < length) {
                if (pieceIndex == 8) {
                    throw new InvalidHost("an IPv6 address has at most eight pieces");
                }
                if (input.charAt(pointer) == ':') {
                    if (compress != -1) {
                        throw new InvalidHost("an IPv6 address has at most one '::'");
                    }
                    pointer++;
                    pieceIndex++;
                    compress = pieceIndex;
                    continue;
                }
                int value = 0;
                int digits = 0;
                while (digits < 4 && pointer < length && hex(input.charAt(pointer)) >= 0) {
                    value = value * 0x10 + hex(input.charAt(pointer));
                    pointer++;
                    digits++;
                }
                if (pointer < length && input.charAt(pointer) == '.') {
                    if (digits == 0) {
                        throw new InvalidHost("an embedded IPv4 address is malformed");
                    }
                    pointer -= digits;
                    if (pieceIndex > 6) {
                        throw new InvalidHost("an embedded IPv4 address does not fit");
                    }
                    int numbersSeen = 0;
                    while (pointer < length) {
                        int ipv4Piece = -1;
                        if (numbersSeen > 0) {
                            if (input.charAt(pointer) == '.' && numbersSeen < 4) {
                                pointer++;
                            } else {
                                throw new InvalidHost("an embedded IPv4 address is malformed");
                            }
                        }
                        if (pointer >= length || !isDigit(input.charAt(pointer))) {
                            throw new InvalidHost("an embedded IPv4 address is malformed");
                        }
                        while (pointer < length && isDigit(input.charAt(pointer))) {
                            int number = input.charAt(pointer) - '0';
                            if (ipv4Piece == -1) {
                                ipv4Piece = number;
                            } else if (ipv4Piece == 0) {
                                throw new InvalidHost("an embedded IPv4 part has a leading zero");
                            } else {
                                ipv4Piece = ipv4Piece * 10 + number;
                            }
                            if (ipv4Piece > 255) {
                                throw new InvalidHost("an embedded IPv4 part is over 255");
                            }
                            pointer++;
                        }
                        address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
                        numbersSeen++;
                        if (numbersSeen == 2 || numbersSeen == 4) {
                            pieceIndex++;
                        }
                    }
                    if (numbersSeen != 4) {
                        throw new InvalidHost("an embedded IPv4 address needs four parts");
                    }
                    break;
                } else if (pointer < length && input.charAt(pointer) == ':') {
                    pointer++;
                    if (pointer >= length) {
                        throw new InvalidHost("an IPv6 address cannot end with a single ':'");
                    }
                } else if (pointer < length) {
                    throw new InvalidHost("an IPv6 address contains an invalid character");
                }
                address[pieceIndex] = value;
                pieceIndex++;
            }
            if (compress != -1) {
                int swaps = pieceIndex - compress;
                pieceIndex = 7;
                while (pieceIndex != 0 && swaps > 0) {
                    int other = compress + swaps - 1;
                    int tmp = address[pieceIndex];
                    address[pieceIndex] = address[other];
                    address[other] = tmp;
                    pieceIndex--;
                    swaps--;
                }
            } else if (pieceIndex != 8) {
                throw new InvalidHost("an IPv6 address has eight pieces unless it uses '::'");
            }
            return address;
        }

        static String serialize(int[] address) {
            int compress = -1;
            int bestLength = 1;
            for (int i = 0; i < 8; ) {
                if (address[i] == 0) {
                    int j = i;
                    while (j < 8 && address[j] == 0) {
                        j++;
                    }
                    if (j - i > bestLength) {
                        bestLength = j - i;
                        compress = i;
                    }
                    i = j;
                } else {
                    i++;
                }
            }
            StringBuilder out = new StringBuilder();
            boolean ignore0 = false;
            for (int i = 0; i < 8; i++) {
                if (ignore0 && address[i] == 0) {
                    continue;
                }
                ignore0 = false;
                if (compress == i) {
                    out.append(i == 0 ? "::" : ":");
                    ignore0 = true;
                    continue;
                }
                out.append(Integer.toHexString(address[i]));
                if (i != 7) {
                    out.append(':');
                }
            }
            return out.toString();
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
