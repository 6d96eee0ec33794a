package eu.delisting.gateway.tenants;

import eu.delisting.gateway.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static eu.delisting.gateway.support.Api.anonymous;
import static eu.delisting.gateway.support.Api.as;
import static eu.delisting.gateway.support.Api.operator;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class OrganisationResourceTest {

    @Test
    void operatorRegistersAnOrganisationAndSeesItListed() {
        String id = Api.unique("fndf");
        operator().body(Map.of("id", id, "name", "Fédération nationale des distributeurs de films", "kind", "RIGHTS_HOLDER"))
                .post("/api/v1/organisations")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/organisations/" + id))
                .body("id", equalTo(id))
                .body("kind", equalTo("RIGHTS_HOLDER"))
                .body("name", equalTo("Fédération nationale des distributeurs de films"));

        operator().get("/api/v1/organisations").then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    void registeringTheSameIdTwiceIsAConflict() {
        String id = Api.registerOrganisation("google", "SEARCH_ENGINE");
        operator().body(Map.of("id", id, "name", "Another", "kind", "SEARCH_ENGINE"))
                .post("/api/v1/organisations")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("ALREADY_EXISTS"));
    }

    @Test
    void unknownKindAndBadSlugAreNamedFieldByField() {
        operator().body(Map.of("id", "Not A Slug!", "name", "X", "kind", "BROADCASTER"))
                .post("/api/v1/organisations")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", containsInAnyOrder("id", "kind"))
                .body("errors.code", containsInAnyOrder("INVALID_SLUG", "UNKNOWN_VALUE"));
        operator().get("/api/v1/organisations").then().body("id", not(hasItem("Not A Slug!")));
    }

    @Test
    void onlyTheOperatorRegistersOrganisations() {
        as("apc", "rights-holder").body(Map.of("id", Api.unique("x"), "name", "X", "kind", "RIGHTS_HOLDER"))
                .post("/api/v1/organisations")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("FORBIDDEN"));
        as("google", "search-engine").get("/api/v1/organisations").then().statusCode(403);
    }

    @Test
    void aCallerWithoutATokenIsUnauthorized() {
        anonymous().get("/api/v1/organisations")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void meNamesTheCallersOrganisationAndRoles() {
        String id = Api.registerOrganisation("yahoo", "SEARCH_ENGINE");
        as(id, "search-engine").get("/api/v1/me")
                .then().statusCode(200)
                .body("organisation", equalTo(id))
                .body("kind", equalTo("SEARCH_ENGINE"))
                .body("roles", containsInAnyOrder("search-engine"))
                .body("registered", equalTo(true));
    }
}
