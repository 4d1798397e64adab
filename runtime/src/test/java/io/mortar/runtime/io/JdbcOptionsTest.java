package io.mortar.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Driver;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JdbcOptionsTest {
    @Test
    void glueOnlyOptionsStayBehindAndTheDriverClassBecomesSparks() {
        Map<String, String> spark = JdbcOptions.forSpark(Options.of("connection option", Map.of(
                "url", "jdbc:postgresql://db/sales", "dbtable", "orders", "user", "etl", "fetchsize", "500",
                "customJdbcDriverClassName", "org.postgresql.Driver", "hashfield", "id", "connectionName", "w",
                "path", "s3://x/")), Set.of("path"));
        assertThat(spark).containsOnly(Map.entry("url", "jdbc:postgresql://db/sales"), Map.entry("dbtable", "orders"),
                Map.entry("user", "etl"), Map.entry("fetchsize", "500"), Map.entry("driver", "org.postgresql.Driver"));
    }

    /** Glue's MySQL URLs reach the bundled MariaDB driver, which refuses jdbc:mysql: unless the URL permits it. */
    @Test
    void aMysqlUrlIsOneTheBundledMariaDbDriverServes() throws Exception {
        Driver mariadb = (Driver) Class.forName(JdbcOptions.MARIADB_DRIVER).getDeclaredConstructor().newInstance();
        assertThat(mariadb.acceptsURL("jdbc:mysql://h:3306/shop")).as("as given").isFalse();
        for (String driver : new String[] {null, JdbcOptions.MARIADB_DRIVER}) {
            String url = JdbcOptions.url("jdbc:mysql://h:3306/shop", driver);
            assertThat(mariadb.acceptsURL(url)).as(url).isTrue();
        }
        assertThat(JdbcOptions.url("jdbc:mysql://h:3306/shop?useSSL=true", null))
                .isEqualTo("jdbc:mysql://h:3306/shop?useSSL=true&permitMysqlScheme");
        assertThat(JdbcOptions.url("jdbc:mysql://h/shop", "com.mysql.cj.jdbc.Driver")).as("the job's own driver")
                .isEqualTo("jdbc:mysql://h/shop");
        assertThat(JdbcOptions.url("jdbc:postgresql://h/shop", null)).isEqualTo("jdbc:postgresql://h/shop");
    }
}
