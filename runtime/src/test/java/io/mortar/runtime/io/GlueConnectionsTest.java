package io.mortar.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How JDBC options naming a connection are completed from it (no Spark, no server). */
@SuppressWarnings("unchecked")
class GlueConnectionsTest {
    private static final JdbcConf PG = JdbcConf.of("warehouse", "jdbc:postgresql://db:5432/sales?ssl=false", "etl",
            "pw", true);

    @Test
    void theConnectionSuppliesUrlUserPasswordAndDriverAndExplicitOptionsWin() {
        Map<String, Object> resolved = (Map<String, Object>) GlueConnections.resolve(Map.of("connectionName", "warehouse", "dbtable", "orders",
                "user", "override"), name -> {
                    assertThat(name).isEqualTo("warehouse");
                    return PG;
                });
        assertThat(resolved).containsEntry("url", "jdbc:postgresql://db:5432/sales?ssl=false")
                .containsEntry("user", "override").containsEntry("password", "pw")
                .containsEntry("customJdbcDriverClassName", "org.postgresql.Driver")
                .containsEntry("sslmode", "require").containsEntry("dbtable", "orders")
                .doesNotContainKey("connectionName");
    }

    @Test
    void databasePicksAnotherDatabaseOnTheSameServer() {
        assertThat(PG.url()).isEqualTo("jdbc:postgresql://db:5432");
        Map<String, Object> resolved = (Map<String, Object>) GlueConnections.resolve(Map.of("connectionName", "warehouse", "database", "crm",
                "dbtable", "t"), name -> PG);
        assertThat(resolved).containsEntry("url", "jdbc:postgresql://db:5432/crm").doesNotContainKey("database");
    }

    @Test
    void optionsWithoutAConnectionAreUntouchedAndVendorsGetTheirDrivers() {
        Map<String, String> plain = Map.of("url", "jdbc:sqlite:/tmp/x.db", "dbtable", "t");
        assertThat(GlueConnections.resolve(plain, name -> {
            throw new AssertionError("no lookup without connectionName");
        })).isSameAs(plain);
        JdbcConf mysql = JdbcConf.of("m", "jdbc:mysql://h:3306/shop", "u", "p", false);
        assertThat(mysql.driver()).isEqualTo("org.mariadb.jdbc.Driver");
        assertThat(mysql.toMap()).containsEntry("url", "jdbc:mysql://h:3306").containsEntry("fullUrl",
                "jdbc:mysql://h:3306/shop").containsEntry("vendor", "mysql");
        JdbcConf sqlite = JdbcConf.of("s", "jdbc:sqlite:/tmp/x.db", null, null, false);
        assertThat(sqlite.url()).isEqualTo("jdbc:sqlite:/tmp/x.db");
        assertThat(mysql.toString()).doesNotContain("p]").doesNotContain("password");
    }
}
