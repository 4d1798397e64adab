package io.mortar.runtime.bookmark;

import io.mortar.model.bookmark.JdbcBookmark;
import io.mortar.model.bookmark.SourceBookmark;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bookmarked JDBC table read, as Glue does it: by bookmark keys ({@code jobBookmarkKeys}, else the table's primary
 * key) in {@code jobBookmarkKeysSortOrder}, compared as a tuple. Before reading, the driver asks the database for the
 * last key now ({@code ORDER BY} the keys, one row); the read takes the rows after the bookmark's keys up to and
 * including that one, and that one becomes the bookmark. So rows inserted while the job runs are neither half-read
 * nor skipped: the next run takes them. Only inserts with growing (or, descending, shrinking) keys are seen.
 */
public final class JdbcBookmarking {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcBookmarking.class);

    /** The table read ({@code dbtable}), and the options to connect with (url, user, password, driver). */
    public record Table(String dbtable, Map<String, String> connectOptions) {}

    private JdbcBookmarking() {}

    /**
     * The {@code dbtable} Spark is to read for a bookmarked source: the table itself when the bookmark asks for no
     * filter, else a subquery with the key range. Records the state the read leaves.
     *
     * @param keysOption {@code jobBookmarkKeys}, empty for the primary key
     * @param sortOrder {@code jobBookmarkKeysSortOrder}, null for ascending
     */
    public static String select(JobBookmarks.SourceScope scope, Table table, List<String> keysOption,
                                String sortOrder) {
        boolean descending = JdbcBookmark.isDescending(sortOrder);
        try (Connection c = connect(table.connectOptions())) {
            List<String> keys = keysOption.isEmpty() ? primaryKey(c, table.dbtable()) : List.copyOf(keysOption);
            Optional<JdbcBookmark> lower = state(scope.lower(), scope, keys, descending);
            Optional<JdbcBookmark> upper = state(scope.upper(), scope, keys, descending);
            List<String> conditions = new ArrayList<>();
            lower.ifPresent(l -> conditions.add(after(keys, l.last(), descending)));
            if (scope.bounded()) {
                if (upper.isEmpty()) {
                    conditions.add("1 = 0"); // run `to` had read nothing of this table
                } else {
                    conditions.add("NOT " + after(keys, upper.get().last(), descending));
                }
            } else if (scope.advances()) {
                Optional<List<Object>> end = lastKey(c, table.dbtable(), keys, descending);
                if (end.isPresent()) {
                    conditions.add("NOT " + after(keys, end.get(), descending));
                    scope.record(new JdbcBookmark(scope.target(), keys, descending, end.get()));
                }
            }
            LOG.info("Bookmark '{}' ({}): keys {} {}, reading {}", scope.context(), scope.target(), keys,
                    descending ? "desc" : "asc", conditions.isEmpty() ? "every row" : String.join(" AND ", conditions));
            if (conditions.isEmpty()) {
                return table.dbtable();
            }
            return "(SELECT * FROM " + table.dbtable() + " WHERE " + String.join(" AND ", conditions)
                    + ") mortar_bookmarked";
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the bookmark keys of " + scope.target() + ": "
                    + e.getMessage(), e);
        }
    }

    private static Optional<JdbcBookmark> state(Optional<SourceBookmark> stored, JobBookmarks.SourceScope scope,
                                                List<String> keys, boolean descending) {
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (!(stored.get() instanceof JdbcBookmark jdbc)) {
            throw new IllegalStateException("The bookmark of transformation context '" + scope.context()
                    + "' is not a JDBC table's; was the context renamed or reused? Reset the bookmark.");
        }
        if (!jdbc.keys().equals(keys) || jdbc.descending() != descending) {
            throw new IllegalStateException("The bookmark of transformation context '" + scope.context()
                    + "' was kept by keys " + jdbc.keys() + " " + jdbc.sortOrder() + ", but the source now reads by "
                    + keys + (descending ? " desc" : " asc") + ": reset the bookmark to change them");
        }
        return Optional.of(jdbc);
    }

    /**
     * Rows whose keys come after {@code values} in the order: {@code (k1 > v1) OR (k1 = v1 AND k2 > v2) …}, with
     * {@code <} when descending.
     */
    static String after(List<String> keys, List<Object> values, boolean descending) {
        String beyond = descending ? " < " : " > ";
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            StringBuilder term = new StringBuilder("(");
            for (int j = 0; j < i; j++) {
                term.append(keys.get(j)).append(" = ").append(literal(values.get(j))).append(" AND ");
            }
            term.append(keys.get(i)).append(beyond).append(literal(values.get(i))).append(')');
            alternatives.add(term.toString());
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    static String literal(Object value) {
        if (value == null) {
            throw new IllegalStateException("A bookmark key is NULL in the table; bookmark keys must not be null");
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    /** The keys of the last row in the order now, or empty for an empty table. */
    private static Optional<List<Object>> lastKey(Connection c, String dbtable, List<String> keys, boolean descending)
            throws SQLException {
        String direction = descending ? " ASC" : " DESC";
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", keys)).append(" FROM ")
                .append(dbtable).append(" ORDER BY ");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(keys.get(i)).append(direction);
        }
        try (Statement s = c.createStatement()) {
            s.setMaxRows(1); // portable LIMIT 1
            try (ResultSet rs = s.executeQuery(sql.toString())) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<Object> values = new ArrayList<>();
                for (int i = 1; i <= keys.size(); i++) {
                    values.add(jsonValue(rs.getObject(i)));
                }
                return Optional.of(values);
            }
        }
    }

    /** A key value as the bookmark stores it: integers as longs, other numbers as decimals, the rest as text. */
    static Object jsonValue(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        return value.toString();
    }

    /** The table's primary key, in key order; the table as written, else lower then upper case (how DBs fold). */
    private static List<String> primaryKey(Connection c, String dbtable) throws SQLException {
        String schema = null;
        String name = dbtable;
        int dot = dbtable.lastIndexOf('.');
        if (dot > 0) {
            schema = dbtable.substring(0, dot);
            name = dbtable.substring(dot + 1);
        }
        DatabaseMetaData meta = c.getMetaData();
        for (String[] candidate : new String[][] {{schema, name}, {lower(schema), lower(name)},
                {upper(schema), upper(name)}}) {
            TreeMap<Short, String> columns = new TreeMap<>();
            try (ResultSet rs = meta.getPrimaryKeys(null, candidate[0], candidate[1])) {
                while (rs.next()) {
                    columns.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                }
            }
            if (!columns.isEmpty()) {
                return List.copyOf(columns.values());
            }
        }
        throw new IllegalArgumentException("The table " + dbtable + " has no primary key to bookmark by: give the"
                + " connection option jobBookmarkKeys (columns whose values grow with each new row)");
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static Connection connect(Map<String, String> options) throws SQLException {
        String driver = options.get("driver");
        if (driver != null) {
            try {
                Class.forName(driver);
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("The JDBC driver class " + driver + " is not on the class path", e);
            }
        }
        Properties props = new Properties();
        if (options.get("user") != null) {
            props.setProperty("user", options.get("user"));
        }
        if (options.get("password") != null) {
            props.setProperty("password", options.get("password"));
        }
        return DriverManager.getConnection(options.get("url"), props);
    }
}
