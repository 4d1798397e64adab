package io.mortar.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.catalog.expression.PartitionKey;
import io.mortar.catalog.testing.StoreBackend;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Store behaviour below the services: migrations, atomicity, shared storage descriptors. Both backends. */
class JdbcCatalogStoreTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final List<PartitionKey> KEYS = List.of(new PartitionKey("year", "int"),
            new PartitionKey("region", "string"));

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void migrationsApplyOnceAndAreRecorded(StoreBackend backend) throws SQLException {
        Path dir = StoreBackend.tempDir("store-test");
        StoreSettings settings = backend.create(dir);
        try {
            new JdbcCatalogStore(settings).close();
            new JdbcCatalogStore(settings).close(); // reopening applies nothing twice

            try (Connection c = connect(settings);
                 ResultSet rs = c.createStatement().executeQuery("SELECT version, name FROM schema_version")) {
                List<String> applied = new ArrayList<>();
                while (rs.next()) {
                    applied.add(rs.getInt(1) + ":" + rs.getString(2));
                }
                assertThat(applied).containsExactly("1:V1__catalog.sql");
            }
        } finally {
            backend.dispose(settings);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void aFailedCreateTableLeavesNoTableBehind(StoreBackend backend) {
        Path dir = StoreBackend.tempDir("store-test");
        StoreSettings settings = backend.create(dir);
        try (JdbcCatalogStore store = new JdbcCatalogStore(settings)) {
            store.createDatabase("db", "{\"Name\":\"db\"}", NOW, "arn:db", null);
            StoredPartitionIndex index = new StoredPartitionIndex("by_year", List.of("year"), List.of(0), "ACTIVE");

            // the second index fails after the table row and the first index were written in the transaction
            assertThatThrownBy(() -> store.createTable("db", "t", "{\"Name\":\"t\"}", NOW, List.of(index, index)))
                    .isInstanceOfSatisfying(GlueException.class,
                            e -> assertThat(e.code()).isEqualTo(GlueErrorCode.ALREADY_EXISTS));

            assertThat(store.getTable("db", "t")).isEmpty();
            store.createTable("db", "t", "{\"Name\":\"t\"}", NOW, List.of(index)); // and the name is free again
            assertThat(store.getPartitionIndexes(store.getTable("db", "t").orElseThrow().id())).hasSize(1);
        } finally {
            backend.dispose(settings);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void partitionsShareOneStorageDescriptorRowPerDistinctContent(StoreBackend backend) throws SQLException {
        Path dir = StoreBackend.tempDir("store-test");
        StoreSettings settings = backend.create(dir);
        try (JdbcCatalogStore store = new JdbcCatalogStore(settings)) {
            store.createDatabase("db", "{\"Name\":\"db\"}", NOW, "arn:db", null);
            store.createTable("db", "t", "{\"Name\":\"t\"}", NOW, List.of());
            long tableId = store.getTable("db", "t").orElseThrow().id();
            String sd = "{\"Columns\":[{\"Name\":\"id\",\"Type\":\"bigint\"}]}";
            List<PartitionWrite> writes = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                writes.add(new PartitionWrite(List.of(Integer.toString(2000 + i), "eu"), "s3://b/y=" + i, sd, null,
                        null, null));
            }
            writes.add(new PartitionWrite(List.of("1999", "us"), "s3://b/other", "{\"Columns\":[]}", null, null, null));

            assertThat(store.createPartitions(tableId, KEYS, writes, NOW)).isEmpty();

            try (Connection c = connect(settings);
                 ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM storage_descriptors")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            List<StoredPartition> read = store.getPartitions(tableId, List.of(List.of("2007", "eu")));
            assertThat(read).singleElement().satisfies(p -> {
                assertThat(p.location()).isEqualTo("s3://b/y=7");
                assertThat(p.storageDescriptor()).isEqualTo(sd);
            });
        } finally {
            backend.dispose(settings);
        }
    }

    private static Connection connect(StoreSettings settings) throws SQLException {
        Properties props = new Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
            props.setProperty("password", settings.password());
        }
        return DriverManager.getConnection(settings.url(), props);
    }
}
