package eu.delisting.gateway.imports;

import eu.delisting.gateway.audit.AuditLog;
import eu.delisting.gateway.idempotency.IdempotentCalls;
import eu.delisting.gateway.problems.GatewayProblem;
import eu.delisting.gateway.problems.ProblemCode;
import eu.delisting.gateway.requests.FiledRequest;
import eu.delisting.gateway.requests.FilingService;
import eu.delisting.gateway.requests.NewRequest;
import eu.delisting.gateway.tenants.Caller;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Files imports in the background, on every replica: each chunk of up to 1,000 lines is one transaction
 * that holds the job's row (so two replicas never file the same lines), files the chunk's URLs as one
 * request through {@link FilingService} (same rules and audit as a filing over HTTP) and records
 * each line's outcome and the job's progress. A replica that stops mid-chunk leaves nothing of that chunk;
 * the next run, here or elsewhere, does it again.
 */
@ApplicationScoped
public class ImportRunner {

    private static final Logger LOG = Logger.getLogger(ImportRunner.class);
    /**
     * Refusals that may pass if the chunk is tried again (the database busy, a concurrent change): the job stays
     * as it is. Any other refusal not about single URLs (the order ended, suspended, a mandate revoked) ends the
     * job: no later line can be filed either.
     */
    private static final Set<ProblemCode> TRANSIENT = Set.of(ProblemCode.SERVICE_UNAVAILABLE, ProblemCode.CONFLICT);

    private final ImportJobRepository jobs;
    private final ImportLines lines;
    private final FilingService filing;
    private final AuditLog audit;
    private final ImportsConfig config;
    private final Clock clock;

