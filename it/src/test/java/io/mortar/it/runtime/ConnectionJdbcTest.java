package io.mortar.it.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.it.harness.ItSpark;
import io.mortar.runtime.MortarContext;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.io.JdbcConf;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.PostgresDatabases;
import io.mortar.store.jdbc.testing.StoreBackend;
import io.mortar.store.jdbc.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ConnectionInput;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;

/**
 * Jobs reach databases through catalog connections: {@code MortarContext.connection(name)} returns the JDBC
 * settings with the password (fetched from a real server, where it is stored encrypted), and JDBC sources and
 * sinks take {@code connectionName} instead of url/user/password — on a real SQLite file and the real local
 * PostgreSQL.
 */
class ConnectionJdbcTest {
    @TempDir
    static Path dir;

    private static TestServer server;
    private static GlueClient glue;
    private static MortarContext mortar;
    private static final SparkSession spark = ItSpark.get();

    @BeforeAll
    static void setUp() {
        server = TestServer.start(StoreBackend.SQLITE);
        glue = server.client();
        mortar = MortarContext.create(spark, glue);
    }

    @AfterAll
    static void tearDown() {
        if (server != null) {
            glue.close();
            server.close();
        }
    }

    private static void createConnection(String name, String url, String user, String password) {
        glue.createConnection(r -> r.connectionInput(ConnectionInput.builder().name(name).connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", url, "USERNAME", user,
                        "PASSWORD", password)).build()));
    }

    private static DynamicFrame people() {
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("name", DataTypes.StringType);
        return DynamicFrame.fromDF(spark.createDataFrame(List.of(RowFactory.create(1, "anna"),
                RowFactory.create(2, "bert")), schema), "people");
    }

    private static List<String> rows(DynamicFrame frame) {
        return frame.toDF().orderBy("id").collectAsList().stream().map(Row::mkString).toList();
    }

    @Test
    void aSqliteConnectionServesSinksAndSources() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("people.db");
        execute(url, null, null, "CREATE TABLE people (id INTEGER, name TEXT)");
        createConnection("People DB", url, "etl", "pw-1");

        JdbcConf conf = mortar.connection("People DB");
        assertThat(conf.fullUrl()).isEqualTo(url);
        assertThat(conf.user()).isEqualTo("etl");
        assertThat(conf.password()).isEqualTo("pw-1");
        assertThat(conf.vendor()).isEqualTo("sqlite");
        assertThat(conf.driver()).isEqualTo("org.sqlite.JDBC");
        assertThat(conf.toString()).doesNotContain("pw-1");

        mortar.writeToOptions(people(), "jdbc", Map.of("connectionName", "People DB", "dbtable", "people"), null,
                Map.of());
        assertThat(rows(mortar.fromOptions("jdbc", Map.of("connectionName", "People DB", "dbtable", "people"), null,
                Map.of()).dynamicFrame())).containsExactly("1anna", "2bert");

        assertThatThrownBy(() -> mortar.fromOptions("jdbc", Map.of("connectionName", "nope", "dbtable", "people"),
                null, Map.of())).isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void aPostgresqlConnectionReachesTheRealServerAndAnotherDatabaseOnIt() throws SQLException {
        TestPostgres.Login admin = TestPostgres.adminLogin();
        String database = TestPostgres.createDatabase("mortar_conn");
        try {
            String adminBase = admin.url();
            String dbName = PostgresDatabases.databaseName(database);
            execute(database, null, null, "CREATE TABLE people (id INTEGER, name TEXT)");
            // The connection names the admin database; the job picks its own database with the 'database' option.
            createConnection("warehouse", adminBase, admin.user(), admin.password());

            JdbcConf conf = mortar.connection("warehouse");
            assertThat(conf.vendor()).isEqualTo("postgresql");
            assertThat(conf.url()).isEqualTo(adminBase.substring(0, adminBase.lastIndexOf('/')));

            mortar.writeToOptions(people(), "postgresql", Map.of("connectionName", "warehouse", "database", dbName,
                    "dbtable", "people"), null, Map.of());
            assertThat(rows(mortar.fromOptions("postgresql", Map.of("connectionName", "warehouse",
                    "database", dbName, "dbtable", "people"), null, Map.of()).dynamicFrame()))
                    .containsExactly("1anna", "2bert");

            createConnection("wrong", adminBase, admin.user(), admin.password() + "-wrong");
            assertThatThrownBy(() -> mortar.fromOptions("postgresql", Map.of("connectionName", "wrong",
                    "database", dbName, "dbtable", "people"), null, Map.of()).dataFrame())
                    .hasStackTraceContaining("password authentication failed");
        } finally {
            TestPostgres.dropDatabase(database);
        }
    }

    private static void execute(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = user == null ? DriverManager.getConnection(url)
                : DriverManager.getConnection(url, user, password)) {
            c.createStatement().execute(sql);
        }
    }
}
