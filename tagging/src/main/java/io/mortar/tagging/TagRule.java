package io.mortar.tagging;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One tagging rule: rows whose value in any of {@code columns} contains a match of {@code regex}
 * ({@code java.util.regex} syntax, {@code find()} semantics) get {@code tag}.
 *
 * @param flags {@code java.util.regex.Pattern} flags ({@code CASE_INSENSITIVE}, {@code MULTILINE}, …); inline
 *     flags such as {@code (?i)} work too
 */
public record TagRule(String tag, List<String> columns, String regex, int flags) {
    public TagRule {
        requireNonNull(tag, "tag");
        columns = List.copyOf(columns);
        requireNonNull(regex, "regex");
    }

    public TagRule(String tag, List<String> columns, String regex) {
        this(tag, columns, regex, 0);
    }
}
