package eu.delisting.gateway.console;

import eu.delisting.gateway.idempotency.IdempotentCalls;
import eu.delisting.gateway.notices.NoticeView;
import eu.delisting.gateway.orders.MirrorService;
import eu.delisting.gateway.orders.OrderService;
import eu.delisting.gateway.orders.OrderView;
import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.requests.FiledRequest;
import eu.delisting.gateway.paging.Paging;
import eu.delisting.gateway.requests.FilingService;
import eu.delisting.gateway.requests.NewRequest;
import eu.delisting.gateway.requests.RequestService;
import eu.delisting.gateway.scope.Verdict;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A rights holder's console: file URLs by pasting them or uploading a text or CSV file, with
 * the order's verdict on every line before anything is filed; the filed request and its notices per engine;
 * the organisation's requests; mirror proposals with their evidence. Filing goes through the same service,
 * rules, idempotency and audit as the API. Under {@code /console/filing/{orderId}}: the order's own page
 * ({@code /console/orders/{orderId}}) links here.
 */
@Path("/console/filing/{orderId}")
@Produces(MediaType.TEXT_HTML)
public class ClaimantConsole {

    /** As many URLs as one API request files. */
    static final int MAX_LINES = Paging.MAX_ITEMS;

    @Inject
    Caller caller;
    @Inject
    OrderService orders;
    @Inject
    FilingService filing;
    @Inject
    RequestService requests;
    @Inject
    MirrorService mirrors;
    @Inject
    eu.delisting.gateway.notices.NoticeFeed noticeFeed;
    @Inject
    Pages pages;

    @Inject
    @Location("console/file.html")
    Template filePage;
    @Inject
    @Location("console/preview.html")
    Template previewPage;
    @Inject
    @Location("console/requests.html")
    Template requestsPage;
    @Inject
    @Location("console/mirror.html")
    Template mirrorPage;

    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    /** One pasted or uploaded line and the order's verdict on it. */
    public record PreviewLine(int line, String url, boolean covered, String matched, String code, String detail,
                              String hintKind, String hintRelated) {
    }

    @GET
    public Response fileForm(@PathParam("orderId") String orderId) {
        Pages.requireRole(caller, Role.RIGHTS_HOLDER);
        OrderView order = orders.summary(orderId, caller);
        return pages.render(filePage.data("order", order).data("max", MAX_LINES), caller, uri, headers);
    }

    /** The verdict on every line, nothing stored; the covered ones can then be filed in one request. */
    @POST
    @Path("/preview")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response preview(@PathParam("orderId") String orderId, @RestForm String urls, @RestForm("file") FileUpload file,
                            @RestForm String csrf) {
        Pages.requireFormToken(csrf, headers);
        Pages.requireRole(caller, Role.RIGHTS_HOLDER);
        OrderView order = orders.summary(orderId, caller);
        List<String> lines = new ArrayList<>(lines(urls));
        if (file != null && file.size() > 0) {
            lines.addAll(lines(file));
        }
        if (lines.isEmpty()) {
            throw GatewayProblem.invalid(List.of(new FieldError("urls", "REQUIRED", "paste URLs or choose a file")));
        }
        if (lines.size() > MAX_LINES) {
            throw GatewayProblem.invalid(List.of(new FieldError("urls", "TOO_MANY",
                    lines.size() + " URLs: one filing takes at most " + MAX_LINES + "; use a bulk import for more")));
        }
        OrderService.ScopeCheck check = orders.checkScope(orderId, lines, caller);
        List<PreviewLine> preview = new ArrayList<>();
        for (int i = 0; i < check.verdicts().size(); i++) {
            Verdict v = check.verdicts().get(i);
            if (v instanceof Verdict.Covered c) {
                preview.add(new PreviewLine(i + 1, c.filedUrl(), true, c.matched().kind() + " " + c.matched().value(),
                        null, null, null, null));
            } else if (v instanceof Verdict.Refused r) {
                preview.add(new PreviewLine(i + 1, r.filedUrl(), false, null, r.code().name(), r.detail(),
                        r.hint().map(h -> h.kind().name()).orElse(null), r.hint().map(h -> h.related()).orElse(null)));
            }
        }
        List<String> covered = preview.stream().filter(PreviewLine::covered).map(PreviewLine::url).toList();
        return pages.render(previewPage.data("order", order).data("lines", preview).data("covered", covered)
                .data("key", UUID.randomUUID().toString()), caller, uri, headers);
    }

