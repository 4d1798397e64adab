package io.mortar.store.jdbc.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.StoreDialect;
import io.mortar.store.jdbc.StoreOpenException;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.catalog.PartitionValueKey;
import io.mortar.store.jdbc.testing.StoreBackend;
import io.mortar.store.jdbc.testing.StoreInspection;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The schema's migrations on both databases: each applied once and recorded with its checksum; an applied script
 * edited afterwards refused; and stores made before Flyway (history in {@code schema_version}) baselined where they
 * stood and brought up to date in place.
 */
@ParameterizedClass
@EnumSource(StoreBackend.class)
class SchemaMigrationsTest {
    private static final List<String> COMMON_VERSIONS = List.of("1", "2", "2.1", "2.2", "3", "4", "5", "6", "7", "8",
            "10", "11", "12", "13", "14", "15", "16", "17", "18");

    @Parameter
    StoreBackend backend;

    private StoreSettings settings;

    /** Every migration the backend under test applies, in order: the common ones, and PostgreSQL's own V9. */
    private List<String> versions() {
        return backend == StoreBackend.POSTGRESQL
                ? Stream.concat(COMMON_VERSIONS.stream(), Stream.of("9"))
                        .sorted(Comparator.comparing(BigDecimal::new)).toList()
                : COMMON_VERSIONS;
    }

    private StoreSettings store() {
        Path dir = StoreBackend.tempDir("store-migrations");
        settings = backend.create(dir);
        return settings;
    }

    @AfterEach
    void dispose() {
        if (settings != null) {
            backend.dispose(settings);
        }
    }

    @Test
    void everyMigrationIsAppliedOnceAndRecordedWithItsChecksum() throws SQLException {
        StoreSettings store = store();
        JdbcStores.open(store).close();
        List<String> first = history(store);
        JdbcStores.open(store).close(); // reopening applies nothing twice

        assertThat(history(store)).isEqualTo(first);
        assertThat(first).extracting(row -> row.split(" ")[0]).containsExactlyElementsOf(versions());
        // every SQL script carries its checksum; the Java step (2.1) is code, versioned by its class
        assertThat(first).filteredOn(row -> !row.startsWith("2.1 ")).allSatisfy(row ->
                assertThat(row).matches("[0-9.]+ SQL V[0-9_]+__\\w+\\.sql -?[0-9]+ true"));
        assertThat(first).filteredOn(row -> row.startsWith("2.1 ")).singleElement()
                .satisfies(row -> assertThat(row).startsWith("2.1 JDBC"));
        assertThat(tableExists(store, "schema_version")).isFalse();
    }

    @Test
    void anAppliedScriptEditedAfterwardsIsRefusedNamingIt() throws SQLException {
        StoreSettings store = store();
        JdbcStores.open(store).close();
        StoreInspection.simulateEditedMigration(store, "3"); // V3__jobs.sql edited after the store applied it

        assertThatThrownBy(() -> JdbcStores.open(store))
                .isInstanceOf(StoreOpenException.class)
                .hasMessageContaining("checksum mismatch for migration version 3")
                .hasMessageContaining("Never edit an applied migration")
                .hasMessageNotContaining("repair"); // Flyway's advice; ours is to restore the script
        assertThat(history(store)).hasSize(versions().size()); // and nothing was applied or recorded
    }

    /** A store of any release before Flyway: its schema_version said how far it was; Flyway takes over from there. */
    @ParameterizedTest
    @ValueSource(strings = {"3", "7"})
    void aStoreMadeBeforeFlywayIsBaselinedWhereItStoodAndMigratedInPlace(String legacyVersion) throws SQLException {
        StoreSettings store = store();
        makeLegacyStore(store, legacyVersion);
        try (Connection c = StoreBackend.connect(store); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO databases (name, document, create_time) VALUES ('kept', '{}', 1)");
        }

        JdbcStores.open(store).close();

        List<String> versions = history(store).stream().map(row -> row.split(" ")[0]).toList();
        assertThat(versions.get(0)).isEqualTo(legacyVersion); // the baseline
        assertThat(versions.subList(1, versions.size()))
                .containsExactlyElementsOf(versions().subList(versions().indexOf(legacyVersion) + 1, versions().size()));
        assertThat(history(store).get(0)).contains("BASELINE");
        assertThat(tableExists(store, "schema_version")).isFalse();
        try (Connection c = StoreBackend.connect(store); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM databases")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("kept");
        }
    }

