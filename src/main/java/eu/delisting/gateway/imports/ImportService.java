package eu.delisting.gateway.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.delisting.gateway.audit.AuditLog;
import eu.delisting.gateway.edge.EdgeConfig;
import eu.delisting.gateway.idempotency.IdempotencyKeys;
import eu.delisting.gateway.idempotency.IdempotentCalls;
import eu.delisting.gateway.orders.OrderService;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.tenants.Caller;
import eu.delisting.gateway.tenants.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionManager;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.transaction.Transactional;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Accepting bulk imports: the file is read as it arrives, line by line into the database in batches,
 * never whole in memory; the job it becomes is filed in the background ({@link ImportRunner}) under the
 * same rules, idempotency and audit as ordinary filing. Reading a job: its uploader, its claimant, the operator.
 */
@ApplicationScoped
public class ImportService {

    static final String OPERATION = "import";
    /** How long an upload may take to arrive (64 MiB at about 75 kB/s), as its transaction's timeout. */
    static final int UPLOAD_SECONDS = 900;
    private static final int WRITE_BATCH = 1_000;
    private static final int MAX_LINE_CHARS = 8_192;

    private final ImportJobRepository jobs;
    private final ImportLines lines;
    private final OrderService orders;
    private final IdempotentCalls idempotent;
    private final AuditLog audit;
    private final ImportsConfig config;
    private final EdgeConfig edge;
    private final ObjectMapper json;
    private final TransactionManager transactions;
    private final Clock clock;

