package eu.delisting.gateway.edge;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.ContractValidation;
import eu.delisting.gateway.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static eu.delisting.gateway.support.Api.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * What the transport refuses is answered as problem+json like everything else: an oversized URI, oversized
 * headers, a body declared too large (answered before it is sent), a broken percent-escape, a wrong method.
 * Requests are written on a raw socket, so the test sees exactly what a client on the wire sees.
 */
@QuarkusTest
class TransportLimitsTest {

    @TestHTTPResource("/")
    URL base;

    private record Answer(int status, String head, String body) {
        /** The answer checked against the contract like every REST test's answer. */
        Answer documentedFor(String method, String path) {
            String contentType = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring(13).trim()).findFirst().orElse(null);
            assertThat(ContractValidation.INSTANCE.check(method, path, status, contentType,
                    body.getBytes(StandardCharsets.UTF_8))).as("answer documented in openapi.yaml").isEmpty();
            return this;
        }
    }

    private Answer raw(String requestHead, byte[] body) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                received.write(buffer, 0, n);
                String text = received.toString(StandardCharsets.UTF_8);
                int split = text.indexOf("\r\n\r\n");
                if (split > 0) {
                    String head = text.substring(0, split);
                    int length = contentLength(head);
                    if (text.length() - split - 4 >= length) {
                        return new Answer(Integer.parseInt(head.substring(9, 12)), head, text.substring(split + 4));
                    }
                }
            }
            throw new IOException("connection closed before a full answer: " + received);
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    private String get(String target, String extraHeaders) {
        return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + Tokens.of("operator", "operator") + "\r\n" + extraHeaders + "\r\n";
    }

    @Test
    void aUriOverTheLimitIs414ProblemJson() throws IOException {
        Answer answer = raw(get("/api/v1/orders/" + "x".repeat(9_000), ""), null)
                .documentedFor("GET", "/api/v1/orders/x");
        assertThat(answer.status()).isEqualTo(414);
        assertThat(answer.head()).containsIgnoringCase("content-type: application/problem+json");
        assertThat(answer.body()).contains("\"code\":\"URI_TOO_LONG\"");
    }

    @Test
    void headersOverTheLimitAre431ProblemJson() throws IOException {
        Answer answer = raw(get("/api/v1/me", "X-Filler: " + "f".repeat(40_000) + "\r\n"), null)
                .documentedFor("GET", "/api/v1/me");
        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.body()).contains("\"code\":\"HEADERS_TOO_LARGE\"");
    }

    @Test
    void aBodyDeclaredOverTheLimitIs413BeforeItIsSentAndNothingIsFiled() throws IOException {
        Api.Parties parties = Api.parties(1, 1);
        String order = Api.issueOrder(parties, "allostreaming.com");
        String head = "POST /api/v1/orders/" + order + "/requests HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + Tokens.of(parties.claimant(), "rights-holder") + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: 9000000\r\n\r\n";
        Answer answer = raw(head, "{\"urls\":[\"https://allostreaming.com/a\"".getBytes(StandardCharsets.UTF_8))
                .documentedFor("POST", "/api/v1/orders/" + order + "/requests");
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("\"code\":\"BODY_TOO_LARGE\"");
        Api.as(parties.claimant(), "rights-holder").get("/api/v1/orders/" + order + "/requests")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void aBrokenPercentEscapeIs400ProblemJson() throws IOException {
        Answer answer = raw(get("/api/v1/orders/%zz", ""), null).documentedFor("GET", "/api/v1/orders/x");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.head()).containsIgnoringCase("content-type: application/problem+json");
        assertThat(answer.body()).contains("\"code\":\"MALFORMED_REQUEST\"");
        Answer query = raw(get("/api/v1/notices?orderId=ok&x=a|b", ""), null);
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.body()).contains("\"code\":\"MALFORMED_REQUEST\"");
    }

    @Test
    void aMethodTheResourceDoesNotSupportIs405WithAllow() {
        operator().delete("/api/v1/orders").then().statusCode(405)
                .contentType("application/problem+json")
                .body("code", equalTo("METHOD_NOT_ALLOWED"))
                .header("Allow", containsString("GET"))
                .header("Allow", containsString("POST"));
    }
}
