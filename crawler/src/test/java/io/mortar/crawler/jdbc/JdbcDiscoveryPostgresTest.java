package io.mortar.crawler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.crawler.StorageFormat;
import io.mortar.crawler.discovery.DiscoveredTable.ColumnNotes;
import io.mortar.crawler.discovery.DiscoveredTable;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.jdbc.PostgresDatabases;
import io.mortar.store.jdbc.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.JdbcTarget;

/**
 * JDBC discovery against a real PostgreSQL ({@code MORTAR_TEST_PG_URL}): a database of its own with three user
 * schemas, tables of every common column type, views, a materialized view, comments.
 */
class JdbcDiscoveryPostgresTest {
    private static String url;
    private static String db;
    private static Connection connection;

    @BeforeAll
    static void createDatabase() throws SQLException {
        url = TestPostgres.createDatabase("mortar_jdbc");
        db = PostgresDatabases.databaseName(url);
        connection = DriverManager.getConnection(url);
        try (Statement st = connection.createStatement()) {
            st.execute("""
                    CREATE TABLE public.orders (
                        c_smallint smallint, c_int int, c_bigint bigint, c_numeric_10_2 numeric(10,2),
                        c_numeric numeric, c_real real, c_double double precision, c_boolean boolean,
                        c_varchar varchar(20), c_text text, c_char char(3), c_date date, c_timestamp timestamp,
                        c_timestamptz timestamptz, c_time time, c_bytea bytea, c_uuid uuid, c_jsonb jsonb,
                        c_int_array int[], c_text_array text[], "Mixed_Case" int)""");
            st.execute("CREATE TABLE public.order_lines (order_id bigint, line int)");
            // LIKE's _ must not be a wildcard: order_lines must not select this one
            st.execute("CREATE TABLE public.orderxlines (id int)");
            st.execute("CREATE TABLE public.audit (id bigint, note text)");
            st.execute("CREATE TABLE public.customers (id int, name varchar(40), active boolean)");
            st.execute("CREATE VIEW public.active_customers AS SELECT id, name FROM public.customers WHERE active");
            st.execute("CREATE MATERIALIZED VIEW public.customer_counts AS SELECT count(*) AS n FROM public.customers");
            st.execute("COMMENT ON TABLE public.customers IS 'People who buy'");
            st.execute("COMMENT ON COLUMN public.customers.name IS 'Full name, as printed'");
            st.execute("CREATE SCHEMA sales");
            st.execute("CREATE TABLE sales.orders (id bigint, total numeric(12,2), placed date)");
            st.execute("CREATE TABLE sales.tmp_load (x int)");
            st.execute("CREATE TABLE sales.audit (id bigint)");
            st.execute("CREATE SCHEMA hr");
            st.execute("CREATE TABLE hr.\"Staff-List\" (\"Id\" int, \"Full Name\" text)");
            st.execute("CREATE SEQUENCE hr.ids");
            st.execute("CREATE INDEX customers_name ON public.customers (name)");
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        if (url != null) {
            TestPostgres.dropDatabase(url);
        }
    }

    private static JdbcTarget target(String path, String... exclusions) {
        return JdbcTarget.builder().connectionName("pg-conn").path(path).exclusions(exclusions).build();
    }

    private static List<DiscoveredTable> discover(String path, String... exclusions) {
        return JdbcDiscovery.discover(connection, target(path, exclusions));
    }

    private static List<String> locations(List<DiscoveredTable> tables) {
        return tables.stream().map(DiscoveredTable::location).toList();
    }

    private static List<String> columns(DiscoveredTable table) {
        return table.columns().stream().map(c -> c.name() + ":" + c.typeName()).toList();
    }

    private static GlueException glueError(Runnable call) {
        try {
            call.run();
        } catch (GlueException e) {
            return e;
        }
        throw new AssertionError("no GlueException");
    }

    @Test
    void aTableWithEveryCommonColumnType() {
        List<DiscoveredTable> tables = discover(db + "/public/orders");

        assertThat(tables).hasSize(1);
        DiscoveredTable orders = tables.get(0);
        assertThat(orders.name()).isEqualTo(db + "_public_orders");
        assertThat(orders.location()).isEqualTo(db + ".public.orders");
        assertThat(orders.classification()).isEqualTo("postgresql");
        assertThat(orders.parameters()).isEqualTo(Map.of("classification", "postgresql", "typeOfData", "table",
                "connectionName", "pg-conn", "compressionType", "none"));
        assertThat(orders.storageFormat()).isEqualTo(StorageFormat.NONE);
        assertThat(orders.partitionKeys()).isEmpty();
        assertThat(orders.partitions()).isEmpty();
        assertThat(orders.columnNotes()).isEmpty();
        assertThat(orders.reason()).isEqualTo("table public.orders matches include path " + db + "/public/orders");
        assertThat(columns(orders)).containsExactly(
                "c_smallint:smallint", "c_int:int", "c_bigint:bigint", "c_numeric_10_2:decimal(10,2)",
                "c_numeric:decimal(38,18)", "c_real:float", "c_double:double", "c_boolean:boolean",
                "c_varchar:string", "c_text:string", "c_char:string", "c_date:date", "c_timestamp:timestamp",
                "c_timestamptz:timestamp", "c_time:string", "c_bytea:binary", "c_uuid:string", "c_jsonb:string",
                "c_int_array:array<int>", "c_text_array:array<string>", "mixed_case:int");
    }

    @Test
    void viewsAreViews() {
        DiscoveredTable view = discover(db + "/public/active_customers").get(0);
        assertThat(view.name()).isEqualTo(db + "_public_active_customers");
        assertThat(view.location()).isEqualTo(db + ".public.active_customers");
        assertThat(view.parameters()).containsEntry("typeOfData", "view").containsEntry("classification", "postgresql");
        assertThat(columns(view)).containsExactly("id:int", "name:string");
        assertThat(view.reason())
                .isEqualTo("view public.active_customers matches include path " + db + "/public/active_customers");

        DiscoveredTable materialized = discover(db + "/public/customer_counts").get(0);
        assertThat(materialized.parameters()).containsEntry("typeOfData", "view");
        assertThat(columns(materialized)).containsExactly("n:bigint");
        assertThat(materialized.reason()).startsWith("materialized view public.customer_counts matches");
    }

    @Test
    void percentIsAWildcardInTheSchemaAndTableParts() {
        assertThat(locations(discover(db + "/sales/%")))
                .containsExactly(db + ".sales.audit", db + ".sales.orders", db + ".sales.tmp_load");
        assertThat(locations(discover(db + "/%/orders")))
                .containsExactly(db + ".public.orders", db + ".sales.orders");
        assertThat(locations(discover(db + "/public/ord%")))
                .containsExactly(db + ".public.order_lines", db + ".public.orders", db + ".public.orderxlines");
        assertThat(locations(discover(db + "/public/order_lines"))).containsExactly(db + ".public.order_lines");
        assertThat(locations(discover(db + "/s%s/%a%"))).containsExactly(db + ".sales.audit", db + ".sales.tmp_load");
        assertThat(discover(db + "/public/nothing%")).isEmpty();
        assertThat(discover(db + "/Public/orders")).as("names are case-sensitive").isEmpty();
    }

    @Test
    void everythingLeavesOutSystemSchemasIndexesAndSequences() {
        List<DiscoveredTable> all = discover(db + "/%/%");
        assertThat(locations(all)).containsExactly(
                db + ".hr.Staff-List",
                db + ".public.active_customers", db + ".public.audit", db + ".public.customer_counts",
                db + ".public.customers", db + ".public.order_lines", db + ".public.orders",
                db + ".public.orderxlines",
                db + ".sales.audit", db + ".sales.orders", db + ".sales.tmp_load");
        DiscoveredTable staff = all.get(0);
        assertThat(staff.name()).isEqualTo(db + "_hr_staff_list");
        assertThat(columns(staff)).containsExactly("id:int", "full name:string");
        DiscoveredTable sales = all.get(9);
        assertThat(sales.name()).isEqualTo(db + "_sales_orders");
        assertThat(columns(sales)).containsExactly("id:bigint", "total:decimal(12,2)", "placed:date");
    }

    @Test
    void exclusionsAreGlobsOverSchemaAndTable() {
        assertThat(locations(discover(db + "/%/%", "sales/tmp_*", "**/audit", "public/*customer*", "hr/*")))
                .containsExactly(db + ".public.order_lines", db + ".public.orders", db + ".public.orderxlines",
                        db + ".sales.orders");
        // with one schema in the include path, a glob may name the table alone (Glue's "Market*")
        assertThat(locations(discover(db + "/sales/%", "tmp_*")))
                .containsExactly(db + ".sales.audit", db + ".sales.orders");
        // but not when the schema part is a wildcard: the path relative to the include path is schema/table
        assertThat(locations(discover(db + "/%/orders", "orders"))).hasSize(2);
        assertThat(locations(discover(db + "/%/orders", "{public,sales}/orders"))).isEmpty();
    }

    @Test
    void commentsAndRawTypesOnlyWhenAsked() {
        DiscoveredTable plain = discover(db + "/public/customers").get(0);
        assertThat(plain.columnNotes()).isEmpty();
        assertThat(plain.parameters()).doesNotContainKey("comment");

        DiscoveredTable commented = JdbcDiscovery.discover(connection, target(db + "/public/customers").toBuilder()
                .enableAdditionalMetadataWithStrings("COMMENTS").build()).get(0);
        assertThat(commented.columnNotes())
                .isEqualTo(Map.of("name", new ColumnNotes("Full name, as printed", Map.of())));
        assertThat(commented.parameters()).containsEntry("comment", "People who buy");

        DiscoveredTable raw = JdbcDiscovery.discover(connection, target(db + "/public/customers").toBuilder()
                .enableAdditionalMetadataWithStrings("RAWTYPES").build()).get(0);
        assertThat(raw.columnNotes()).isEqualTo(Map.of(
                "id", new ColumnNotes(null, Map.of("rawType", "int4")),
                "name", new ColumnNotes(null, Map.of("rawType", "varchar")),
                "active", new ColumnNotes(null, Map.of("rawType", "bool"))));
        assertThat(raw.parameters()).doesNotContainKey("comment");

        DiscoveredTable both = JdbcDiscovery.discover(connection, target(db + "/public/orders").toBuilder()
                .enableAdditionalMetadataWithStrings("COMMENTS", "RAWTYPES").build()).get(0);
        assertThat(both.columnNotes().get("c_numeric_10_2")).isEqualTo(new ColumnNotes(null,
                Map.of("rawType", "numeric")));
        assertThat(both.columnNotes().get("c_int_array")).isEqualTo(new ColumnNotes(null, Map.of("rawType", "_int4")));
        assertThat(both.columnNotes()).hasSize(21);
    }

    @Test
    void aPathNamingAnotherDatabaseIsInvalidInput() {
        GlueException e = glueError(() -> discover("otherdb/public/%"));
        assertThat(e.code()).isEqualTo(GlueErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).isEqualTo("JdbcTargets[0].Path otherdb/public/% names database otherdb, but"
                + " connection pg-conn is connected to database " + db);

        GlueException third = glueError(() -> JdbcDiscovery.discover(connection, target("otherdb/public/%"), 2));
        assertThat(third.getMessage()).startsWith("JdbcTargets[2].Path otherdb/public/%");
    }

    @Test
    void malformedPathsAreInvalidInput() {
        for (String path : List.of(db + "/orders", db + "/public/orders/x", db + "//orders", db + "/public/")) {
            GlueException e = glueError(() -> discover(path));
            assertThat(e.code()).as(path).isEqualTo(GlueErrorCode.INVALID_INPUT);
            assertThat(e.getMessage()).as(path).isEqualTo("JdbcTargets[0].Path " + path + " is not of the form"
                    + " database/schema/table, which PostgreSQL paths take (% is a wildcard in the schema and table"
                    + " part)");
        }
        GlueException none = glueError(() -> JdbcDiscovery.discover(connection,
                JdbcTarget.builder().connectionName("pg-conn").build()));
        assertThat(none.getMessage()).startsWith("JdbcTargets[0].Path (none) is not of the form database/schema/table");
        assertThat(glueError(() -> discover("")).getMessage()).startsWith("JdbcTargets[0].Path (none) is not");

        GlueException wildDatabase = glueError(() -> discover("%/public/orders"));
        assertThat(wildDatabase.code()).isEqualTo(GlueErrorCode.INVALID_INPUT);
        assertThat(wildDatabase.getMessage()).isEqualTo("JdbcTargets[0].Path %/public/orders: % is a wildcard only"
                + " in the schema and table part, not in the database part");
    }

    @Test
    void malformedExclusionsAreInvalidInputNamingTheTarget() {
        GlueException e = glueError(() -> discover(db + "/public/%", "[abc"));
        assertThat(e.code()).isEqualTo(GlueErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).isEqualTo("JdbcTargets[0].Exclusions pattern [abc has an unclosed [");
    }

    @Test
    void aDatabaseFailureIsAGlueExceptionNamingTheTarget() throws SQLException {
        Connection closed = DriverManager.getConnection(url);
        closed.close();
        assertThatThrownBy(() -> JdbcDiscovery.discover(closed, target(db + "/public/%")))
                .isInstanceOf(GlueException.class)
                .satisfies(e -> assertThat(((GlueException) e).code()).isEqualTo(GlueErrorCode.INVALID_INPUT))
                .hasMessage("Reading the tables of JdbcTargets[0] (" + db + "/public/%) on connection pg-conn failed:"
                        + " This connection has been closed. (SQLSTATE 08003)")
                .hasCauseInstanceOf(SQLException.class);
    }
}
