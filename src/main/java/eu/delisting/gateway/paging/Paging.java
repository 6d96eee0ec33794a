package eu.delisting.gateway.paging;

import eu.delisting.gateway.problems.FieldError;

import java.util.List;

/**
 * The one set of paging rules: page sizes, the most items one request may carry, and how a sequence cursor
 * ({@code after}) and a page size ({@code limit}) are read. Every list and feed applies them the same way.
 */
public final class Paging {

    /** A page when the caller names no limit. */
    public static final int DEFAULT_PAGE = 100;
    /** The largest page a caller may ask for. */
    public static final int MAX_PAGE = 1000;
    /** The most items one request may carry: URLs filed or checked, acknowledgements in a batch. */
    public static final int MAX_ITEMS = 1000;

    private Paging() {
    }

    /** A feed position from a previous page's {@code nextCursor}: 0 when absent; an error when not one. */
    public static long sequenceCursor(String after, List<FieldError> errors) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            long cursor = Long.parseLong(after);
            if (cursor >= 0) {
                return cursor;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(invalidCursor());
        return 0;
    }

    public static FieldError invalidCursor() {
        return new FieldError("after", "INVALID_CURSOR", "after is a cursor returned by a previous page");
    }

    /** The page size: {@link #DEFAULT_PAGE} when absent; an error when outside 1 to {@link #MAX_PAGE}. */
    public static int limit(Integer limit, List<FieldError> errors) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            errors.add(new FieldError("limit", "OUT_OF_RANGE", "limit is between 1 and " + MAX_PAGE));
        }
        return size;
    }
}