    /** Files the previewed covered URLs; the preview's key makes a second submission return the first filing. */
    @POST
    @Path("/requests")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response file(@PathParam("orderId") String orderId, @FormParam("url") List<String> urls,
                         @FormParam("key") String key, @FormParam("csrf") String csrf) {
        Pages.requireFormToken(csrf, headers);
        Pages.requireRole(caller, Role.RIGHTS_HOLDER);
        IdempotentCalls.Result<FiledRequest> filed = filing.file(orderId, new NewRequest(urls, null, null, null), key, caller);
        return Response.seeOther(URI.create("/console/requests/" + filed.value().id())).build();
    }

    @GET
    @Path("/requests")
    public Response list(@PathParam("orderId") String orderId, @QueryParam("after") String after) {
        OrderView order = orders.summary(orderId, caller);
        RequestService.RequestPage page = requests.ofOrder(orderId, caller, after, 50);
        Map<String, Map<String, Map<eu.delisting.gateway.notices.NoticeStatus, Long>>> states =
                noticeFeed.statesByRequest(page.items().stream().map(RequestService.RequestView::id).toList());
        return pages.render(requestsPage.data("order", order).data("requests", page.items()).data("states", states)
                .data("next", page.nextCursor()), caller, uri, headers);
    }

    @GET
    @Path("/mirrors/new")
    public Response mirrorForm(@PathParam("orderId") String orderId) {
        Pages.requireRole(caller, Role.RIGHTS_HOLDER);
        OrderView order = orders.summary(orderId, caller);
        return pages.render(mirrorPage.data("order", order).data("proposals", mirrors.list(orderId, caller)),
                caller, uri, headers);
    }

    @POST
    @Path("/mirrors")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response propose(@PathParam("orderId") String orderId, @FormParam("domain") String domain,
                            @FormParam("evidence") String evidence, @FormParam("links") String links,
                            @FormParam("csrf") String csrf) {
        Pages.requireFormToken(csrf, headers);
        Pages.requireRole(caller, Role.RIGHTS_HOLDER);
        List<String> linkList = lines(links);
        mirrors.propose(orderId, new MirrorService.NewMirror(domain, evidence, linkList), caller);
        return Response.seeOther(URI.create("/console/filing/" + orderId + "/mirrors/new")).build();
    }

    @ServerExceptionMapper
    public Response refused(GatewayProblem problem) {
        return pages.refused(problem, caller, uri, headers);
    }

    /** Notices of a request per engine and state, for its page. */
    static Map<String, Map<String, Integer>> byEngine(List<NoticeView> notices) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (NoticeView n : notices) {
            counts.computeIfAbsent(n.addressee(), k -> new LinkedHashMap<>()).merge(n.status().name(), 1, Integer::sum);
        }
        return counts;
    }

    private static List<String> lines(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            String url = firstCell(line);
            if (!url.isEmpty()) {
                out.add(url);
            }
        }
        return out;
    }

    /** A text file of URLs, or a CSV whose first column holds them (a header "url" is skipped). */
    private static List<String> lines(FileUpload file) {
        List<String> out = new ArrayList<>();
        // A file that is not UTF-8 (a spreadsheet's Windows-1252 export) is read with replacement characters:
        // its lines then get the order's verdict (usually refused) rather than an error.
        java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(
                Files.newInputStream(file.uploadedFile()), utf8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String url = firstCell(line);
                if (!url.isEmpty() && !(out.isEmpty() && url.equalsIgnoreCase("url"))) {
                    out.add(url);
                }
                if (out.size() > MAX_LINES) {
                    break;
                }
            }
        } catch (IOException e) {
            throw GatewayProblem.invalid(List.of(new FieldError("file", "UNREADABLE", "the file could not be read")));
        }
        return out;
    }

    private static String firstCell(String line) {
        String cell = line.strip();
        if (cell.startsWith("\uFEFF")) {
            cell = cell.substring(1);
        }
        if (cell.startsWith("\"")) {
            int end = cell.indexOf('"', 1);
            return end > 0 ? cell.substring(1, end).strip() : cell.substring(1).strip();
        }
        int comma = cell.indexOf(',');
        return (comma >= 0 ? cell.substring(0, comma) : cell).strip();
    }
}