    ImportService(ImportJobRepository jobs, ImportLines lines, OrderService orders, IdempotentCalls idempotent,
                  AuditLog audit, ImportsConfig config, EdgeConfig edge, ObjectMapper json, TransactionManager transactions,
                  Clock clock) {
        this.edge = edge;
        this.jobs = jobs;
        this.lines = lines;
        this.orders = orders;
        this.idempotent = idempotent;
        this.audit = audit;
        this.config = config;
        this.json = json;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A job as its readers see it; {@code percent} counts processed lines. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImportView(String id, String orderId, String claimant, String filedBy, ImportJob.Format format,
                             ImportJob.Status status, int linesRead, int processed, int filed, int refused,
                             int requests, int percent, Instant createdAt, Instant startedAt, Instant finishedAt,
                             Failure failure) {

        public record Failure(String code, String detail) {
        }

        static ImportView of(ImportJob j) {
            int percent = j.linesTotal() == 0 ? 100 : (int) Math.floor(100.0 * j.linesDone() / j.linesTotal());
            return new ImportView(j.id(), j.orderId(), j.claimant(), j.organisation(), j.format(), j.status(),
                    j.linesTotal(), j.linesDone(), j.filed(), j.refused(), j.requests(), percent, j.createdAt(),
                    j.startedAt(), j.finishedAt(),
                    j.failureCode() == null ? null : new Failure(j.failureCode(), j.failureDetail()));
        }
    }

    /** What identifies an import for its Idempotency-Key: the order, whom it files for, and the file. */
    record ImportFingerprint(String orderId, String claimant, ImportJob.Format format, String sha256) {
    }

    /**
     * Reads the file into a new job, all of it or nothing. The caller must be able to file under the order for
     * {@code onBehalfOf} (or itself) now, as for a filing. A retry with the same Idempotency-Key and file gets the
     * first job back (and stores nothing); the same key with another file is 422 IDEMPOTENCY_KEY_REUSED.
     */
    @Transactional
    @TransactionConfiguration(timeout = UPLOAD_SECONDS)
    public IdempotentCalls.Result<ImportView> accept(String orderId, String onBehalfOf, ImportJob.Format format,
                                                     InputStream body, String idempotencyKey, Caller caller) {
        IdempotencyKeys.validate(idempotencyKey);
        String claimant = onBehalfOf == null || onBehalfOf.isBlank() ? null : onBehalfOf.strip();
        if (claimant == null) {
            if (caller.is(Role.AGENT)) {
                throw GatewayProblem.invalid(List.of(new eu.delisting.gateway.problems.FieldError("onBehalfOf",
                        "REQUIRED", "an agent names the principal it files for")));
            }
            claimant = caller.organisation();
        }
        orders.requireFiler(orderId, caller, claimant);
        String role = caller.is(Role.AGENT) ? Role.AGENT : Role.RIGHTS_HOLDER;
        Instant now = clock.instant();
        ImportJob job = ImportJob.receive(orderId, caller.organisation(), caller.subject(), role, claimant, format, now);
        jobs.persist(job);
        jobs.flush();

        MessageDigest sha256 = sha256();
        int count = 0;
        int refusedOnRead = 0;
        List<ImportLines.Read> batch = new ArrayList<>(WRITE_BATCH);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new DigestInputStream(
                new BoundedInputStream(body, edge.maxImportBytes()), sha256),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            LineReader lineReader = new LineReader(reader, MAX_LINE_CHARS);
            int urlColumn = 0;
            boolean first = true;
            LineReader.Line read;
            while ((read = lineReader.next()) != null) {
                String line = read.text();
                if (line.isBlank() && !read.tooLong()) {
                    continue;
                }
                if (first && format == ImportJob.Format.CSV) {
                    first = false;
                    int header = headerColumn(line);
                    if (header >= 0) {
                        urlColumn = header;
                        continue;
                    }
                }
                first = false;
                if (count == config.maxLines()) {
                    throw new GatewayProblem(ProblemCode.BATCH_TOO_LARGE, "More than " + config.maxLines()
                            + " URL lines in one import; split the file");
                }
                ImportLines.Read parsed = read.tooLong()
                        ? new ImportLines.Read(count, null, "MALFORMED_LINE", "the line is longer than " + MAX_LINE_CHARS
                                + " characters")
                        : parse(count, line, format, urlColumn);
                if (parsed.code() != null) {
                    refusedOnRead++;
                }
                batch.add(parsed);
                count++;
                if (batch.size() == WRITE_BATCH) {
                    lines.insert(job.id(), batch);
                    batch.clear();
                }
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw GatewayProblem.invalid(List.of(new eu.delisting.gateway.problems.FieldError("body", "NOT_UTF8",
                    "the file is not UTF-8 text")));
        } catch (IOException e) {
            throw new UncheckedIOException("The import could not be read", e);
        }
        lines.insert(job.id(), batch);
        if (count == 0) {
            throw GatewayProblem.invalid(List.of(new eu.delisting.gateway.problems.FieldError("body", "REQUIRED",
                    "the file holds no URL line")));
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        IdempotentCalls.Result<String> created = idempotent.once(caller.organisation(), OPERATION, idempotencyKey,
                new ImportFingerprint(orderId, claimant, format, digest), String.class, job::id);
        if (created.replayed()) {
            // The same file was imported with this key: nothing of this upload is kept.
            try {
                transactions.setRollbackOnly();
            } catch (jakarta.transaction.SystemException e) {
                throw new IllegalStateException(e);
            }
            return new IdempotentCalls.Result<>(jobs.findByIdOptional(created.value()).map(ImportView::of)
                    .orElseThrow(() -> GatewayProblem.notFound("Import")), true);
        }
        job.read(count, refusedOnRead, digest, now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("lines", count);
        details.put("format", format.name());
        details.put("sha256", digest);
        if (!claimant.equals(caller.organisation())) {
            details.put("onBehalfOf", claimant);
        }
        audit.record(caller.actor(), "IMPORT_ACCEPTED", "import", job.id(), orderId, details);
        return new IdempotentCalls.Result<>(ImportView.of(job), false);
    }

    @Transactional
    public ImportView read(String id, Caller caller) {
        return ImportView.of(visible(id, caller));
    }

    /** The job if the caller may read it (uploader, claimant, operator); 404 otherwise. */
    @Transactional
    ImportJob visible(String id, Caller caller) {
        return jobs.findByIdOptional(id)
                .filter(j -> caller.isOperator() || j.organisation().equals(caller.organisation())
                        || j.claimant().equals(caller.organisation()))
                .orElseThrow(() -> GatewayProblem.notFound("Import"));
    }

    /** One page of the job's result, in file order. */
    @Transactional
    List<ImportLines.Line> resultPage(String id, int afterLine, int limit) {
        return lines.page(id, afterLine, limit);
    }

    /** The column named {@code url} of a CSV header line, or -1 when the line is not a header. */
    private static int headerColumn(String line) {
        List<String> cells = CsvCells.split(line);
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).strip().toLowerCase(Locale.ROOT).equals("url")) {
                return i;
            }
        }
        return -1;
    }

    private ImportLines.Read parse(int index, String line, ImportJob.Format format, int urlColumn) {
        String url;
        if (format == ImportJob.Format.CSV) {
            List<String> cells = CsvCells.split(line);
            url = urlColumn < cells.size() ? cells.get(urlColumn).strip() : "";
        } else {
            try {
                JsonNode node = json.readTree(line);
                url = node != null && node.path("url").isTextual() ? node.path("url").asText().strip() : "";
            } catch (IOException e) {
                return new ImportLines.Read(index, null, "MALFORMED_LINE", "the line is not a JSON object");
            }
        }
        if (url.isEmpty()) {
            return new ImportLines.Read(index, null, "MALFORMED_LINE", format == ImportJob.Format.CSV
                    ? "the line has no URL in column " + (urlColumn + 1) : "the line has no \"url\" string");
        }
        return new ImportLines.Read(index, url, null, null);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
