package eu.delisting.gateway.imports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A bulk import: the lines of an uploaded file, filed in requests of up to 1,000 URLs by whichever replica
 * holds the job's row. Its progress is its own state; only it changes it.
 */
@Entity
@Table(name = "import_job")
public class ImportJob {

    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    public enum Format { CSV, NDJSON }

    @Id
    private String id;

    @Column(name = "order_id", nullable = false)
    private String orderId;

    @Column(name = "organisation_id", nullable = false)
    private String organisation;

    @Column(nullable = false)
    private String subject;

    @Column(nullable = false)
    private String role;

    @Column(name = "claimant_id", nullable = false)
    private String claimant;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Format format;

    @Column(name = "body_sha256", nullable = false)
    private String bodySha256;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "lines_total", nullable = false)
    private int linesTotal;

    @Column(name = "lines_done", nullable = false)
    private int linesDone;

    @Column(nullable = false)
    private int filed;

    @Column(nullable = false)
    private int refused;

    @Column(nullable = false)
    private int requests;

    @Column(name = "failure_code")
    private String failureCode;

    @Column(name = "failure_detail")
    private String failureDetail;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected ImportJob() {
    }

    /** A job for a file being received; {@link #read} records what the file held once it is read. */
    static ImportJob receive(String orderId, String organisation, String subject, String role, String claimant,
                             Format format, Instant now) {
        ImportJob job = new ImportJob();
        job.id = UUID.randomUUID().toString();
        job.orderId = orderId;
        job.organisation = organisation;
        job.subject = subject == null ? "" : subject;
        job.role = role;
        job.claimant = claimant;
        job.format = format;
        job.bodySha256 = "0".repeat(64);
        job.status = Status.QUEUED;
        job.createdAt = now;
        return job;
    }

    /**
     * The file is read: how many lines it held, how many of them hold no URL (refused as read), and its
     * digest (what identifies it for an Idempotency-Key).
     */
    void read(int lines, int refusedOnRead, String sha256, Instant now) {
        this.linesTotal = lines;
        this.refused = refusedOnRead;
        this.linesDone = refusedOnRead;
        this.bodySha256 = sha256;
        if (linesDone == linesTotal) {
            status = Status.DONE;
            startedAt = now;
            finishedAt = now;
        }
    }

    /** Records one processed chunk: its lines filed or refused, and whether it made a request. */
    void progress(int filedLines, int refusedLines, boolean madeRequest, Instant now) {
        if (isFinished()) {
            throw new IllegalStateException("Import " + id + " is " + status);
        }
        if (status == Status.QUEUED) {
            status = Status.RUNNING;
            startedAt = now;
        }
        filed += filedLines;
        refused += refusedLines;
        linesDone += filedLines + refusedLines;
        if (madeRequest) {
            requests++;
        }
        if (linesDone == linesTotal) {
            status = Status.DONE;
            finishedAt = now;
        }
    }

    /** The order refuses every further filing (ended, suspended, mandate revoked): the rest is refused with it. */
    void fail(String code, String detail, int remainingLines, Instant now) {
        if (startedAt == null) {
            startedAt = now;
        }
        refused += remainingLines;
        linesDone += remainingLines;
        status = Status.FAILED;
        failureCode = code;
        failureDetail = detail.length() > 2000 ? detail.substring(0, 2000) : detail;
        finishedAt = now;
    }

    public boolean isFinished() {
        return status == Status.DONE || status == Status.FAILED;
    }

    public String id() {
        return id;
    }

    public String orderId() {
        return orderId;
    }

    public String organisation() {
        return organisation;
    }

    public String subject() {
        return subject;
    }

    public String role() {
        return role;
    }

    public String claimant() {
        return claimant;
    }

    public Format format() {
        return format;
    }

    public Status status() {
        return status;
    }

    public int linesTotal() {
        return linesTotal;
    }

    public int linesDone() {
        return linesDone;
    }

    public int filed() {
        return filed;
    }

    public int refused() {
        return refused;
    }

    public int requests() {
        return requests;
    }

    public String failureCode() {
        return failureCode;
    }

    public String failureDetail() {
        return failureDetail;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }
}