    /**
     * A store made by the first release (partitions unique by value_hash) is migrated to value_key, and each row's key
     * is exactly what the store computes for lookups, long value lists with characters outside the BMP included (SQL
     * would count those differently).
     */
    @Test
    void aFirstReleaseStoreMigratesToValueKeys() throws SQLException {
        StoreSettings store = store();
        List<String> valueLists = List.of("[\"2024\",\"eu\"]",
                "[\"" + "x".repeat(150) + "\uD83D\uDE00".repeat(10) + "\"]",
                "[\"" + "\uD83D\uDE00".repeat(79) + "\"]");
        makeLegacyStore(store, "1");
        try (Connection c = StoreBackend.connect(store);
             var insert = c.prepareStatement("INSERT INTO partitions (table_id, value_hash, value_list,"
                     + " uncastable, segment, create_time) VALUES (1, ?, ?, 0, 0, 0)")) {
            for (String list : valueLists) {
                insert.setString(1, "hash-of-" + list.hashCode());
                insert.setString(2, list);
                insert.executeUpdate();
            }
        }

        JdbcStores.open(store).close(); // applies V2 and later

        try (Connection c = StoreBackend.connect(store);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT value_list, value_key FROM partitions ORDER BY id")) {
            List<String> lists = new ArrayList<>();
            while (rs.next()) {
                assertThat(rs.getString(2)).isEqualTo(PartitionValueKey.of(rs.getString(1)));
                lists.add(rs.getString(1));
            }
            assertThat(lists).containsExactlyElementsOf(valueLists);
            assertThat(PartitionValueKey.of(valueLists.get(1))).contains("#"); // the hashed form was covered
            assertThatThrownBy(() -> c.createStatement().executeQuery("SELECT value_hash FROM partitions"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> c.createStatement().executeUpdate("INSERT INTO partitions (table_id,"
                    + " value_key, value_list, uncastable, segment, create_time) VALUES (1, '[\"2024\",\"eu\"]',"
                    + " '[]', 0, 0, 0)")).isInstanceOf(SQLException.class); // value_key is unique per table
        }
    }

    /**
     * The schema as the release before Flyway left it at {@code version}: the same scripts applied, and its history
     * in {@code schema_version} (version, script name, time applied) instead of Flyway's table.
     */
    private static void makeLegacyStore(StoreSettings store, String version) throws SQLException {
        new SchemaMigrations(StoreDialect.fromJdbcUrl(store.url()))
                .migrate(StoreBackend.dataSource(store), MigrationVersion.fromVersion(version));
        List<String> scripts = history(store).stream().map(row -> row.split(" ")[2]).toList();
        try (Connection c = StoreBackend.connect(store); Statement st = c.createStatement()) {
            st.execute("DROP TABLE flyway_schema_history");
            st.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                    + " applied_time BIGINT NOT NULL)");
            for (int v = 1; v <= Integer.parseInt(version); v++) {
                String script = scripts.stream().filter(s -> s.startsWith("V")).toList().get(v - 1);
                st.execute("INSERT INTO schema_version VALUES (" + v + ", '" + script + "', 0)");
            }
        }
    }

    /** Flyway's history, one "version type script checksum success" line per row, in the order applied. */
    private static List<String> history(StoreSettings store) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = StoreBackend.connect(store); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, type, script, checksum, success"
                     + " FROM flyway_schema_history ORDER BY installed_rank")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
                        + rs.getBoolean(5));
            }
        }
        return rows;
    }

    private static boolean tableExists(StoreSettings store, String table) throws SQLException {
        try (Connection c = StoreBackend.connect(store);
             ResultSet rs = c.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
            return rs.next();
        }
    }
}
