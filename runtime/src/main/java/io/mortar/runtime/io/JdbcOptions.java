package io.mortar.runtime.io;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Glue's JDBC connection options as Spark's JDBC source takes them, for reads and writes alike: Glue-only options
 * left out, {@code customJdbcDriverClassName} as Spark's {@code driver}, and a {@code jdbc:mysql:} URL made one
 * the bundled MariaDB driver serves. Everything else (Spark's own {@code fetchsize}, {@code partitionColumn}, a
 * driver's connection properties, …) goes through as given.
 */
final class JdbcOptions {
    static final String MARIADB_DRIVER = "org.mariadb.jdbc.Driver";
    /** Options of Glue's that mean nothing to Spark or to a JDBC driver. */
    private static final Set<String> GLUE_ONLY = Set.of("connectionName", "redshiftTmpDir", "customJdbcDriverS3Path",
            "customJdbcDriverClassName", "hashfield", "hashexpression", "hashpartitions", "jobBookmarkKeys",
            "jobBookmarkKeysSortOrder", "useConnectionProperties");

    private JdbcOptions() {}

    /** The options for Spark, less {@code notForSpark} (a sink's own keys, or a source's dbtable beside a query). */
    static Map<String, String> forSpark(Options connection, Set<String> notForSpark) {
        Map<String, String> out = new LinkedHashMap<>();
        connection.asStrings().forEach((key, value) -> {
            if (!GLUE_ONLY.contains(key) && !notForSpark.contains(key)) {
                out.put(key, value);
            }
        });
        String driver = connection.string("customJdbcDriverClassName").orElse(null);
        if (driver != null) {
            out.put("driver", driver);
        }
        out.put("url", url(connection.require("url"), driver));
        return out;
    }

    /**
     * MariaDB Connector/J (bundled, as Glue bundles a MySQL driver) serves {@code jdbc:mysql:} URLs only when the
     * URL asks for it; a URL for another driver the job brought is left alone.
     */
    static String url(String url, String driver) {
        boolean mysql = url.toLowerCase(Locale.ROOT).startsWith("jdbc:mysql:");
        if (!mysql || (driver != null && !driver.equals(MARIADB_DRIVER)) || url.contains("permitMysqlScheme")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
    }
}
