package io.mortar.catalog;

import io.mortar.model.GlueException;
import java.util.Locale;
import java.util.Map;

/**
 * Checks on the names and text the catalog stores: Glue folds database, table, function and column-statistics
 * names to lower case (connection names keep theirs); no stored text may hold U+0000.
 */
public final class Names {
    private Names() {}

    static String normalize(String name, String field) {
        if (name == null || name.isEmpty()) {
            throw GlueException.invalidInput("%s is required.", field);
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * PostgreSQL text cannot hold U+0000, and Glue's model puts no pattern on partition values, tags or tokens
     * that would exclude it: refused on every store alike rather than failing as an internal error on one.
     */
    public static void rejectNul(String text, String field) {
        if (text != null && text.indexOf('\u0000') >= 0) {
            throw GlueException.invalidInput("%s contains the character U+0000, which it cannot hold.", field);
        }
    }

    /** {@link #rejectNul(String, String)} on every key and value of a map: tags to store, or tags to filter by. */
    public static void rejectNul(Map<String, String> entries, String field) {
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            rejectNul(entry.getKey(), field + " key");
            rejectNul(entry.getValue(), field + " value");
        }
    }
}
