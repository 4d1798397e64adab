package io.mortar.server.crawlers;

import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.CrawlWaits;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.PostgresDatabases;
import io.mortar.store.jdbc.testing.StoreBackend;
import io.mortar.store.jdbc.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;
import software.amazon.awssdk.services.glue.model.JdbcTarget;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * A crawl of a real PostgreSQL (MORTAR_TEST_PG_URL) through a Glue connection whose password Mortar stores
 * encrypted: tables and views become catalog tables with Glue's names and types, {@code %} include paths and
 * exclusions select them, and a dropped table is deleted at the next crawl.
 */
class JdbcCrawlTest {
    private static String url;
    private static String db;
    private static TestServer server;
    private static GlueClient glue;

    @BeforeAll
    static void setUp() throws SQLException {
        url = TestPostgres.createDatabase("mortar_crawl");
        db = PostgresDatabases.databaseName(url);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE public.orders (id bigint PRIMARY KEY, amount numeric(10,2), placed date,"
                    + " at timestamp, note text, paid boolean, tags text[])");
            st.execute("CREATE TABLE public.customers (id int, name varchar(40), score double precision)");
            st.execute("CREATE TABLE public.tmp_load (x int)");
            st.execute("CREATE VIEW public.big_orders AS SELECT id, amount FROM public.orders WHERE amount > 100");
            st.execute("CREATE SCHEMA sales");
            st.execute("CREATE TABLE sales.refunds (id bigint, reason text)");
        }
        server = TestServer.start(StoreBackend.SQLITE);
        glue = server.client();
        TestPostgres.Login login = TestPostgres.adminLogin();
        glue.createConnection(r -> r.connectionInput(c -> c.name("warehouse").connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", url.contains("?") ? url.substring(0, url.indexOf('?')) : url,
                        "USERNAME", login.user(), "PASSWORD", login.password()))));
    }

    @AfterAll
    static void tearDown() {
        if (glue != null) {
            glue.close();
        }
        if (server != null) {
            server.close();
        }
        if (url != null) {
            TestPostgres.dropDatabase(url);
        }
    }

    private static Crawler crawl(String name) throws InterruptedException {
        return CrawlWaits.crawlOk(glue, name, Duration.ofSeconds(60));
    }

    private static List<Table> tables(String database) {
        List<Table> out = new ArrayList<>();
        glue.getTablesPaginator(r -> r.databaseName(database)).forEach(p -> out.addAll(p.tableList()));
        out.sort(Comparator.comparing(Table::name));
        return out;
    }

    private static List<String> columns(Table t) {
        return t.storageDescriptor().columns().stream().map(c -> c.name() + ":" + c.type()).toList();
    }

    @Test
    void tablesAndViewsOfAPostgresqlDatabaseBecomeCatalogTables() throws Exception {
        String catalogDb = unique("pg");
        String name = unique("Pg");
        glue.createCrawler(r -> r.name(name).role("r").databaseName(catalogDb)
                .schemaChangePolicy(p -> p.updateBehavior("UPDATE_IN_DATABASE").deleteBehavior("DELETE_FROM_DATABASE"))
                .targets(CrawlerTargets.builder().jdbcTargets(JdbcTarget.builder().connectionName("warehouse")
                        .path(db + "/public/%").exclusions("tmp_*").build()).build()));
        crawl(name);

        assertThat(tables(catalogDb)).extracting(Table::name).containsExactly(db + "_public_big_orders",
                db + "_public_customers", db + "_public_orders");
        Table orders = glue.getTable(r -> r.databaseName(catalogDb).name(db + "_public_orders")).table();
        assertThat(columns(orders)).containsExactly("id:bigint", "amount:decimal(10,2)", "placed:date",
                "at:timestamp", "note:string", "paid:boolean", "tags:array<string>");
        assertThat(orders.storageDescriptor().location()).isEqualTo(db + ".public.orders");
        assertThat(orders.parameters()).containsEntry("classification", "postgresql")
                .containsEntry("typeOfData", "table").containsEntry("connectionName", "warehouse")
                .containsEntry("UPDATED_BY_CRAWLER", name);
        assertThat(orders.partitionKeys()).isEmpty();
        Table view = glue.getTable(r -> r.databaseName(catalogDb).name(db + "_public_big_orders")).table();
        assertThat(view.parameters()).containsEntry("typeOfData", "view");
        assertThat(columns(view)).containsExactly("id:bigint", "amount:decimal(10,2)");

        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("DROP TABLE public.customers");
            st.execute("ALTER TABLE public.orders ADD COLUMN channel varchar(10)");
        }
        crawl(name);
        assertThat(tables(catalogDb)).extracting(Table::name).containsExactly(db + "_public_big_orders",
                db + "_public_orders");
        assertThat(columns(glue.getTable(r -> r.databaseName(catalogDb).name(db + "_public_orders")).table()))
                .endsWith("channel:string");
    }

    @Test
    void aWildcardSchemaFindsEverySchemasTables() throws Exception {
        String catalogDb = unique("pg");
        String name = unique("PgAll");
        glue.createCrawler(r -> r.name(name).role("r").databaseName(catalogDb)
                .targets(CrawlerTargets.builder().jdbcTargets(JdbcTarget.builder().connectionName("warehouse")
                        .path(db + "/%/%").exclusions("public/*").build()).build()));
        crawl(name);
        assertThat(tables(catalogDb)).extracting(Table::name).containsExactly(db + "_sales_refunds");
    }
}
