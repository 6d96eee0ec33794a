package eu.delisting.gateway.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * What every console page carries: its language (chosen with {@code ?lang=}, remembered in a cookie, else the
 * browser's), the words in it, the link that switches language, and the form token every form posts back
 * (a random value kept in a {@code SameSite=Strict}, {@code HttpOnly} cookie and repeated in the form: a page of
 * another site can post a form but can neither read the cookie nor send it).
 */
public record ConsolePage(String lang, Map<String, String> t, String switchLink, String csrf, boolean mintCsrf,
                          boolean secure) {

    static final String LANG_COOKIE = "console_lang";
    static final String CSRF_COOKIE = "console_csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    static ConsolePage of(UriInfo uri, HttpHeaders headers) {
        String asked = uri.getQueryParameters().getFirst("lang");
        jakarta.ws.rs.core.Cookie remembered = headers.getCookies().get(LANG_COOKIE);
        String lang = Texts.language(asked != null ? asked : remembered == null ? null : remembered.getValue(),
                headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        Map<String, String> t = Texts.of(lang);
        String other = t.get("lang.switch.code");
        // From the routed (normalised) path, never the raw one: "//elsewhere/../console" must not become a link away.
        String switchLink = uri.getBaseUriBuilder().path(uri.getPath()).replaceQuery(uri.getRequestUri().getRawQuery())
                .replaceQueryParam("lang", other).build().toString();
        jakarta.ws.rs.core.Cookie csrfCookie = headers.getCookies().get(CSRF_COOKIE);
        boolean mint = csrfCookie == null || csrfCookie.getValue().length() < 32;
        String csrf = mint ? token() : csrfCookie.getValue();
        String forwarded = headers.getHeaderString("X-Forwarded-Proto");
        boolean secure = "https".equalsIgnoreCase(uri.getRequestUri().getScheme()) || "https".equalsIgnoreCase(forwarded);
        return new ConsolePage(lang, t, relative(switchLink), csrf, mint, secure);
    }

    /** A text of this page's language. */
    public String text(String key) {
        return t.getOrDefault(key, key);
    }

    /** A notice state in this page's language. */
    public String state(Object status) {
        return text("state." + status);
    }

    /** Whether a posted form token is the one this browser was given. */
    static boolean formTokenMatches(String posted, jakarta.ws.rs.core.Cookie cookie) {
        if (posted == null || cookie == null || cookie.getValue().length() < 32) {
            return false;
        }
        return MessageDigest.isEqual(posted.getBytes(StandardCharsets.UTF_8), cookie.getValue().getBytes(StandardCharsets.UTF_8));
    }

    /** An HTML answer with this page's cookies. */
    Response respond(Response.Status status, TemplateInstance page) {
        Response.ResponseBuilder answer = Response.status(status).type("text/html;charset=UTF-8")
                .entity(page.data("page", this).render());
        answer.cookie(new NewCookie.Builder(LANG_COOKIE).value(lang).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).maxAge(365 * 24 * 3600).build());
        if (mintCsrf) {
            answer.cookie(new NewCookie.Builder(CSRF_COOKIE).value(csrf).path("/console").httpOnly(true).secure(secure)
                    .sameSite(NewCookie.SameSite.STRICT).build());
        }
        // Signing out is a form whose answer redirects to the identity provider: form-action names it.
        return answer.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self';"
                        + " frame-ancestors 'none'; form-action 'self'" + IdentityProvider.ORIGIN + "; base-uri 'none'")
                .header("Referrer-Policy", "same-origin")
                .header("X-Frame-Options", "DENY")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** The origin of the console's identity provider, read once from the console tenant's configuration. */
    private static final class IdentityProvider {
        static final String ORIGIN = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.oidc.console.auth-server-url", String.class)
                .map(java.net.URI::create).filter(u -> u.getScheme() != null && u.getAuthority() != null)
                .map(u -> " " + u.getScheme() + "://" + u.getAuthority()).orElse("");
    }

    private static String relative(String absolute) {
        java.net.URI u = java.net.URI.create(absolute);
        String path = "/" + (u.getRawPath() == null ? "" : u.getRawPath()).replaceFirst("^/+", "");
        return path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
