package io.mortar.store.jdbc.testing;

import io.mortar.store.jdbc.PostgresDatabases;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL the tests run against: {@code MORTAR_TEST_PG_URL} (bin/test starts a local server and sets it).
 * Each test class gets a database of its own, created here and dropped afterwards.
 */
public final class TestPostgres {
    public static final String URL_VARIABLE = "MORTAR_TEST_PG_URL";

    private TestPostgres() {}

    public static Optional<String> adminUrl() {
        return Optional.ofNullable(System.getenv(URL_VARIABLE)).filter(s -> !s.isBlank());
    }

    /**
     * Skips the calling test when no PostgreSQL is configured. On CI (CI=true) a missing PostgreSQL is a
     * failure instead, so the PostgreSQL half of the suite can never silently drop out.
     */
    public static String requireAdminUrl() {
        Optional<String> url = adminUrl();
        if (url.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(URL_VARIABLE + " is not set on CI; run the tests through bin/test");
        }
        Assumptions.assumeTrue(url.isPresent(), URL_VARIABLE + " not set: PostgreSQL tests skipped (bin/test sets it)");
        return url.get();
    }

    /** A JDBC URL without its query, and the user and password the query carried. */
    public record Login(String url, String user, String password) {}

    /**
     * The admin URL taken apart, for what takes the user and password apart from the URL (a Glue connection's
     * USERNAME and PASSWORD).
     */
    public static Login adminLogin() {
        String admin = requireAdminUrl();
        int query = admin.indexOf('?');
        if (query < 0) {
            return new Login(admin, null, null);
        }
        Map<String, String> params = new HashMap<>();
        for (String pair : admin.substring(query + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return new Login(admin.substring(0, query), params.get("user"), params.get("password"));
    }

    /** Whether the test server accepts SSL connections (its {@code ssl} setting). */
    public static boolean sslEnabled() {
        try (Connection c = DriverManager.getConnection(requireAdminUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW ssl")) {
            return rs.next() && "on".equals(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the test server's ssl setting: " + e.getMessage(), e);
        }
    }

    /** Creates an empty database and returns its JDBC URL (same credentials as the admin URL). */
    public static String createDatabase(String prefix) {
        String admin = requireAdminUrl();
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            // A locale collation, as production databases mostly have (en_US.UTF-8 and the like), so that a column
            // the store must compare by code point but does not declare COLLATE "C" shows in the tests.
            return PostgresDatabases.create(admin, name, " TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu"
                    + " ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'");
        } catch (IllegalStateException noIcu) { // a server built without ICU: its default collation it is
            return PostgresDatabases.create(admin, name, "");
        }
    }

    /**
     * Drops a test database. Right after heavy writes PostgreSQL's autovacuum may be working in it, and FORCE
     * cannot end a worker that is not ours: retry for a while, then leave the database (a leftover is no test
     * failure; bin/test's cluster is throw-away).
     */
    public static void dropDatabase(String url) {
        String name = PostgresDatabases.databaseName(url);
        for (int attempt = 1; ; attempt++) {
            try {
                PostgresDatabases.drop(adminUrl().orElseThrow(), url);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 20) {
                    System.err.println("Leaving test database " + name + ": " + e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }



}
