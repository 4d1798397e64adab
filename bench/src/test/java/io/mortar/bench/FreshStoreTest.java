package io.mortar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mortar.store.jdbc.PostgresDatabases;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class FreshStoreTest {
    private static final String PG = System.getenv("MORTAR_TEST_PG_URL");

    @Test
    void anSqliteStoreIsAnEmptyDirectoryDeletedOnClose() throws Exception {
        FreshStore store = FreshStore.create(MortarTarget.Backend.SQLITE, null, false);

        assertThat(store.postgresUrl()).isNull();
        assertThat(store.dataDir()).isEmptyDirectory();
        Files.write(store.dataDir().resolve("catalog.db"), new byte[3 << 20]);
        assertThat(store.bytes()).isEqualTo(3 << 20);
        assertThat(store.footprint()).isEqualTo("catalog.db + WAL 3 MB");
        assertThat(ServerTarget.settings(store)).isEmpty();
        store.close();
        assertThat(store.dataDir()).doesNotExist();
    }

    @Test
    void sqliteWithNormalSyncIsTheServersOwnSetting() {
        try (FreshStore store = FreshStore.create(MortarTarget.Backend.SQLITE_NORMAL, null, false)) {
            assertThat(ServerTarget.settings(store)).containsExactly(
                    java.util.Map.entry("MORTAR_STORE_DURABLE_COMMITS", "false"));
        }
    }

    @Test
    void aPostgresStoreIsAFreshDatabaseDroppedOnClose() throws Exception {
        assumeTrue(PG != null, "MORTAR_TEST_PG_URL is not set");
        FreshStore store = FreshStore.create(MortarTarget.Backend.POSTGRESQL, PG, false);
        String database = PostgresDatabases.databaseName(store.postgresUrl());

        assertThat(database).startsWith("mortar_bench_");
        assertThat(store.postgresUrl()).isEqualTo(PostgresDatabases.withDatabase(PG, database));
        assertThat(ServerTarget.settings(store)).containsEntry("MORTAR_STORE_URL", store.postgresUrl());
        assertThat(exists(database)).isTrue();
        assertThat(store.bytes()).isPositive();
        store.vacuumAnalyze();
        store.close();
        assertThat(exists(database)).isFalse();
    }

    @Test
    void theDatabaseIsReplacedInTheUrlKeepingItsParameters() {
        String url = PostgresDatabases.withDatabase("jdbc:postgresql://127.0.0.1:5432/mortar_test?user=u&password=p", "db2");

        assertThat(url).isEqualTo("jdbc:postgresql://127.0.0.1:5432/db2?user=u&password=p");
        assertThat(PostgresDatabases.databaseName(url)).isEqualTo("db2");
        assertThat(PostgresDatabases.withDatabase("jdbc:postgresql://h/a", "b")).isEqualTo("jdbc:postgresql://h/b");
    }

    private static boolean exists(String database) throws Exception {
        try (Connection c = DriverManager.getConnection(PG); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + database + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
