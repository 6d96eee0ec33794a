package eu.delisting.gateway.problems;

/**
 * The catalogue of problems the gateway answers with. Each code is stable: clients switch on it.
 * The HTTP status and title belong to the code, so one code always means the same answer.
 */
public enum ProblemCode {
    MALFORMED_REQUEST(400, "Malformed request"),
    UNAUTHORIZED(401, "Authentication required"),
    FORBIDDEN(403, "Not allowed"),
    NOT_A_PARTY(403, "Not a party to this order"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    ALREADY_EXISTS(409, "Already exists"),
    ORDER_STATE_CONFLICT(409, "Not possible in the order's current state"),
    ALREADY_DECIDED(409, "Already decided"),
    CONFLICT(409, "Conflicts with the stored record"),
    CURSOR_EXPIRED(410, "Cursor expired"),
    PRECONDITION_FAILED(412, "Precondition failed"),
    BATCH_TOO_LARGE(413, "Batch too large"),
    BODY_TOO_LARGE(413, "Body too large"),
    URI_TOO_LONG(414, "URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    VALIDATION_FAILED(422, "Validation failed"),
    INVALID_URL(422, "Invalid URL"),
    INVALID_TARGET(422, "Not a delisting target"),
    OUT_OF_SCOPE(422, "Out of scope"),
    ORDER_EXPIRED(422, "Order expired"),
    ORDER_SUSPENDED(422, "Order suspended"),
    NOT_ADDRESSEE(422, "Not an addressee of this order"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused"),
    HEADERS_TOO_LARGE(431, "Request headers too large"),
    INTERNAL_ERROR(500, "Internal error"),
    SERVICE_UNAVAILABLE(503, "Service unavailable");

    private final int status;
    private final String title;

    ProblemCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The RFC 9457 {@code type}: a stable URI per code. */
    public String type() {
        return "urn:delisting-gateway:problem:" + name().toLowerCase().replace('_', '-');
    }
}
