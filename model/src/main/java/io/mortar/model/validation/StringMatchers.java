package io.mortar.model.validation;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Turns a model {@code pattern} into a {@link StringMatcher}, hand-written where the pattern is a hot one. */
final class StringMatchers {
    /** The exact text of the model's single-line pattern (NameString, KeyString, CatalogIdString, …). */
    static final String SINGLE_LINE = "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*";
    /** The exact text of the model's multi-line pattern (DescriptionString, LocationString, URI, …). */
    static final String MULTI_LINE = "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*";

    private static final StringMatcher SINGLE_LINE_MATCHER = new XmlCharMatcher("SINGLE_LINE", '\t');
    private static final StringMatcher MULTI_LINE_MATCHER = new XmlCharMatcher("MULTI_LINE", '\t', '\r', '\n');

    private StringMatchers() {
    }

    /**
     * Compiles a model pattern. The texts arrive as the model writes them: the JSON file escapes the backslash, so
     * Jackson yields a backslash followed by {@code u0020}, a Unicode escape that Java's regex syntax reads itself.
     *
     * @throws PatternSyntaxException when Java cannot compile the pattern; the caller decides whether to skip it
     */
    static StringMatcher compile(String pattern) {
        if (SINGLE_LINE.equals(pattern)) {
            return SINGLE_LINE_MATCHER;
        }
        if (MULTI_LINE.equals(pattern)) {
            return MULTI_LINE_MATCHER;
        }
        return new RegexMatcher(Pattern.compile(pattern));
    }
}
