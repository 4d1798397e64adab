package io.mortar.catalog;

import io.mortar.model.GlueException;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The name filters of GetTables {@code Expression} and GetUserDefinedFunctions {@code Pattern}: Glue documents a
 * regular expression, and users write globs ({@code sales*}, {@code *_tmp|*_bak}). A {@code *} not preceded by
 * {@code .} is therefore read as {@code .*}; the pattern must match the whole name, case-insensitively.
 */
public final class NamePattern {
    private NamePattern() {}

    public static Predicate<String> compile(String expression, String field) {
        if (expression == null || expression.isEmpty()) {
            return name -> true;
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < expression.length(); i++) {
            char ch = expression.charAt(i);
            if (ch == '*' && (i == 0 || expression.charAt(i - 1) != '.')) {
                regex.append(".*");
            } else {
                regex.append(ch);
            }
        }
        try {
            Pattern pattern = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            return name -> pattern.matcher(name).matches();
        } catch (PatternSyntaxException e) {
            throw GlueException.invalidInput("%s is not a valid pattern: %s", field, e.getDescription());
        }
    }
}
