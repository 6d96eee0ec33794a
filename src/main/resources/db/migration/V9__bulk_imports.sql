-- Bulk imports: an uploaded file of up to 100,000 URLs, kept line by line, filed by a background job in
-- requests of up to 1,000 URLs. The job's progress lives here, so a job survives the replica running it.

CREATE TABLE import_job (
    id              CHAR(36)      NOT NULL,
    order_id        CHAR(36)      NOT NULL,
    -- Who uploaded (the claimant itself, or its agent), as the filings will name them.
    organisation_id VARCHAR(63)   NOT NULL,
    subject         VARCHAR(255)  NOT NULL,
    role            VARCHAR(20)   NOT NULL,
    claimant_id     VARCHAR(63)   NOT NULL,
    format          VARCHAR(10)   NOT NULL,
    body_sha256     CHAR(64)      NOT NULL,
    status          VARCHAR(10)   NOT NULL,
    lines_total     INT           NOT NULL,
    lines_done      INT           NOT NULL DEFAULT 0,
    filed           INT           NOT NULL DEFAULT 0,
    refused         INT           NOT NULL DEFAULT 0,
    requests        INT           NOT NULL DEFAULT 0,
    failure_code    VARCHAR(40)   NULL,
    failure_detail  VARCHAR(2000) NULL,
    created_at      DATETIME(6)   NOT NULL,
    started_at      DATETIME(6)   NULL,
    finished_at     DATETIME(6)   NULL,
    PRIMARY KEY (id),
    KEY import_job_runnable (status, created_at),
    KEY import_job_by_order (order_id),
    -- No foreign key to court_order: its check would share-lock the order row for the whole upload, and
    -- amendments (which lock it exclusively) would wait on slow uploads. The order is checked when accepting.
    CONSTRAINT import_job_status_known CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    CONSTRAINT import_job_format_known CHECK (format IN ('CSV', 'NDJSON')),
    CONSTRAINT import_job_role_known CHECK (role IN ('rights-holder', 'agent')),
    CONSTRAINT import_job_counts CHECK (lines_done <= lines_total AND filed + refused = lines_done
        AND lines_total BETWEEN 0 AND 100000),
    CONSTRAINT import_job_finished CHECK ((status IN ('DONE', 'FAILED')) = (finished_at IS NOT NULL)),
    CONSTRAINT import_job_failure CHECK ((status = 'FAILED') = (failure_code IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One line of an import as read, and its outcome once processed.
CREATE TABLE import_line (
    job_id     CHAR(36)      NOT NULL,
    line_no    INT           NOT NULL,
    url        VARCHAR(8192) NULL,
    status     VARCHAR(10)   NOT NULL,
    request_id CHAR(36)      NULL,
    code       VARCHAR(40)   NULL,
    detail     VARCHAR(500)  NULL,
    hint       VARCHAR(500)  NULL,
    PRIMARY KEY (job_id, line_no),
    CONSTRAINT import_line_job FOREIGN KEY (job_id) REFERENCES import_job (id),
    CONSTRAINT import_line_status_known CHECK (status IN ('PENDING', 'FILED', 'REFUSED')),
    CONSTRAINT import_line_outcome CHECK ((status = 'FILED') = (request_id IS NOT NULL)
        AND (status = 'REFUSED') = (code IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
