package io.mortar.crawler.format;

import java.util.List;
import java.util.Set;

/**
 * A CSV classifier's settings: the built-in one (every candidate delimiter, header by Glue's heuristic) or a custom
 * {@code CsvClassifier}'s. {@code headerPresent} is null when the header is to be guessed; {@code customTypes} is
 * null when values are typed the built-in way, else the Glue custom data type names allowed (INT, LONG, DATE, …).
 */
public record CsvSettings(List<Character> delimiters, char quote, Boolean headerPresent, List<String> header,
                          boolean trimValues, boolean allowSingleColumn, Set<String> customTypes) {
    /** Glue's built-in CSV classifier's delimiters, in the order it tries them. */
    public static final List<Character> BUILT_IN_DELIMITERS = List.of(',', '|', '\t', ';', '\u0001');

    public CsvSettings {
        delimiters = List.copyOf(delimiters);
        header = header == null ? List.of() : List.copyOf(header);
        customTypes = customTypes == null ? null : Set.copyOf(customTypes);
    }

    public static CsvSettings builtIn() {
        return new CsvSettings(BUILT_IN_DELIMITERS, '"', null, List.of(), true, false, null);
    }
}
