package eu.delisting.gateway.scope;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares the gateway's canonical host with a reference WHATWG implementation (Node.js' URL) over
 * hand-written and generated URLs (skipped where Node.js is not installed; {@link WptUrlDataTest} needs none). Every disagreement must be one the gateway makes on purpose; the
 * justifications are listed in {@link #justification}. Anything else fails the test.
 */
class WhatwgDifferentialTest {

    private static final List<String> HOSTS = List.of(
            "allostreaming.com", "AlloStreaming.COM", "allostreaming.com.", "allo%73treaming.com",
            "allostreaming%2Ecom", "allostreaming。com", "allostreaming．com", "allostreaming｡com",
            "ａｌｌｏｓｔｒｅａｍｉｎｇ.com", "faß.de", "bücher.de", "XN--BCHER-KVA.de", "аllostreaming.com",
            "例え.テスト", "münchen.de", "straße.de", "ÉCOLE.fr", "xn--fa-hia.de", "a.b.c.d.e.f",
            "3232235777", "0xC0A80101", "0300.0250.01.01", "192.168.257", "192.168.1.1.", "0x7f.1", "127.0.0.1",
            "0", "0x", "1.2.3", "4294967295", "4294967296", "08.1.1.1", "1.2.3.4.5", "256.1.1.1", "0xG1",
            "[2001:DB8::1]", "[::ffff:192.168.1.1]", "[::]", "[1:0:0:2:0:0:0:3]", "[::1::2]", "[fe80::1%25eth0]",
            "a..b.com", ".allostreaming.com", "allostreaming.com..", "a b.com", "a<b.com", "a^b.com", "a|b.com",
            "%zz.com", "%c0%af.com", "xn--a.com", "-lead.com", "trail-.com", "ab--cd.com", "a_b.com", "a*b.com",
            "xn--nxasmq6b.com", "\u200d.com", "a\u200db.com", "١٢٣.com", "אב.com");

    private static final List<String> SHAPES = List.of(
            "https://%s/", "http://%s/path", "HTTPS://%s", "https:%s/x", "https:\\\\%s\\a\\b", "https:////%s/",
            "https://%s:443/", "https://%s:8080/a?b#c", "https://user@%s/", "https://u:p@%s/",
            "https://%s/a b", "https://%s/\ta", " https://%s/", "https://%s:/x", "https://%s:99999/");

    @Test
    void canonicalHostsAgreeWithNodeOrTheDifferenceIsDeliberate() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(nodeAvailable(),
                "Node.js is not on the PATH: WptUrlDataTest still checks the canonicaliser against WHATWG's own data");
        List<String> urls = corpus();
        List<String> reference = node(urls);
        assertThat(reference).hasSize(urls.size());

        List<String> unexplained = new ArrayList<>();
        int agreed = 0;
        int deliberate = 0;
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i);
            String ours = ourHost(url);
            String theirs = reference.get(i);
            if (ours.equals(theirs)) {
                agreed++;
            } else if (justification(url, ours, theirs) != null) {
                deliberate++;
            } else {
                unexplained.add(url.replace("\t", "\\t") + " -> gateway " + ours + ", WHATWG " + theirs);
            }
        }
        System.out.printf("WHATWG differential: %d URLs, %d agree, %d deliberate differences, %d unexplained%n",
                urls.size(), agreed, deliberate, unexplained.size());
        assertThat(urls.size()).isGreaterThan(2000);
        assertThat(agreed).isGreaterThan(urls.size() / 2);
        assertThat(unexplained).as("disagreements with WHATWG that the gateway does not make on purpose").isEmpty();
    }

    /** Why a disagreement is deliberate, or null when it is not. */
    static String justification(String url, String ours, String theirs) {
        boolean weRefuse = ours.equals("INVALID");
        if (weRefuse && hasWhitespaceOrControl(url)) {
            return "whitespace and control characters are refused, not stripped (DESIGN: INVALID_URL)";
        }
        if (weRefuse && authority(url).contains("@")) {
            return "userinfo is refused outright (DESIGN)";
        }
        if (!weRefuse && theirs.equals(ours + ".")) {
            return "one trailing dot is dropped (DESIGN)";
        }
        if (weRefuse && !theirs.equals("INVALID")
                && (theirs.contains("..") || theirs.startsWith(".") || theirs.endsWith(".."))) {
            return "a host with an empty label is refused";
        }
        if (weRefuse && hasRightToLeft(url)) {
            return "ICU applies the RFC 5893 Bidi rule (CheckBidi, which WHATWG asks for) to right-to-left labels"
                    + " that Node's parser lets through: stricter, never looser";
        }
        return null;
    }

    private static boolean hasRightToLeft(String url) {
        return url.codePoints().anyMatch(c -> {
            byte d = Character.getDirectionality(c);
            return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
                    || d == Character.DIRECTIONALITY_ARABIC_NUMBER;
        });
    }

    private static boolean hasWhitespaceOrControl(String url) {
        return url.chars().anyMatch(c -> c < 0x20 || c == 0x7F || Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    private static String authority(String url) {
        String rest = url.substring(url.indexOf(':') + 1).replaceFirst("^[/\\\\]*", "");
        int end = 0;
        while (end < rest.length() && "/\\?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        return rest.substring(0, end);
    }

    private static String ourHost(String url) {
        UrlCanonicaliser.Result result = UrlCanonicaliser.canonicalise(url);
        return result instanceof UrlCanonicaliser.Result.Parsed p ? p.url().host() : "INVALID";
    }

    static List<String> corpus() {
        Set<String> urls = new LinkedHashSet<>();
        for (String host : HOSTS) {
            for (String shape : SHAPES) {
                urls.add(String.format(shape, host));
            }
        }
        Random random = new Random(20131128L);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-.%ABCDEFXÉéßü。．0x[]:@\\/";
        while (urls.size() < 3000) {
            StringBuilder host = new StringBuilder();
            int length = 1 + random.nextInt(14);
            for (int i = 0; i < length; i++) {
                host.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = switch (random.nextInt(4)) {
                case 0 -> host + ".com";
                case 1 -> random.nextInt(256) + "." + random.nextInt(300) + "." + host.length() + "." + random.nextInt(9);
                case 2 -> "0x" + Integer.toHexString(random.nextInt()) + "." + host;
                default -> host.toString();
            };
            urls.add(String.format(SHAPES.get(random.nextInt(SHAPES.size())), candidate));
        }
        return new ArrayList<>(urls);
    }

    private static boolean nodeAvailable() {
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> node(List<String> urls) throws IOException, InterruptedException {
        Path input = Files.createTempFile("whatwg-input", ".json");
        Path script = Files.createTempFile("whatwg", ".js");
        try {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < urls.size(); i++) {
                json.append(i == 0 ? "" : ",").append(jsonString(urls.get(i)));
            }
            Files.writeString(input, json.append("]").toString(), StandardCharsets.UTF_8);
            Files.writeString(script, """
                    const urls = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
                    const out = urls.map(u => { try { return new URL(u).hostname; } catch (e) { return 'INVALID'; } });
                    process.stdout.write(JSON.stringify(out));
                    """);
            Process process = new ProcessBuilder("node", script.toString(), input.toString())
                    .redirectErrorStream(false).start();
            byte[] stdout = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
            assertThat(process.exitValue()).as("node exit code (is Node.js on the PATH?)").isZero();
            return parseJsonStrings(new String(stdout, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(script);
        }
    }

    private static String jsonString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static List<String> parseJsonStrings(String json) {
        List<String> values = new ArrayList<>();
        int i = json.indexOf('[') + 1;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                while (json.charAt(i) != '"') {
                    if (json.charAt(i) == '\\') {
                        char e = json.charAt(++i);
                        if (e == 'u') {
                            value.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                            i += 4;
                        } else {
                            value.append(switch (e) {
                                case 'n' -> '\n';
                                case 't' -> '\t';
                                case 'r' -> '\r';
                                case 'b' -> '\b';
                                case 'f' -> '\f';
                                default -> e;
                            });
                        }
                    } else {
                        value.append(json.charAt(i));
                    }
                    i++;
                }
                values.add(value.toString());
            }
            i++;
        }
        return values;
    }
}
