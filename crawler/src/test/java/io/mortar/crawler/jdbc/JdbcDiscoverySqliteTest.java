package io.mortar.crawler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.crawler.discovery.DiscoveredTable;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.model.JdbcTarget;

/**
 * JDBC discovery on SQLite, a database without schemas (paths {@code database/table}, like MySQL's) and without a
 * database name (so the path's database part is taken as given).
 */
class JdbcDiscoverySqliteTest {
    @TempDir
    Path dir;

    private Connection connection;

    @BeforeEach
    void createDatabase() throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("shop.db"));
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, qty INT, total DECIMAL(10,2),"
                    + " price REAL, name VARCHAR(20), note TEXT, placed DATE, at TIMESTAMP, flag BOOLEAN,"
                    + " data BLOB, big BIGINT, untyped)");
            st.execute("CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100");
            st.execute("CREATE TABLE tmp_load (x INT)");
            st.execute("INSERT INTO orders (qty) VALUES (1)"); // so that sqlite_sequence exists
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private List<DiscoveredTable> discover(String path, String... exclusions) {
        return JdbcDiscovery.discover(connection,
                JdbcTarget.builder().connectionName("lite").path(path).exclusions(exclusions).build());
    }

    @Test
    void tablesAndViewsWithoutSchemas() {
        List<DiscoveredTable> tables = discover("Shop/%");

        assertThat(tables).extracting(DiscoveredTable::name)
                .containsExactly("shop_big_orders", "shop_orders", "shop_tmp_load");
        assertThat(tables).extracting(DiscoveredTable::location)
                .containsExactly("Shop.big_orders", "Shop.orders", "Shop.tmp_load");
        DiscoveredTable view = tables.get(0);
        assertThat(view.parameters()).isEqualTo(Map.of("classification", "sqlite", "typeOfData", "view",
                "connectionName", "lite", "compressionType", "none"));
        assertThat(view.reason()).isEqualTo("view big_orders matches include path Shop/%");
        DiscoveredTable orders = tables.get(1);
        assertThat(orders.classification()).isEqualTo("sqlite");
        assertThat(orders.parameters()).containsEntry("typeOfData", "table");
        assertThat(orders.columns()).extracting(c -> c.name() + ":" + c.typeName()).containsExactly(
                "id:int", "qty:int", "total:double", "price:double", "name:string", "note:string", "placed:date",
                "at:timestamp", "flag:boolean", "data:binary", "big:bigint", "untyped:string");
    }

    @Test
    void exclusionsNameTablesAndPathsAreDatabaseSlashTable() {
        assertThat(discover("shop/%", "tmp_*", "big_*")).extracting(DiscoveredTable::name)
                .containsExactly("shop_orders");
        assertThat(discover("shop/ord%")).extracting(DiscoveredTable::name).containsExactly("shop_orders");

        assertThatThrownBy(() -> discover("shop/main/orders")).isInstanceOf(GlueException.class)
                .satisfies(e -> assertThat(((GlueException) e).code()).isEqualTo(GlueErrorCode.INVALID_INPUT))
                .hasMessage("JdbcTargets[0].Path shop/main/orders is not of the form database/table, which SQLite"
                        + " paths take (% is a wildcard in the table part)");
    }
}
