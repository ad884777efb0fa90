package dev.stile.core;

import java.util.List;
import java.util.Objects;

/**
 * One page of a listing. Every list Stile serves or reads is paginated so that no request and no
 * start-up path ever holds a whole table in memory.
 *
 * @param items      the items of this page, in a stable order
 * @param nextCursor opaque cursor for the next page, or {@code ""} when this is the last page
 *                   (step-ca's convention for {@code nextCursor})
 */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }

    public boolean isLast() {
        return nextCursor.isEmpty();
    }
}
