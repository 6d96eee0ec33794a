package eu.delisting.gateway.console;

import eu.delisting.gateway.problems.FieldError;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/** What every console resource does the same way: render a page for the signed-in viewer, refuse as a page. */
@ApplicationScoped
public class Pages {

    private final Template errorPage;

    Pages(@Location("console/error.html") Template errorPage) {
        this.errorPage = errorPage;
    }

    /** Who is signed in, as the pages' header and navigation show it. */
    public record Viewer(String organisation, String subject, List<String> roles, boolean auditor, boolean claimant,
                         boolean engine, boolean authority, boolean operator) {
    }

    Response render(TemplateInstance view, Caller caller, UriInfo uri, HttpHeaders headers) {
        return ConsolePage.of(uri, headers).respond(Response.Status.OK, view.data("viewer", viewer(caller)));
    }

    Viewer viewer(Caller caller) {
        return new Viewer(caller.organisation(), caller.subject(), caller.roles().stream().sorted().toList(),
                caller.is(Role.AUDITOR), caller.is(Role.RIGHTS_HOLDER) || caller.is(Role.AGENT),
                caller.is(Role.SEARCH_ENGINE), caller.is(Role.AUTHORITY), caller.isOperator());
    }

    /**
     * A refusal of the services, as a page with the API's status: a foreign or missing record is the same 404
     * as in the API, and names nothing; a refused form lists what is at fault.
     */
    Response refused(GatewayProblem problem, Caller caller, UriInfo uri, HttpHeaders headers) {
        ConsolePage page = ConsolePage.of(uri, headers);
        int status = problem.code().status();
        boolean notFound = status == 404;
        List<String> errors = problem.errors().stream().map(Pages::describe).toList();
        Viewer viewer;
        try {
            viewer = viewer(caller);
        } catch (GatewayProblem anonymous) {
            viewer = null;
        }
        return page.respond(Response.Status.fromStatusCode(status) == null ? Response.Status.BAD_REQUEST
                        : Response.Status.fromStatusCode(status),
                errorPage.data("status", status).data("notFound", notFound).data("forbidden", status == 403)
                        .data("detail", notFound ? null : problem.getMessage()).data("errors", errors).data("viewer", viewer));
    }

    private static String describe(Object error) {
        if (error instanceof FieldError f) {
            return (f.field() == null || f.field().isBlank() ? "" : f.field() + ": ") + f.detail();
        }
        if (error instanceof eu.delisting.gateway.notices.Acknowledgements.BatchError b) {
            return (b.noticeId() == null ? "#" + (b.index() + 1) : b.noticeId()) + ": " + b.detail();
        }
        return String.valueOf(error);
    }

    /** The same roles the API asks for the same action (the console calls the services, not the resources). */
    static void requireRole(Caller caller, String... roles) {
        for (String role : roles) {
            if (caller.is(role)) {
                return;
            }
        }
        throw new GatewayProblem(ProblemCode.FORBIDDEN, "Your organisation's role does not allow this");
    }

    /** A form that does not carry this browser's token did not come from a console page: refused, nothing done. */
    static void requireFormToken(String posted, HttpHeaders headers) {
        if (!ConsolePage.formTokenMatches(posted, headers.getCookies().get(ConsolePage.CSRF_COOKIE))) {
            throw new GatewayProblem(ProblemCode.FORBIDDEN, "The form did not come from a page of this console");
        }
    }
}
