package eu.delisting.gateway.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person signed in to the console as a browser does it: the gateway's redirect to Keycloak, Keycloak's login
 * form, the redirect back with the code, then the session cookie on every page. Cookies are kept by hand per
 * host (the console's are {@code Secure}, which a browser sends to localhost over http and Java's cookie
 * manager does not).
 */
final class ConsoleSession {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final Map<String, Map<String, String>> cookies = new LinkedHashMap<>();

    private ConsoleSession(String gateway) {
        this.gateway = gateway;
    }

    /** Signs in on Keycloak's login page, starting from a console page; fails loudly on anything unexpected. */
    static ConsoleSession signIn(String gateway, String startPath, String user, String password) {
        ConsoleSession session = new ConsoleSession(gateway);
        HttpResponse<String> toLogin = session.send(HttpRequest.newBuilder(URI.create(gateway + startPath)).GET());
        String auth = session.location(toLogin, 302);
        HttpResponse<String> loginPage = session.send(HttpRequest.newBuilder(URI.create(auth)).GET());
        Matcher action = FORM_ACTION.matcher(loginPage.body());
        if (loginPage.statusCode() != 200 || !action.find()) {
            throw new IllegalStateException("no Keycloak login form at " + auth + " (" + loginPage.statusCode() + ")");
        }
        String form = "username=" + enc(user) + "&password=" + enc(password) + "&credentialId=";
        HttpResponse<String> back = session.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        String callback = session.location(back, 302);
        HttpResponse<String> signedIn = session.send(HttpRequest.newBuilder(URI.create(callback)).GET());
        String page = session.location(signedIn, 302);
        HttpResponse<String> first = session.send(HttpRequest.newBuilder(URI.create(
                page.startsWith("http") ? page : gateway + page)).GET());
        if (first.statusCode() != 200) {
            throw new IllegalStateException("signed in, but " + startPath + " answered " + first.statusCode());
        }
        return session;
    }

    /** A console page: status, body and time. */
    Client.Answer get(String path) {
        long started = System.nanoTime();
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(gateway + path)).GET()
                .timeout(Duration.ofMinutes(5)));
        return new Client.Answer(response.statusCode(), response.body(), System.nanoTime() - started);
    }

    private String location(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected || response.headers().firstValue("Location").isEmpty()) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ", not a redirect");
        }
        return response.headers().firstValue("Location").orElseThrow();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        String host = built.uri().getAuthority();
        Map<String, String> jar = cookies.computeIfAbsent(host, h -> new LinkedHashMap<>());
        if (!jar.isEmpty()) {
            request.header("Cookie", String.join("; ", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            built = request.build();
        }
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            List<String> set = response.headers().allValues("Set-Cookie");
            for (String cookie : set) {
                String pair = cookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String value = pair.substring(eq + 1);
                    if (value.isEmpty() || cookie.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                        jar.remove(pair.substring(0, eq));
                    } else {
                        jar.put(pair.substring(0, eq), value);
                    }
                }
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
