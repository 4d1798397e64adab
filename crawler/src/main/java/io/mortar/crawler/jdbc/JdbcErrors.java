package io.mortar.crawler.jdbc;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.regex.Pattern;

/**
 * Turns a driver's {@link SQLException} during a JDBC crawl into the {@link GlueException} a crawl reports: a
 * timeout as OperationTimeout, missing rights as AccessDenied, anything else as InvalidInput (what the connection
 * points at cannot be read, as TestConnection reports driver errors). The message names the target and carries the
 * database's own words, with anything that looks like a password removed.
 */
final class JdbcErrors {
    /** {@code password=…}, {@code pwd=…} as URL or connection-string properties. */
    private static final Pattern SECRET = Pattern.compile("(?i)\\b(password|passwd|pwd)=[^&;\\s]*");

    private JdbcErrors() {}

    /**
     * @param target how the target is named in messages ({@code JdbcTargets[0] (mydb/public/%) on connection pg})
     */
    static GlueException translate(SQLException e, String target) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String message = redact(String.format("Reading the tables of %s failed: %s%s", target, detail,
                state.isEmpty() ? "" : " (SQLSTATE " + state + ")"));
        return new GlueException(code(e, state), message, e);
    }

    private static GlueErrorCode code(SQLException e, String state) {
        // 57014: PostgreSQL's statement timeout/cancel; HYT00/HYT01: the SQL standard's timeouts
        if (e instanceof SQLTimeoutException || state.equals("57014") || state.startsWith("HYT0")) {
            return GlueErrorCode.OPERATION_TIMEOUT;
        }
        // class 28: invalid authorization; 42501: insufficient privilege (PostgreSQL, DB2)
        if (state.startsWith("28") || state.equals("42501")) {
            return GlueErrorCode.ACCESS_DENIED;
        }
        return GlueErrorCode.INVALID_INPUT;
    }

    static String redact(String message) {
        return SECRET.matcher(message).replaceAll("$1=***");
    }
}
