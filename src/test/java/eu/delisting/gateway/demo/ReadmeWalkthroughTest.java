package eu.delisting.gateway.demo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's walkthrough as written, block after block in one bash session, against the
 * gateway as dev mode builds it (demo data, /dev/identity, the OIDC dev service), so the examples
 * cannot rot. The only change made to the text is the port the test gateway listens on.
 *
 * <p>What each block must print is read from the README too: every {@code "member":value} shown in
 * its comments with a literal value (a string without an ellipsis, a number, a boolean) must appear
 * in the block's output, as must every status line and header shown. Instants are not compared: they
 * depend on the day the walkthrough runs.
 *
 * <p>Its profile starts Quarkus' OIDC dev service, which stays registered for the rest of the JVM:
 * an application started after it with the default test profile gets the dev service's issuer and
 * refuses the test-signed tokens (401). The suite's class orderer runs profile tests after the
 * default ones, so {@code ./mvnw verify} is not affected; run this class alone or with the whole
 * suite, not first in a hand-picked {@code -Dtest} list.
 */
@QuarkusTest
@TestProfile(DemoGatewayProfile.class)
class ReadmeWalkthroughTest {

    private static final String FIRST_SECTION = "## Walkthrough on the demo";
    private static final String AFTER_LAST_SECTION = "## Architecture";
    private static final Pattern SHELL_BLOCK = Pattern.compile("(?ms)^```sh\\n(.*?)^```$");
    private static final Pattern LITERAL_MEMBER =
            Pattern.compile("\"[A-Za-z]+\":(?:\"[^\"…]*\"|-?\\d+(?:\\.\\d+)?|true|false)(?=[,}\\]]|$)");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T");
    private static final Pattern STATUS_OR_HEADER = Pattern.compile("HTTP/1\\.1 \\d{3} .+|[A-Z][A-Za-z-]+: .+");
    private static final Pattern CSV_LINE = Pattern.compile("[a-z_]+(,[a-z_]+)+");

    record Block(int index, String script, List<String> expected) {
    }

    @Test
    void everyWalkthroughExampleRunsAsWrittenAndPrintsWhatTheReadmeShows() throws Exception {
        List<Block> blocks = walkthroughBlocks(Files.readString(Path.of("README.md")));
        assertThat(blocks).as("walkthrough blocks in README.md").hasSizeGreaterThanOrEqualTo(12);

        StringBuilder script = new StringBuilder();
        for (Block block : blocks) {
            script.append("printf '\\n::block ").append(block.index()).append("::\\n'\n")
                    .append(block.script().replace("localhost:8080", "localhost:" + RestAssured.port))
                    .append('\n');
        }
        Path file = Files.createTempFile("readme-walkthrough-", ".sh");
        Files.writeString(file, script.toString());
        Path stdout = Files.createTempFile("readme-walkthrough-", ".out");
        Path stderr = Files.createTempFile("readme-walkthrough-", ".err");
        Process bash = new ProcessBuilder("bash", file.toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        boolean finished = bash.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            bash.destroyForcibly();
        }
        assertThat(finished).as("the walkthrough finished within 120 s").isTrue();
        String output = Files.readString(stdout, StandardCharsets.UTF_8);
        String errors = Files.readString(stderr, StandardCharsets.UTF_8);

        assertThat(errors).as("what the walkthrough wrote to stderr").isEmpty();
        assertThat(bash.exitValue()).as("exit status, output:%n%s", output).isZero();
        String[] outputs = output.split("\n::block \\d+::\n", -1);
        assertThat(outputs).hasSize(blocks.size() + 1);
        for (Block block : blocks) {
            String printed = outputs[block.index() + 1];
            assertThat(printed).as("block %d prints no server error", block.index())
                    .doesNotContain("\"status\":500").doesNotContain("HTTP/1.1 5");
            for (String expected : block.expected()) {
                assertThat(printed).as("block %d of the walkthrough:%n%s%nprinted:%n%s", block.index(), block.script(), abbreviated(printed))
                        .containsIgnoringCase(expected);
            }
        }
    }

    private static String abbreviated(String printed) {
        return printed.length() <= 4_000 ? printed : printed.substring(0, 4_000) + "…";
    }

    static List<Block> walkthroughBlocks(String readme) {
        int from = readme.indexOf(FIRST_SECTION);
        int to = readme.indexOf(AFTER_LAST_SECTION, from);
        assertThat(from).as("README section " + FIRST_SECTION).isNotNegative();
        assertThat(to).as("README section " + AFTER_LAST_SECTION).isGreaterThan(from);
        Matcher matcher = SHELL_BLOCK.matcher(readme.substring(from, to));
        List<Block> blocks = new ArrayList<>();
        while (matcher.find()) {
            String script = matcher.group(1);
            blocks.add(new Block(blocks.size(), script, expectations(script)));
        }
        return blocks;
    }

    private static List<String> expectations(String script) {
        List<String> expected = new ArrayList<>();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("# ")) {
                continue;
            }
            String shown = trimmed.substring(2).strip();
            if (shown.matches("\\d{3} .*")) {
                shown = shown.substring(4);   // "201 {…}": the status, which curl -s does not print
            }
            if (STATUS_OR_HEADER.matcher(shown).matches() && !shown.contains("…")) {
                expected.add(shown);
                continue;
            }
            if (CSV_LINE.matcher(shown).matches()) {
                expected.add(shown);
                continue;
            }
            Matcher member = LITERAL_MEMBER.matcher(shown);
            while (member.find()) {
                if (!INSTANT.matcher(member.group()).find()) {
                    expected.add(member.group());
                }
            }
        }
        return expected;
    }

    @Test
    void theWalkthroughExpectationsAreReadFromTheComments() throws IOException {
        List<String> expected = expectations("""
                curl -s x
                # HTTP/1.1 404 Not Found
                # {"a":"b","n":12,"t":"2026-12-08T22:59:59.999Z","e":"…","f":true,"g":{"h":"x…"},"i":[1]}
                # 201 {"id":"…","noticesCreated":8}
                # notice_id,addressee,url
                """);
        assertThat(expected).containsExactly("HTTP/1.1 404 Not Found", "\"a\":\"b\"", "\"n\":12", "\"f\":true",
                "\"noticesCreated\":8", "notice_id,addressee,url");
        assertThat(walkthroughBlocks(Files.readString(Path.of("README.md"))))
                .allSatisfy(block -> assertThat(block.script()).doesNotContain("localhost:8081"));
    }
}
