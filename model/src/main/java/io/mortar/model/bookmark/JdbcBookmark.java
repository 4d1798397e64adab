package io.mortar.model.bookmark;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A JDBC table's state: its bookmark keys ({@code jobBookmarkKeys}, else the primary key), their order
 * ({@code jobBookmarkKeysSortOrder}) and the key values of the last row read, compared as a tuple: rows whose keys
 * come after them in that order are new. Only inserts are seen, as in Glue: a key must grow (or, descending,
 * shrink) strictly with each new row.
 *
 * @param last one value per key: a JSON number, string or boolean as the database returned it
 */
public record JdbcBookmark(String target, List<String> keys, boolean descending, List<Object> last)
        implements SourceBookmark {
    public JdbcBookmark {
        requireNonNull(target, "target");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("A JDBC bookmark needs at least one key");
        }
        last = Collections.unmodifiableList(new ArrayList<>(requireNonNull(last, "last")));
        if (last.size() != keys.size()) {
            throw new IllegalArgumentException("A JDBC bookmark needs one last value per key: keys " + keys
                    + ", values " + last);
        }
    }

    /** Glue's option value: {@code asc} or {@code desc}. */
    public String sortOrder() {
        return descending ? "desc" : "asc";
    }

    /** Reads Glue's {@code jobBookmarkKeysSortOrder} (case-insensitive; default ascending). */
    public static boolean isDescending(String sortOrder) {
        if (sortOrder == null || sortOrder.isBlank()) {
            return false;
        }
        return switch (sortOrder.trim().toLowerCase(Locale.ROOT)) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw new IllegalArgumentException("The option jobBookmarkKeysSortOrder must be asc or desc,"
                    + " not '" + sortOrder + "'");
        };
    }
}
