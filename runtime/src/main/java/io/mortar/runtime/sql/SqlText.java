package io.mortar.runtime.sql;

/** Quoting for SQL the runtime generates from catalog names and values, so no name or value can break out. */
final class SqlText {
    private SqlText() {}

    static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** A Spark SQL string literal; control characters as unicode escapes (a CSV quote may be NUL). */
    static String literal(String value) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
