package eu.delisting.gateway.imports;

import eu.delisting.gateway.idempotency.IdempotentCalls;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Following a bulk import: its progress, and the result per line. */
@Path("/api/v1/imports")
@Authenticated
public class ImportResource {

    private static final int RESULT_PAGE = 1_000;

    private final ImportService imports;
    private final Caller caller;

    ImportResource(ImportService imports, Caller caller) {
        this.imports = imports;
        this.caller = caller;
    }

    @GET
    @Path("/{importId}")
    @Produces(MediaType.APPLICATION_JSON)
    public ImportService.ImportView read(@PathParam("importId") String importId) {
        return imports.read(importId, caller);
    }

    /** One line per line of the file, in file order, streamed page by page: what became of each URL. */
    @GET
    @Path("/{importId}/result")
    @Produces("text/csv")
    public Response result(@PathParam("importId") String importId) {
        ImportJob job = imports.visible(importId, caller);
        StreamingOutput csv = output -> {
            Writer writer = new OutputStreamWriter(output, StandardCharsets.UTF_8);
            writer.write("index,url,status,request_id,code,hint\n");
            int after = -1;
            while (true) {
                List<ImportLines.Line> page = imports.resultPage(job.id(), after, RESULT_PAGE);
                for (ImportLines.Line line : page) {
                    writer.write(line.lineNo() + "," + CsvCells.of(line.url()) + "," + line.status() + ","
                            + CsvCells.of(line.requestId()) + "," + CsvCells.of(line.code()) + ","
                            + CsvCells.of(line.hint()) + "\n");
                }
                writer.flush();
                if (page.size() < RESULT_PAGE) {
                    break;
                }
                after = page.get(page.size() - 1).lineNo();
            }
            writer.flush();
        };
        return Response.ok(csv, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"import-" + job.id() + ".csv\"").build();
    }
}
