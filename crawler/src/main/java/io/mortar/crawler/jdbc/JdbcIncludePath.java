package io.mortar.crawler.jdbc;

import io.mortar.model.GlueException;
import java.util.regex.Pattern;

/**
 * A JDBC target's include path, Glue's {@code database/schema/table} (databases with schemas) or
 * {@code database/table} (MySQL, MariaDB, SQLite), where {@code %} in the schema and table parts matches any
 * characters. The database part is a plain name: a connection reaches one database, so the part only confirms which.
 *
 * @param path the path as given, for messages
 * @param database the database part
 * @param schemaPattern the schema part, or {@code null} for a database without schemas
 * @param tablePattern the table part
 */
record JdbcIncludePath(String path, String database, String schemaPattern, String tablePattern) {

    /**
     * Parses a path for a database with or without schemas.
     *
     * @param field the request field the path came from ({@code JdbcTargets[0].Path}), for messages
     * @param productName the database's product name, for messages
     * @throws GlueException InvalidInput when the path has the wrong number of parts, an empty part, or a
     *     wildcard in the database part
     */
    static JdbcIncludePath parse(String path, boolean schemas, String field, String productName) {
        String form = schemas ? "database/schema/table" : "database/table";
        String[] parts = path == null ? new String[0] : path.split("/", -1);
        boolean malformed = parts.length != (schemas ? 3 : 2);
        for (String part : parts) {
            malformed |= part.isEmpty();
        }
        if (malformed) {
            throw GlueException.invalidInput("%s %s is not of the form %s, which %s paths take (%% is a wildcard in"
                    + " the %s part)", field, path == null || path.isEmpty() ? "(none)" : path, form, productName,
                    schemas ? "schema and table" : "table");
        }
        if (parts[0].contains("%")) {
            throw GlueException.invalidInput("%s %s: %% is a wildcard only in the %s part, not in the database part",
                    field, path, schemas ? "schema and table" : "table");
        }
        return schemas
                ? new JdbcIncludePath(path, parts[0], parts[1], parts[2])
                : new JdbcIncludePath(path, parts[0], null, parts[1]);
    }

    boolean hasSchemas() {
        return schemaPattern != null;
    }

    boolean matchesSchema(String schema) {
        return schemaPattern == null || matches(schemaPattern, schema);
    }

    boolean matchesTable(String table) {
        return matches(tablePattern, table);
    }

    /** Whether the schema part names one schema, so that exclusions may name tables alone (Glue's "Market*"). */
    boolean schemaIsLiteral() {
        return schemaPattern != null && !schemaPattern.contains("%");
    }

    /**
     * A part as a pattern for {@code DatabaseMetaData}'s LIKE arguments. Only {@code %} is Glue's wildcard, so
     * LIKE's own {@code _} (and the escape itself) are escaped; without an escape string the pattern is passed as
     * is and the caller's {@link #matchesTable}/{@link #matchesSchema} filter drops what {@code _} let through.
     */
    static String likePattern(String part, String escape) {
        if (escape == null || escape.isEmpty()) {
            return part;
        }
        StringBuilder out = new StringBuilder();
        for (char c : part.toCharArray()) {
            if (c == '_' || escape.indexOf(c) >= 0) {
                out.append(escape);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Case-sensitive, as the databases compare names in their metadata queries. */
    private static boolean matches(String pattern, String name) {
        if (name == null) {
            return false;
        }
        String[] literals = pattern.split("%", -1);
        StringBuilder regex = new StringBuilder(Pattern.quote(literals[0]));
        for (int i = 1; i < literals.length; i++) {
            regex.append(".*").append(Pattern.quote(literals[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(name).matches();
    }
}