    ImportRunner(ImportJobRepository jobs, ImportLines lines, FilingService filing, AuditLog audit, ImportsConfig config,
                 Clock clock) {
        this.jobs = jobs;
        this.lines = lines;
        this.filing = filing;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** Whether this replica is working on imports now (the schedule and {@link #wake} never overlap). */
    private final AtomicBoolean busy = new AtomicBoolean();

    /**
     * Starts working now on this replica (after an upload commits) rather than at the next scheduled run;
     * does nothing when it is already working.
     */
    public void wake() {
        if (!busy.get()) {
            Thread.ofVirtual().name("import-runner").start(() -> {
                ManagedContext context = Arc.container().requestContext();
                context.activate();
                try {
                    run();
                } finally {
                    context.terminate();
                }
            });
        }
    }

    @Scheduled(every = "${gateway.imports.run-every}", delayed = "${gateway.imports.start-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    private void run() {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        try {
            runJobs();
        } finally {
            busy.set(false);
        }
    }

    private void runJobs() {
        List<String> runnable = QuarkusTransaction.requiringNew().call(() -> jobs.runnable(20));
        for (String id : runnable) {
            Instant until = clock.instant().plus(config.slice());
            try {
                while (clock.instant().isBefore(until) && chunk(id)) {
                    // next chunk of the same job
                }
            } catch (RuntimeException e) {
                // The database or the order refused in a way this chunk cannot settle: the job stays as it was.
                LOG.warnf(e, "Import %s: a chunk failed and will be tried again", id);
            }
        }
    }

    /** Processes the next chunk of the job; false when there is nothing (more) to do now. */
    boolean chunk(String id) {
        Map<Integer, ImportLines.Outcome> refused = new LinkedHashMap<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> chunkOnce(id, refused));
            } catch (RefusedChunk refusal) {
                GatewayProblem problem = refusal.problem;
                List<ImportLines.Outcome> urlErrors = urlErrors(problem, refusal.sent);
                if (urlErrors == null) {
                    if (!TRANSIENT.contains(problem.code())) {
                        QuarkusTransaction.requiringNew().run(() -> fail(id, problem));
                        return false;
                    }
                    throw problem;
                }
                urlErrors.forEach(o -> refused.put(o.lineNo(), o));
            }
        }
        return false;
    }

    /** A chunk's filing refused, with the line numbers of the URLs it was sent, in order. */
    private static final class RefusedChunk extends RuntimeException {
        final GatewayProblem problem;
        final List<Integer> sent;

        RefusedChunk(GatewayProblem problem, List<Integer> sent) {
            super(problem.getMessage(), problem, false, false);
            this.problem = problem;
            this.sent = sent;
        }
    }

    /** The lines a refused filing names, as outcomes; null when the refusal is not about URLs. */
    private static List<ImportLines.Outcome> urlErrors(GatewayProblem problem, List<Integer> sent) {
        if (problem.errors().isEmpty() || !(problem.errors().get(0) instanceof FiledRequest.UrlError)) {
            return null;
        }
        List<ImportLines.Outcome> outcomes = new ArrayList<>();
        for (Object error : problem.errors()) {
            FiledRequest.UrlError e = (FiledRequest.UrlError) error;
            FiledRequest.Hint hint = e.hint();
            outcomes.add(new ImportLines.Outcome(sent.get(e.index()), null, e.code(), e.detail(),
                    hint == null ? null : hint.kind() + (hint.related() == null ? "" : " " + hint.related())));
        }
        return outcomes;
    }

    private boolean chunkOnce(String id, Map<Integer, ImportLines.Outcome> refused) {
        ImportJob job = jobs.claim(id).orElse(null);
        if (job == null || job.isFinished()) {
            return false;
        }
        List<ImportLines.Read> pending = lines.pending(id, config.chunk());
        Instant now = clock.instant();
        if (pending.isEmpty()) {
            return false;
        }
        List<String> urls = new ArrayList<>();
        List<Integer> sent = new ArrayList<>();
        List<ImportLines.Outcome> outcomes = new ArrayList<>();
        for (ImportLines.Read line : pending) {
            ImportLines.Outcome known = refused.get(line.lineNo());
            if (known != null) {
                outcomes.add(known);
            } else {
                urls.add(line.url());
                sent.add(line.lineNo());
            }
        }
        int filedLines = 0;
        if (!urls.isEmpty()) {
            Caller caller = Caller.recorded(job.organisation(), job.subject(), Set.of(job.role()));
            String onBehalfOf = job.claimant().equals(job.organisation()) ? null : job.claimant();
            String reference = "import " + id + " lines " + sent.get(0) + "-" + sent.get(sent.size() - 1);
            IdempotentCalls.Result<FiledRequest> filed;
            try {
                // No Idempotency-Key: the filing commits with the lines' outcomes and the job's progress in this
                // one transaction, so a chunk that committed is never run again and one that did not left
                // nothing, not even a stored answer, to replay. (A stored answer names every notice: about
                // 0.8 MB for 1,000 URLs to four addressees, serialised and written per chunk for nothing.)
                filed = filing.file(job.orderId(), new NewRequest(urls, null, reference, onBehalfOf), null, caller);
            } catch (GatewayProblem problem) {
                throw new RefusedChunk(problem, sent);
            }
            for (Integer lineNo : sent) {
                outcomes.add(ImportLines.Outcome.filed(lineNo, filed.value().id()));
            }
            filedLines = sent.size();
        }
        lines.record(id, outcomes);
        job.progress(filedLines, outcomes.size() - filedLines, !urls.isEmpty(), now);
        if (job.isFinished()) {
            completed(job);
        }
        return !job.isFinished();
    }

    /** The order refuses every filing now: the job ends, its remaining lines refused with the order's answer. */
    private void fail(String id, GatewayProblem problem) {
        ImportJob job = jobs.claim(id).orElse(null);
        if (job == null || job.isFinished()) {
            return;
        }
        int remaining = lines.refuseRest(id, problem.code().name(), problem.getMessage());
        job.fail(problem.code().name(), problem.getMessage(), remaining, clock.instant());
        completed(job);
    }

    private void completed(ImportJob job) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", job.status().name());
        details.put("lines", job.linesTotal());
        details.put("filed", job.filed());
        details.put("refused", job.refused());
        details.put("requests", job.requests());
        if (job.failureCode() != null) {
            details.put("failure", job.failureCode());
        }
        audit.record(Caller.recorded(job.organisation(), job.subject(), Set.of(job.role())).actor(),
                "IMPORT_COMPLETED", "import", job.id(), job.orderId(), details);
    }
}
