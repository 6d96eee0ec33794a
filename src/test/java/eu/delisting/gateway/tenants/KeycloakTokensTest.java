package eu.delisting.gateway.tenants;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.KeycloakTestResource;
import eu.delisting.gateway.support.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Real client-credentials and password tokens from a real Keycloak (started once for the whole run
 * by {@link KeycloakTestResource}): each organisation gets its own view; a token for another
 * audience, an expired one and a forged one are refused; a second realm is accepted as a further
 * tenant resolved by issuer.
 */
@QuarkusTest
@QuarkusTestResource(value = KeycloakTestResource.class, restrictToAnnotatedClass = false)
class KeycloakTokensTest {

    @ConfigProperty(name = KeycloakTestResource.URL_PROPERTY)
    String keycloak;

    private String clientToken(String realm, String client, String secret) {
        return RestAssured.given().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "client_credentials", "client_id", client, "client_secret", secret))
                .post(keycloak + "/realms/" + realm + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    private String passwordToken(String user, String password) {
        return RestAssured.given().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "password", "client_id", "delisting-portal", "username", user,
                        "password", password))
                .post(keycloak + "/realms/delisting/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    private static io.restassured.specification.RequestSpecification bearer(String token) {
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static void register(String id, String kind) {
        Api.operator().body(Map.of("id", id, "name", id, "kind", kind)).post("/api/v1/organisations");
    }

    @Test
    void eachOrganisationSeesItsOwnViewWithRealTokens() {
        for (String[] org : List.of(new String[]{"apc", "RIGHTS_HOLDER"}, new String[]{"google", "SEARCH_ENGINE"},
                new String[]{"microsoft", "SEARCH_ENGINE"})) {
            register(org[0], org[1]);
        }
        Api.Parties parties = new Api.Parties(List.of("apc"), List.of("google"));
        String order = Api.issueOrder(parties, "allostreaming.com");

        String google = clientToken("delisting", "google", "google-local-secret");
        bearer(google).get("/api/v1/me").then().statusCode(200)
                .body("organisation", equalTo("google"))
                .body("roles", containsInAnyOrder("search-engine"));
        bearer(google).get("/api/v1/orders").then().statusCode(200).body("items.id", hasItem(order));

        String microsoft = clientToken("delisting", "microsoft", "microsoft-local-secret");
        bearer(microsoft).get("/api/v1/orders").then().statusCode(200).body("items.id", not(hasItem(order)));
        bearer(microsoft).get("/api/v1/orders/" + order).then().statusCode(404);

        String apc = clientToken("delisting", "apc", "apc-local-secret");
        bearer(apc).body(Map.of("urls", List.of("https://allostreaming.com/keycloak")))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(201);
        bearer(google).get("/api/v1/notices?orderId=" + order).then().statusCode(200)
                .body("items.url", hasItem("https://allostreaming.com/keycloak"));
        bearer(microsoft).get("/api/v1/notices?orderId=" + order).then().statusCode(200)
                .body("items.url", not(hasItem("https://allostreaming.com/keycloak")));
        // An engine token cannot file, whatever its organisation.
        bearer(google).body(Map.of("urls", List.of("https://allostreaming.com/x")))
                .post("/api/v1/orders/" + order + "/requests").then().statusCode(403);
    }

    @Test
    void aPersonLogsInWithAPasswordAndCarriesTheirOrganisation() {
        String alice = passwordToken("alice.auditor", "alice-local-password");
        bearer(alice).get("/api/v1/me").then().statusCode(200)
                .body("organisation", equalTo("court-auditor"))
                .body("roles", containsInAnyOrder("auditor"));
        bearer(alice).body(Map.of("id", "x-by-alice", "name", "X", "kind", "AUDITOR"))
                .post("/api/v1/organisations").then().statusCode(403);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String token = clientToken("delisting", "no-audience", "no-audience-local-secret");
        bearer(token).get("/api/v1/me").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void anExpiredTokenIsRefused() throws InterruptedException {
        String token = clientToken("delisting", "google-short-lived", "short-local-secret");
        bearer(token).get("/api/v1/me").then().statusCode(200);
        // The client's tokens live two seconds; this is the one test that waits on the identity provider's clock.
        Thread.sleep(3500);
        bearer(token).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aForgedTokenIsRefused() {
        String token = clientToken("delisting", "microsoft", "microsoft-local-secret");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"org\":\"microsoft\"", "\"org\":\"google\"");
        assertThat(payload).contains("\"org\":\"google\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        bearer(forged).get("/api/v1/me").then().statusCode(401);
        // A token signed by a key the gateway trusts for another issuer does not pass for Keycloak's.
        String wrongIssuer = io.smallrye.jwt.build.Jwt.issuer(keycloak + "/realms/delisting").audience(Tokens.AUDIENCE)
                .claim("org", "google").groups(java.util.Set.of("search-engine"))
                .jws().keyId("not-a-keycloak-key").sign(Tokens.signingKey());
        bearer(wrongIssuer).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aSecondRealmIsAcceptedAsAFurtherTenant() {
        String qwant = clientToken("partners", "qwant", "qwant-local-secret");
        bearer(qwant).get("/api/v1/me").then().statusCode(200)
                .body("organisation", equalTo("qwant"))
                .body("roles", containsInAnyOrder("search-engine"));
    }
}
