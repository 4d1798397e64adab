package io.mortar.store.jdbc.expression;

/**
 * What differs between SQL databases in compiled expressions. Everything else the compiler emits ({@code =},
 * {@code <>}, {@code <}, {@code BETWEEN}, {@code IN}, {@code IS NULL}, {@code NOT}, {@code AND}, {@code OR} on TEXT
 * columns with {@code ?} placeholders) is the same in SQLite and PostgreSQL, provided the slot columns compare text
 * by code point: SQLite's default BINARY collation, PostgreSQL's {@code COLLATE "C"} in a UTF8 database.
 */
public interface ExpressionSqlDialect {
    /**
     * SQL for "column matches the LIKE pattern bound to one '?' placeholder" (case-sensitive, only % and _
     * special). It must be a single predicate that binds at least as tightly as {@code NOT}, because the compiler
     * uses it as an operand of {@code AND} and {@code OR} without parentheses.
     */
    String likePredicate(String column);

    /** The bind value for that placeholder, from the Glue LIKE pattern. */
    String likeArgument(String gluePattern);

    /**
     * SQLite: {@code GLOB}, because SQLite's {@code LIKE} is case-insensitive for ASCII letters while Glue's is not.
     * The pattern is translated: {@code %} to {@code *}, {@code _} to {@code ?}, and GLOB's own special characters
     * {@code * ? [} to the one-character classes {@code [*] [?] [[]}.
     */
    ExpressionSqlDialect SQLITE = new SqliteGlobDialect();

    /**
     * PostgreSQL: {@code column LIKE ? ESCAPE ''}; the empty escape turns off backslash escaping, so the Glue pattern
     * is bound unchanged. Needs the columns to have a deterministic collation, such as {@code COLLATE "C"}.
     */
    ExpressionSqlDialect POSTGRESQL = new PostgresqlLikeDialect();
}
