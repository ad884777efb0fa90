package dev.stile.core;

/**
 * Where a page starts and how long it may be.
 *
 * @param cursor opaque cursor returned as {@link Page#nextCursor()}, or {@code ""} for the first page
 * @param limit  maximum number of items, already clamped to {@code 1..MAX_LIMIT}
 */
public record PageRequest(String cursor, int limit) {

    /** step-ca's default page size for {@code GET /provisioners}. */
    public static final int DEFAULT_LIMIT = 20;
    /** No page is ever longer than this, whatever the client asks for. */
    public static final int MAX_LIMIT = 100;

    public PageRequest {
        cursor = cursor == null ? "" : cursor;
        if (limit <= 0) {
            limit = DEFAULT_LIMIT;
        }
        limit = Math.min(limit, MAX_LIMIT);
    }

    public static PageRequest first(int limit) {
        return new PageRequest("", limit);
    }
}
