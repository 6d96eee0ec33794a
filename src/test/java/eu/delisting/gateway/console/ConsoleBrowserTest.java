package eu.delisting.gateway.console;

import eu.delisting.gateway.support.Api;
import eu.delisting.gateway.support.KeycloakTestResource;
import eu.delisting.gateway.support.Rows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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

    /** One browser for the class, emptied before each test: no session, at the gateway or the identity provider, carries over. */
    private static Browser browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start();
    }

    @BeforeEach
    void forgetEverySession() throws Exception {
        List<String> origins = List.of(origin(url("/")), origin(ConfigProvider.getConfig()
                .getValue(KeycloakTestResource.URL_PROPERTY, String.class)));
        try {
            browser.forgetEverything(origins);
        } catch (org.openqa.selenium.WebDriverException gone) {
            // A browser the last test left unusable (crashed, or its window closed): a new one, so that one failure
            // stays one.
            System.out.println("Console browser started again: " + gone.getMessage().lines().findFirst().orElse(""));
            try {
                browser.close();
            } catch (org.openqa.selenium.WebDriverException alreadyGone) {
                // its process may be gone already
            }
            browser = Browser.start();
        }
    }

    private static String origin(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
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
        browser.submit("#kc-login");
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

        browser.submit("a[hreflang='fr']");
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
        assertThat(browser.all("svg#overdue-chart polyline.series")).hasSize(2);
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
        browser.submit("#notice-table tbody a");
        assertThat(browser.text("#history")).contains("Delisted").contains("FR");
        assertAccessible("notice");

        // The audit trail: verification of the whole chain, the entries of this order.
        browser.open(url("/console/orders/" + s.order() + "/audit"));
        browser.submit("a[href$='/audit?verify=1']");
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
        signIn("alice.auditor", "alice-local-password");
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
        browser.submit("form.sign-out button");
        assertThat(browser.url()).startsWith(url("/"));
        assertThat(browser.text("h1")).isEqualTo("Delisting gateway");
        browser.open(url("/console/orders"));
        assertThat(browser.url()).contains("/protocol/openid-connect/auth");
    }

    /** The demo organisations the realm's console users belong to, registered once (a second time is a 409). */
    private static void registerDemoOrganisations() {
        for (String[] o : new String[][]{{"apc", "RIGHTS_HOLDER"}, {"google", "SEARCH_ENGINE"}, {"microsoft", "SEARCH_ENGINE"},
                {"yahoo", "SEARCH_ENGINE"}, {"orange", "SEARCH_ENGINE"}, {"arcom", "AUTHORITY"}}) {
            operator().body(Map.of("id", o[0], "name", o[0], "kind", o[1])).post("/api/v1/organisations");
        }
    }

    private static String demoOrder() {
        registerDemoOrganisations();
        return Api.issueOrder(new Api.Parties(List.of("apc"), List.of("google", "microsoft", "yahoo", "orange")),
                "allostreaming.com");
    }

    @Test
    void aRightsHolderPastesThreeUrlsSeesOneRefusedWithItsHintFilesTheOtherTwoAndSeesEightNotices() {
        String order = demoOrder();
        browser.open(url("/console/orders/" + order));
        signIn("rita.rights", "rita-local-password");
        browser.submit("#claimant-actions a[href='/console/filing/" + order + "']");
        assertAccessible("file");
        browser.find("#urls").sendKeys("https://allostreaming.com/film/1\nhttps://www.allostreaming.com/film/2\n"
                + "https://allostreaming.xyz/film/3");
        browser.submit("#file-form button[type=submit]");

        List<WebElement> lines = browser.all("#preview tbody tr");
        assertThat(lines).hasSize(3);
        assertThat(browser.all("#preview tr.covered")).hasSize(2);
        WebElement refused = browser.find("#preview tr.refused");
        assertThat(refused.getText()).contains("https://allostreaming.xyz/film/3").contains("OUT_OF_SCOPE");
        assertThat(refused.findElement(By.cssSelector("td.hint")).getText()).contains("POSSIBLE_MIRROR");
        assertThat(Rows.count(db, "select count(*) from delisting_request where order_id = ?", order))
                .as("nothing is filed by the preview").isZero();
        assertAccessible("preview");
        browser.screenshot("rights-holder-preview");

        String form = (String) browser.script(
                "return new URLSearchParams(new FormData(document.getElementById('file-covered'))).toString()");
        browser.submit("#file-covered button[type=submit]");
        assertThat(browser.url()).contains("/console/requests/");
        assertThat(browser.text("#notice-count")).isEqualTo("8");
        assertThat(browser.all("#request-notices tbody tr")).hasSize(8);
        assertThat(browser.all("#by-engine tbody tr")).hasSize(4);
        assertAccessible("request");
        browser.screenshot("rights-holder-request");
        assertThat(Rows.count(db, "select count(*) from notice n join delisting_request r on r.id = n.request_id"
                + " where r.order_id = ? and r.claimant_id = 'apc'", order)).isEqualTo(8);

        // The organisation's requests under the order, each with the state of its notices per engine.
        browser.open(url("/console/filing/" + order + "/requests"));
        assertThat(browser.all("#requests tbody tr")).hasSize(1);
        assertThat(browser.all("#requests ul.per-engine li")).hasSize(4);
        assertThat(browser.text("#requests ul.per-engine")).contains("google: Pending 2");
        assertAccessible("requests");

        // Proposing a mirror: the form, sent, and the proposal listed as pending.
        browser.open(url("/console/filing/" + order + "/mirrors/new"));
        assertAccessible("mirror proposal");
        browser.find("#domain").sendKeys("allostreaming.xyz");
        browser.find("#evidence").sendKeys("Same catalogue and layout as allostreaming.com");
        browser.find("#links").sendKeys("https://allostreaming.xyz/");
        browser.submit("#mirror-form button[type=submit]");
        assertThat(browser.text("#proposals")).contains("allostreaming.xyz").contains("PENDING");
        assertThat(Rows.count(db, "select count(*) from mirror_proposal where order_id = ? and status = 'PENDING'", order))
                .isEqualTo(1);

        // The same form sent again (a double click, a retry): it carries the preview's key, so nothing is filed twice.
        Map<String, Object> again = browser.fetch("POST", "/console/filing/" + order + "/requests", form);
        assertThat(again.get("status")).as("redirected to the first filing").isIn(0L, 303L);
        assertThat(Rows.count(db, "select count(*) from delisting_request where order_id = ?", order)).isEqualTo(1);
    }

    @Test
    void anEngineAcknowledgesOneNoticeFromItsQueueAndSeesItLeaveTheQueue() {
        String order = demoOrder();
        Api.file("apc", order, "https://allostreaming.com/queue/1", "https://allostreaming.com/queue/2");
        browser.open(url("/console"));
        signIn("gabriel.engine", "gabriel-local-password");
        assertThat(browser.url()).endsWith("/console/queue");
        browser.open(url("/console/queue?orderId=" + order));
        List<WebElement> rows = browser.all("#queue tbody tr");
        assertThat(rows).hasSize(2);
        assertAccessible("queue");
        browser.screenshot("engine-queue");
        // With the page's script: one box selects every notice shown, and again none.
        browser.find("#select-all").click();
        assertThat(browser.all("#queue tbody input[type=checkbox]")).allMatch(WebElement::isSelected);
        browser.find("#select-all").click();
        assertThat(browser.all("#queue tbody input[type=checkbox]")).noneMatch(WebElement::isSelected);
        // Only the fields the chosen state takes are shown: no reason nor territories for a receipt.
        assertThat(browser.find("#reasonCode").isDisplayed()).isFalse();
        assertThat(browser.find("#territories").isDisplayed()).isFalse();

        String first = rows.get(0).findElement(By.cssSelector("input[type=checkbox]")).getAttribute("value");
        browser.find("#sel-" + first).click();
        new org.openqa.selenium.support.ui.Select(browser.find("#status")).selectByValue("DELISTED");
        assertThat(browser.find("#territories").isDisplayed()).isTrue();
        assertThat(browser.find("#reasonCode").isDisplayed()).isFalse();
        browser.find("#frontEnds").sendKeys("www.google.fr");
        browser.submit("#ack-form button[type=submit]");

        assertThat(browser.text("#acknowledged")).startsWith("1 ");
        assertThat(browser.all("#queue tbody tr")).hasSize(1);
        assertThat(browser.all("#n-" + first)).isEmpty();
        assertThat(Rows.count(db, "select count(*) from notice where id = ? and status = 'DELISTED'", first)).isEqualTo(1);
        assertThat(Rows.count(db, "select count(*) from acknowledgement where notice_id = ?", first)).isEqualTo(1);
    }

    @Test
    void theAuthorityApprovesAMirrorProposalAndTheDomainJoinsTheOrdersScope() {
        String order = demoOrder();
        String mirror = as("apc", "rights-holder").body(Map.of("domain", "allostreaming.xyz",
                        "evidence", "Same catalogue, same layout, linked from the original's footer",
                        "links", List.of("https://allostreaming.xyz/")))
                .post("/api/v1/orders/" + order + "/mirrors").then().statusCode(201).extract().path("id");
        browser.open(url("/console"));
        signIn("anna.authority", "anna-local-password");
        assertThat(browser.url()).endsWith("/console/mirrors");
        WebElement proposal = browser.find("#p-" + mirror);
        assertThat(proposal.getText()).contains("allostreaming.xyz").contains("Same catalogue");
        assertAccessible("mirrors");
        browser.screenshot("authority-mirrors");
        proposal.findElement(By.id("approve-" + mirror)).click();
        proposal.findElement(By.id("reasons-" + mirror)).sendKeys("Mirror of allostreaming.com established");
        browser.submit("#p-" + mirror + " button[type=submit]");

        assertThat(browser.all("#p-" + mirror)).isEmpty();
        assertThat(operator().get("/api/v1/orders/" + order).then().statusCode(200).extract()
                .<List<String>>path("scope.value")).contains("allostreaming.xyz");
        assertThat(Rows.count(db, "select count(*) from mirror_proposal where id = ? and status = 'APPROVED'", mirror))
                .isEqualTo(1);
    }

    @Test
    void theOperatorRegistersAnAuditorAppointsItToAnOrderAndSuspendsTheOrder() {
        String order = demoOrder();
        String auditor = Api.unique("aud");
        browser.open(url("/console/operator/organisations"));
        signIn("oscar.operator", "oscar-local-password");
        assertAccessible("organisations");
        browser.find("#id").sendKeys(auditor);
        browser.find("#name").sendKeys("Cabinet d'audit " + auditor);
        new org.openqa.selenium.support.ui.Select(browser.find("#kind")).selectByValue("AUDITOR");
        browser.submit("#register-form button[type=submit]");
        assertThat(browser.text("#organisations")).contains(auditor);
        assertThat(Rows.count(db, "select count(*) from organisation where id = ? and kind = 'AUDITOR'", auditor)).isEqualTo(1);

        browser.open(url("/console/orders/" + order));
        browser.submit("#operator-link");
        assertAccessible("operator order");
        new org.openqa.selenium.support.ui.Select(browser.find("#organisation")).selectByValue(auditor);
        browser.submit("#appoint-form button[type=submit]");
        assertThat(browser.text("#auditors-now")).contains(auditor);

        new org.openqa.selenium.support.ui.Select(browser.find("#type")).selectByValue("SUSPEND");
        browser.find("#decisionReference").sendKeys("Ordonnance de suspension du 1er décembre 2026");
        browser.submit("#amend-form button[type=submit]");
        assertThat(browser.all("#version-table tbody tr")).hasSize(2);
        assertThat(browser.text("#version-table")).contains("Ordonnance de suspension");
        browser.screenshot("operator-order");
        assertThat(operator().get("/api/v1/orders/" + order).then().statusCode(200).extract().<String>path("status"))
                .isEqualTo("SUSPENDED");
        assertThat(Rows.count(db, "select count(*) from audit_event where order_id = ? and organisation_id = 'operator'"
                + " and action like '%AMEND%'", order)).isPositive();
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
