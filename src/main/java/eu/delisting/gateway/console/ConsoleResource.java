package eu.delisting.gateway.console;

import eu.delisting.gateway.audit.AuditCheckpoints;
import eu.delisting.gateway.audit.AuditTrail;
import eu.delisting.gateway.compliance.AuditAccess;
import eu.delisting.gateway.compliance.ComplianceService;
import eu.delisting.gateway.notices.NoticeFeed;
import eu.delisting.gateway.notices.NoticeStatus;
import eu.delisting.gateway.notices.NoticeView;
import eu.delisting.gateway.orders.OrderHeading;
import eu.delisting.gateway.orders.OrderService;
import eu.delisting.gateway.orders.OrderView;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.requests.RequestService;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.Location;
import io.quarkus.qute.RawString;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console for people: server-rendered pages over the same services and the same {@link Caller} as the
 * API, so what a page shows is exactly what the API would answer that organisation (a foreign record is a 404
 * page). Signed in through the identity provider's authorization code flow (the {@code console} OIDC tenant);
 * the API stays bearer-only. Auditors find nothing they could change: their pages have no write control.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    private static final int PAGE = 50;

    @Inject
    Caller caller;
    @Inject
    OrderService orders;
    @Inject
    ComplianceService compliance;
    @Inject
    NoticeFeed notices;
    @Inject
    AuditAccess auditAccess;
    @Inject
    AuditTrail audit;

    @Inject
    @Location("console/orders.html")
    Template ordersPage;
    @Inject
    @Location("console/order.html")
    Template orderPage;
    @Inject
    @Location("console/notices.html")
    Template noticesPage;
    @Inject
    @Location("console/notice.html")
    Template noticePage;
    @Inject
    @Location("console/audit.html")
    Template auditPage;
    @Inject
    Pages pages;
    @Inject
    RequestService requests;
    @Inject
    @Location("console/request.html")
    Template requestPage;

    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    /** After sign-in: an engine's desk starts at its queue, the authority's at the pending mirrors. */
    @GET
    public Response home() {
        String start = caller.is(Role.SEARCH_ENGINE) ? "/console/queue"
                : caller.is(Role.AUTHORITY) ? "/console/mirrors" : "/console/orders";
        return Response.seeOther(URI.create(start)).build();
    }

    @GET
    @Path("/orders")
    public Response orders() {
        List<OrderView> visible = orders.visibleOrders(caller);
        return page(ordersPage.data("orders", visible));
    }

    @GET
    @Path("/orders/{orderId}")
    public Response order(@PathParam("orderId") String orderId) {
        // The order, the caller's standing and the compliance figures read on one connection, in one transaction.
        record Read(OrderView order, boolean oversees, boolean files, ComplianceService.Summary report) {
        }
        Read read = QuarkusTransaction.joiningExisting().call(() -> {
            OrderView heading = orders.summary(orderId, caller);
            boolean overseer = orders.oversees(orderId, caller);
            return new Read(heading, overseer,
                    caller.is(Role.RIGHTS_HOLDER) && orders.isClaimant(orderId, caller.organisation()),
                    overseer ? compliance.summary(orderId, caller) : null);
        });
        boolean oversees = read.oversees();
        TemplateInstance view = orderPage.data("order", read.order()).data("oversees", oversees)
                .data("files", read.files())
                .data("report", null).data("delayChart", new RawString("")).data("stateChart", new RawString(""))
                .data("hasDelays", false).data("overdueChart", new RawString(""))
                .data("states", List.of());
        if (oversees) {
            ComplianceService.Summary report = read.report();
            Map<String, String> t = Texts.of(ConsolePage.of(uri, headers).lang());
            String delays = delayChart(report, t);
            view = view.data("report", report).data("states", List.of(NoticeStatus.values()))
                    .data("hasDelays", !delays.isEmpty()).data("delayChart", new RawString(delays))
                    .data("stateChart", new RawString(stateChart(report, t)))
                    .data("overdueChart", new RawString(overdueChart(report, t)));
        }
        return page(view);
    }

    @GET
    @Path("/orders/{orderId}/compliance.csv")
    @Produces("text/csv")
    public Response complianceCsv(@PathParam("orderId") String orderId) {
        ComplianceService.CsvExport export = compliance.csvExport(orderId, caller);
        return Response.ok((StreamingOutput) export::writeTo, "text/csv;charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"compliance-" + orderId + ".csv\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /**
     * The order's notices in feed order, a page at a time after the previous page's cursor (the API's poll, so
     * its visibility and its auditor-read entry), filtered by state there and by engine on the page.
     */
    @GET
    @Path("/orders/{orderId}/notices")
    public Response notices(@PathParam("orderId") String orderId, @QueryParam("status") String status,
                            @QueryParam("engine") String engine, @QueryParam("after") String after) {
        String state = status == null || status.isBlank() ? null : status;
        // The heading and the page read in one transaction (one connection, the order's rows read once).
        record Read(OrderHeading order, NoticeFeed.NoticePage page) {
        }
        Read read = QuarkusTransaction.joiningExisting().call(() -> new Read(orders.heading(orderId, caller),
                notices.poll(caller, orderId, state, after == null || after.isBlank() ? null : after, PAGE)));
        OrderHeading order = read.order();
        NoticeFeed.NoticePage page = read.page();
        List<NoticeView> shown = page.items().stream()
                .filter(n -> engine == null || engine.isBlank() || n.addressee().equals(engine)).toList();
        String next = page.items().size() == PAGE ? page.nextCursor() : null;
        return page(noticesPage.data("order", order).data("lines", shown).data("next", next)
                .data("status", status == null ? "" : status).data("engine", engine == null ? "" : engine)
                .data("states", List.of(NoticeStatus.values())));
    }

    @GET
    @Path("/notices/{noticeId}")
    public Response notice(@PathParam("noticeId") String noticeId) {
        NoticeView notice = notices.read(noticeId, caller);
        List<NoticeView.AcknowledgementView> history = notices.history(noticeId, caller);
        return page(noticePage.data("notice", notice).data("history", history));
    }

    @GET
    @Path("/requests/{requestId}")
    public Response request(@PathParam("requestId") String requestId) {
        RequestService.RequestView request = requests.read(requestId, caller);
        return page(requestPage.data("request", request).data("byEngine", ClaimantConsole.byEngine(request.notices())));
    }

    @GET
    @Path("/orders/{orderId}/audit")
    public Response audit(@PathParam("orderId") String orderId, @QueryParam("after") String after,
                          @QueryParam("verify") String verify) {
        Pages.requireRole(caller, Role.AUDITOR, Role.OPERATOR);
        AuditAccess.OrderTrail read = auditAccess.orderTrail(caller, orderId, after, PAGE);
        OrderHeading order = read.order();
        AuditTrail.EventPage events = read.events();
        AuditTrail.Verification verification = verify != null ? audit.verify(null, null, null) : null;
        // The checkpoint is signed when asked for: shown with a verification, always downloadable.
        AuditCheckpoints.Checkpoint checkpoint = verify != null ? latestCheckpoint() : null;
        return page(auditPage.data("order", order).data("events", events.items())
                .data("next", events.items().size() == PAGE ? events.nextCursor() : null)
                .data("verification", verification).data("checkpoint", checkpoint));
    }

    @GET
    @Path("/audit/checkpoint.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response checkpoint() {
        if (!caller.is(Role.AUDITOR) && !caller.isOperator()) {
            throw GatewayProblem.notFound("checkpoint");
        }
        AuditCheckpoints.Checkpoint checkpoint = latestCheckpoint();
        if (checkpoint == null) {
            throw GatewayProblem.notFound("checkpoint");
        }
        return Response.ok(checkpoint, MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"checkpoint-" + checkpoint.seq() + ".json\"").build();
    }

    /** Signing out is a form post with the page's token; the identity provider's session ends too. */
    @POST
    @Path("/sign-out")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam("csrf") String csrf) {
        Pages.requireFormToken(csrf, headers);
        return Response.seeOther(URI.create("/console/logout")).build();
    }

    private AuditCheckpoints.Checkpoint latestCheckpoint() {
        try {
            return audit.checkpoint();
        } catch (GatewayProblem none) {
            if (none.code() == ProblemCode.NOT_FOUND) {
                return null;
            }
            throw none;
        }
    }

    private Response page(TemplateInstance view) {
        return pages.render(view, caller, uri, headers);
    }

    @ServerExceptionMapper
    public Response refused(GatewayProblem problem) {
        return pages.refused(problem, caller, uri, headers);
    }

    /** Delisted notices per bucket of time to delist, per engine: the distribution, drawn as grouped bars. */
    static String delayChart(ComplianceService.Summary report, Map<String, String> t) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (ComplianceService.DelayDistribution d : report.delays()) {
            if (d.notices().stream().anyMatch(n -> n > 0)) {
                values.put(d.addressee(), d.notices().stream().map(Long::doubleValue).toList());
            }
        }
        if (values.isEmpty()) {
            return "";
        }
        List<Charts.Series> series = new ArrayList<>();
        for (int i = 0; i <= ComplianceService.DELAY_BUCKETS.size(); i++) {
            series.add(new Charts.Series(t.get("order.chart.bucket." + i), Charts.PALETTE.get(i)));
        }
        return Charts.bars("delay-chart", t.get("order.chart.title"), t.get("order.chart.desc"), series,
                Charts.groups(values), "");
    }

    /** Notices overdue at the end of each day, per engine (the series the summary counted). */
    static String overdueChart(ComplianceService.Summary report, Map<String, String> t) {
        ComplianceService.OverdueSeries overdue = report.overdue();
        if (overdue.isEmpty()) {
            return "";
        }
        List<String> engines = new ArrayList<>(overdue.counts().keySet());
        List<List<Double>> values = engines.stream()
                .map(e -> overdue.counts().get(e).stream().map(Long::doubleValue).toList()).toList();
        return Charts.lines("overdue-chart", t.get("order.overdue.title"), t.get("order.overdue.desc"), engines,
                overdue.days().stream().map(java.time.LocalDate::toString).toList(), values, "");
    }

    private static String stateChart(ComplianceService.Summary report, Map<String, String> t) {
        List<NoticeStatus> states = List.of(NoticeStatus.PENDING, NoticeStatus.RECEIVED, NoticeStatus.DELISTED,
                NoticeStatus.REJECTED, NoticeStatus.CANCELLED, NoticeStatus.EXPIRED);
        List<Charts.Series> series = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            series.add(new Charts.Series(t.get("state." + states.get(i).name()), Charts.PALETTE.get(i)));
        }
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (ComplianceService.AddresseeCompliance a : report.addressees()) {
            values.put(a.addressee(), states.stream().map(s -> (double) a.byStatus().getOrDefault(s, 0)).toList());
        }
        return Charts.bars("state-chart", t.get("order.states.title"), t.get("order.states.title"), series,
                Charts.groups(values), "");
    }
}
