package io.mortar.store;

import java.util.List;

/**
 * One page of a listing and the cursor after its last item, or null when there is nothing more. Cursors are
 * keys (a name, a row id), not offsets, so a listing stays correct while rows are added or removed.
 */
public record Page<T>(List<T> items, String nextCursor) {
    public static <T> Page<T> of(List<T> fetched, int limit, java.util.function.Function<T, String> cursorOf) {
        if (fetched.size() > limit) {
            List<T> items = List.copyOf(fetched.subList(0, limit));
            return new Page<>(items, cursorOf.apply(items.get(limit - 1)));
        }
        return new Page<>(List.copyOf(fetched), null);
    }
}
