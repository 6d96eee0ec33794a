package eu.delisting.gateway.console;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static eu.delisting.gateway.support.Api.as;
import static eu.delisting.gateway.support.Api.operator;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real headless Chromium, signed in through the real Keycloak's login page (the realm's
 * public client delisting-portal, authorization code flow with PKCE). The auditor alice.auditor (organisation
 * court-auditor) reads an order she audits: compliance with its charts, the notices and a notice's history, the
 * audit trail and its verification, the CSV; finds no control that writes; gets a 404 page for an order she does
 * not audit. Every page passes axe-core's WCAG 2.x A/AA rules with no serious or critical violation.
 */
@QuarkusTest
class ConsoleBrowserTest {

    private static final String AUDITOR_ORG = "court-auditor";

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource db;

    private static Browser browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private String url(String path) {
        String root = base.toString().replace("127.0.0.1", "localhost");
        return root.substring(0, root.length() - 1) + path;
    }

    /** An order with notices to two engines, one delisted, one received; the auditor organisation appointed. */
    private record Scenario(String order, String reference, String foreignOrder, List<String> notices) {
    }

    private Scenario scenario() {
        operator().body(Map.of("id", AUDITOR_ORG, "name", "Court-appointed auditor", "kind", "AUDITOR"))
                .post("/api/v1/organisations");
        Api.Parties parties = Api.parties(1, 2);
        String order = Api.issueOrder(parties, "allostreaming.com", "allostreaming.net");
        String reference = operator().get("/api/v1/orders/" + order)
                .then().statusCode(200).extract().path("reference");
        Instant now = Instant.now();
        operator().body(Map.of("organisation", AUDITOR_ORG, "from", now.minus(Duration.ofHours(1)).toString(),
                "until", now.plus(Duration.ofDays(10)).toString()))
                .post("/api/v1/orders/" + order + "/auditors").then().statusCode(201);
        Api.file(parties.claimant(), order, "https://allostreaming.com/film-1", "https://allostreaming.net/film-2");
        List<String> ids = as(parties.engine(), "search-engine").get("/api/v1/notices?orderId=" + order)
                .then().statusCode(200).extract().path("items.id");
        as(parties.engine(), "search-engine").body(Map.of("status", "DELISTED", "effectiveAt", now.toString(),
                        "territories", List.of("FR"), "frontEnds", List.of("www.example-engine.fr")))
                .post("/api/v1/notices/" + ids.get(0) + "/acknowledgements").then().statusCode(201);
        as(parties.engine(), "search-engine").body(Map.of("status", "RECEIVED", "effectiveAt", now.toString()))
                .post("/api/v1/notices/" + ids.get(1) + "/acknowledgements").then().statusCode(201);
        Api.Parties others = Api.parties(1, 1);
        String foreign = Api.issueOrder(others, "another-site.org");
        return new Scenario(order, reference, foreign, ids);
    }

    private void signIn(String user, String password) {
        browser.find("#username").sendKeys(user);
        browser.find("#password").sendKeys(password);
        browser.find("#kc-login").click();
    }

    private void assertAccessible(String page) {
        assertThat(browser.seriousViolations()).as("serious or critical accessibility violations on " + page).isEmpty();
    }

    @Test
    void theLandingPageSaysWhatTheGatewayIsAndLeadsToSignInInEnglishOrFrench() {
        browser.open(url("/"));
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
        assertThat(browser.text("h1")).isEqualTo("Delisting gateway");
        assertThat(browser.find("a.cta").getAttribute("href")).endsWith("/console/orders");
        assertThat(browser.all("a[href='/q/openapi']")).hasSize(1);
        assertAccessible("landing");
        browser.screenshot("landing");

        browser.find("a[hreflang='fr']").click();
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("fr");
        assertThat(browser.text("h1")).isEqualTo("Passerelle de déréférencement");
        assertThat(browser.text("a.cta")).isEqualTo("Se connecter à la console");
        assertAccessible("landing (fr)");
        browser.open(url("/?lang=en"));
        assertThat(browser.text("h1")).isEqualTo("Delisting gateway");
    }

