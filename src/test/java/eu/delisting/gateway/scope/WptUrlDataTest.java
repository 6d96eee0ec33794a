package eu.delisting.gateway.scope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WHATWG web-platform-tests URL data (vendored under {@code src/test/resources/wpt/}, its origin and version
 * in {@code VERSION}) run through the canonicaliser, without Node: every absolute http(s) case, expected to give
 * the host WHATWG gives, or to be refused where WHATWG refuses. Every disagreement must be one the gateway makes
 * on purpose ({@link WhatwgDifferentialTest#justification}); the gateway is stricter, never looser.
 */
class WptUrlDataTest {

    /** Inputs that are absolute http(s) URLs on their own, whatever base the case gives. */
    private static final Pattern ABSOLUTE_HTTP = Pattern.compile("(?i)^[\\x00-\\x20]*https?:(//|\\\\\\\\|/\\\\|\\\\/)");

    @Test
    void theWebPlatformTestsUrlCasesGiveWhatwgsHostOrADeliberateRefusal() throws IOException {
        JsonNode cases;
        try (InputStream in = WptUrlDataTest.class.getResourceAsStream("/wpt/urltestdata.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        int selected = 0;
        int agreed = 0;
        Map<String, Integer> deliberate = new TreeMap<>();
        List<String> unexplained = new ArrayList<>();
        for (JsonNode c : cases) {
            if (!c.isObject() || !ABSOLUTE_HTTP.matcher(c.path("input").asText()).find()) {
                continue;
            }
            selected++;
            String input = c.get("input").asText();
            String theirs = c.path("failure").asBoolean(false) ? "INVALID" : c.path("hostname").asText();
            UrlCanonicaliser.Result result = UrlCanonicaliser.canonicalise(input);
            String ours = result instanceof UrlCanonicaliser.Result.Parsed p ? p.url().host() : "INVALID";
            if (ours.equals(theirs)) {
                agreed++;
                continue;
            }
            String why = WhatwgDifferentialTest.justification(input, ours, theirs);
            if (why != null) {
                deliberate.merge(why, 1, Integer::sum);
            } else {
                unexplained.add(printable(input) + " -> gateway " + ours + ", WHATWG " + theirs);
            }
        }
        System.out.printf("WPT urltestdata: %d absolute http(s) cases, %d agree, deliberate differences %s%n",
                selected, agreed, deliberate);
        assertThat(selected).as("cases taken from the data").isGreaterThan(300);
        assertThat(agreed).isGreaterThan(selected / 2);
        assertThat(unexplained).as("disagreements with WHATWG that the gateway does not make on purpose").isEmpty();
    }

    private static String printable(String input) {
        StringBuilder out = new StringBuilder();
        input.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7F) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
