package io.mortar.runtime.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark SQL job script: statements separated by {@code ;}, with {@code ${name}} replaced by the run's
 * argument {@code --name}. Semicolons inside quotes, back-ticks and comments do not split.
 */
public final class SqlScript {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    private SqlScript() {}

    /** Substitutes every {@code ${name}}; a placeholder without an argument is an error naming it. */
    public static String substitute(String script, Map<String, String> arguments) {
        Matcher m = PLACEHOLDER.matcher(script);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = arguments.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("The SQL script uses ${" + m.group(1)
                        + "} but the run has no argument --" + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Splits on top-level semicolons; blank statements (and comment-only ones) are dropped. */
    public static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean meaningful = false;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                i = end < 0 ? n : end;
                continue;
            }
            if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("The SQL script has an unterminated /* comment");
                }
                i = end + 2;
                current.append(' ');
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                int end = closingQuote(script, i, c);
                current.append(script, i, end + 1);
                meaningful = true;
                i = end + 1;
                continue;
            }
            if (c == ';') {
                addStatement(out, current, meaningful);
                current.setLength(0);
                meaningful = false;
                i++;
                continue;
            }
            current.append(c);
            meaningful |= !Character.isWhitespace(c);
            i++;
        }
        addStatement(out, current, meaningful);
        return out;
    }

    private static int closingQuote(String script, int open, char quote) {
        int i = open + 1;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
                continue;
            }
            if (c == quote) {
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException("The SQL script has an unterminated " + quote + " quote starting at "
                + "character " + open);
    }

    private static void addStatement(List<String> out, StringBuilder current, boolean meaningful) {
        if (meaningful) {
            out.add(current.toString().strip());
        }
    }
}