    @Test
    void anAuditorSignsInReadsTheComplianceWithItsChartVerifiesTheChainDownloadsTheCsvAndFindsNoWriteControl() {
        Scenario s = scenario();
        browser.open(url("/console/orders/" + s.order()));
        // Not signed in: the identity provider's login page, then back to the page asked for.
        assertThat(browser.url()).contains("/realms/delisting/protocol/openid-connect/auth");
        signIn("alice.auditor", "alice-local-password");
        assertThat(browser.url()).isEqualTo(url("/console/orders/" + s.order()));
        assertThat(browser.text("h1")).isEqualTo(s.reference());
        assertThat(browser.text("header .who")).contains(AUDITOR_ORG);

        List<WebElement> rows = browser.all("#compliance-table tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(browser.all("svg#delay-chart rect.bar")).isNotEmpty();
        assertThat(browser.find("svg#delay-chart").getAttribute("role")).isEqualTo("img");
        assertThat(browser.all("svg#state-chart rect.bar")).isNotEmpty();
        String table = browser.text("#compliance-table");
        assertThat(table).contains("Delisted").contains("Received");
        assertNoWriteControl();
        assertAccessible("order compliance");
        browser.screenshot("auditor-compliance");

        // The notices, filtered to the delisted one, and its history.
        browser.open(url("/console/orders/" + s.order() + "/notices?status=DELISTED"));
        assertThat(browser.all("#notice-table tbody tr")).hasSize(1);
        assertNoWriteControl();
        assertAccessible("notices");
        browser.find("#notice-table tbody a").click();
        assertThat(browser.text("#history")).contains("Delisted").contains("FR");
        assertAccessible("notice");

        // The audit trail: verification of the whole chain, the entries of this order.
        browser.open(url("/console/orders/" + s.order() + "/audit"));
        browser.driver().findElement(By.linkText("Verify the whole chain")).click();
        assertThat(browser.text("#verification-result")).startsWith("The chain is intact");
        assertThat(browser.text("#audit-entries")).contains("REQUEST_FILED");
        assertNoWriteControl();
        assertAccessible("audit");
        browser.screenshot("auditor-audit");

        // The CSV, as the download link serves it.
        Map<String, Object> csv = browser.fetch("GET", "/console/orders/" + s.order() + "/compliance.csv", null);
        assertThat(csv.get("status")).isEqualTo(200L);
        assertThat(csv.get("type").toString()).startsWith("text/csv");
        String[] lines = csv.get("body").toString().split("\r?\n");
        assertThat(lines).hasSize(1 + 4);
        assertThat(csv.get("body").toString()).contains("https://allostreaming.com/film-1");

        // An order she does not audit is a 404 page that names nothing of it.
        browser.open(url("/console/orders/" + s.foreignOrder()));
        assertThat(browser.text("h1")).isEqualTo("Not found");
        assertThat(browser.find("body").getText()).doesNotContain("another-site.org");
        assertThat(browser.fetch("GET", "/console/orders/" + s.foreignOrder(), null).get("status")).isEqualTo(404L);
        assertThat(browser.fetch("GET", "/console/orders/" + s.foreignOrder() + "/compliance.csv", null).get("status"))
                .isEqualTo(404L);
        assertAccessible("not found");

        // The auditor's reads are in the audit log, under her organisation.
        assertThat(Rows.count(db, "select count(*) from audit_event where organisation_id = ? and order_id = ?",
                AUDITOR_ORG, s.order())).isPositive();

        // In French: the console's words change, the order's own French text stays.
        browser.open(url("/console/orders/" + s.order() + "?lang=fr"));
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("fr");
        assertThat(browser.text("#compliance")).isEqualTo("Exécution");
        assertThat(browser.text("#compliance-table")).contains("Déréférencée");
        assertAccessible("order compliance (fr)");
        browser.screenshot("auditor-compliance-fr");
        browser.open(url("/console/orders?lang=en"));
        assertThat(browser.text("h1")).isEqualTo("Orders");
        assertThat(browser.text("main")).contains(s.reference());
        assertAccessible("orders");
    }

    @Test
    void aFormPostWithoutTheConsolesTokenIsRefusedAndTheSessionStays() {
        Scenario s = scenario();
        browser.open(url("/console/orders"));
        if (browser.url().contains("/protocol/openid-connect/auth")) {
            signIn("alice.auditor", "alice-local-password");
        }
        assertThat(browser.text("h1")).isEqualTo("Orders");
        // Same origin, cookies sent, but no token in the form: refused.
        Map<String, Object> forged = browser.fetch("POST", "/console/sign-out", "csrf=guessed-value-of-sufficient-length-000000");
        assertThat(forged.get("status")).isEqualTo(403L);
        Map<String, Object> missing = browser.fetch("POST", "/console/sign-out", "");
        assertThat(missing.get("status")).isEqualTo(403L);
        // A form posted from another site's page: the session cookie is not sent (SameSite), nothing happens.
        browser.open("data:text/html,<form id=f method=post action='" + url("/console/sign-out")
                + "'><input name=csrf value=x></form><script>document.getElementById('f').submit()</script>");
        browser.open(url("/console/orders/" + s.order()));
        assertThat(browser.url()).isEqualTo(url("/console/orders/" + s.order()));
        assertThat(browser.text("h1")).isEqualTo(s.reference());

        // The console's own sign-out form carries the token: the session ends, at the gateway and the provider.
        browser.find("form.sign-out button").click();
        assertThat(browser.url()).startsWith(url("/"));
        assertThat(browser.text("h1")).isEqualTo("Delisting gateway");
        browser.open(url("/console/orders"));
        assertThat(browser.url()).contains("/protocol/openid-connect/auth");
    }

    private void assertNoWriteControl() {
        List<WebElement> forms = browser.all("main form");
        for (WebElement form : forms) {
            assertThat(form.getAttribute("method")).as("a form in an auditor's page").isEqualToIgnoringCase("get");
        }
        assertThat(browser.all("main textarea, main input[type=file], main button[type=submit]:not(form[method=get] button)"))
                .isEmpty();
        assertThat(browser.all("form[method=post]")).hasSize(1);
        assertThat(browser.find("form[method=post]").getAttribute("action")).endsWith("/console/sign-out");
    }
}
