package io.mortar.runtime.sql;

/**
 * A SQL script statement that failed: the cause is Spark's own exception (an AnalysisException, a ParseException,
 * a task failure), and this says which statement it was, so a run's error names both.
 */
public final class SqlStatementException extends RuntimeException {
    private static final int SHOWN = 200;

    private final int index;
    private final int count;
    private final String statement;

    public SqlStatementException(int index, int count, String statement, Throwable cause) {
        super("SQL statement " + index + " of " + count + " failed: " + abbreviate(statement), cause);
        this.index = index;
        this.count = count;
        this.statement = statement;
    }

    public int index() {
        return index;
    }

    public int count() {
        return count;
    }

    public String statement() {
        return statement;
    }

    /** Where, for appending to the cause's message: {@code (SQL statement 2 of 3: SELECT …)}. */
    public String where() {
        return "(SQL statement " + index + " of " + count + ": " + abbreviate(statement) + ")";
    }

    private static String abbreviate(String statement) {
        String flat = statement.replaceAll("\\s+", " ").strip();
        return flat.length() <= SHOWN ? flat : flat.substring(0, SHOWN) + "…";
    }
}
