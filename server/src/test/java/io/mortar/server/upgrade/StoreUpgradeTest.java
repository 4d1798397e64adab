package io.mortar.server.upgrade;

import static io.mortar.server.upgrade.CatalogFixture.ORDERS;
import static io.mortar.server.upgrade.CatalogFixture.SALES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.mortar.server.MortarServer;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import io.mortar.store.jdbc.testing.StoreShape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.ScheduleState;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.TableVersion;

/**
 * Stores written by an older Mortar open in this one: a SQLite data directory and a PostgreSQL database that the
 * release before a storage change wrote (server/src/test/upgrade/generate-fixture.sh made them, and recorded
 * what that release answered about them as expected.json.gz) are migrated in place as a server of this build opens
 * them, and then answer every read exactly as the old release did: every table, partition, job, run, crawler,
 * crawl, classifier and connection ({@link StoreSnapshot}). A second open changes nothing, and the old store takes
 * new writes.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StoreUpgradeTest {
    private static final int DIFF_LINES = 40;

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void anOldStoreReadsBackAsTheOldReleaseAnsweredIt(StoreBackend backend) throws Exception {
        try (OldStore store = OldStore.restore(backend)) {
            try (MortarServer server = store.open(); GlueClient glue = TestServer.client(server)) {
                assertSnapshotIsExpected(backend, "first-open", glue);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void aSecondOpenAppliesNothingAndChangesNothing(StoreBackend backend) throws Exception {
        try (OldStore store = OldStore.restore(backend)) {
            store.open().close();
            StoreShape migrated = StoreShape.of(store.settings());
            // Read from where the server keeps the store: more than a few tables, and the fixture's rows in them.
            assertThat(migrated.tables()).as("tables of the migrated store").hasSizeGreaterThan(5);
            assertThat(migrated.tables().values().stream().mapToLong(StoreShape.Table::rows).sum())
                    .as("rows in the migrated store").isGreaterThan(200);

            try (MortarServer server = store.open(); GlueClient glue = TestServer.client(server)) {
                assertSnapshotIsExpected(backend, "second-open", glue);
            }
            assertThat(JsonDiff.between(migrated.json(), StoreShape.of(store.settings()).json(), DIFF_LINES))
                    .as("what the second open changed in the store's tables").isEmpty();
        }
    }

    /**
     * The old store, migrated, has exactly the schema a store made by this build from nothing has: every table,
     * column (name and type, in order) and index alike, whichever migrations (the old migrator's, then Flyway's from
     * the baseline, or Flyway's alone) made it.
     */
    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void aMigratedStoreHasTheSchemaOfANewOne(StoreBackend backend) throws Exception {
        StoreShape fresh;
        StoreSettings newStore = backend.create(StoreBackend.tempDir("mortar-new-store"));
        try {
            JdbcStores.open(newStore).close();
            fresh = StoreShape.of(newStore).schemaOnly();
        } finally {
            backend.dispose(newStore);
        }
        try (OldStore store = OldStore.restore(backend)) {
            store.open().close();
            assertThat(JsonDiff.between(fresh.json(), StoreShape.of(store.settings()).schemaOnly().json(), DIFF_LINES))
                    .as("the migrated store's schema against a new store's").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void anOldStoreTakesNewWrites(StoreBackend backend) throws Exception {
        List<String> added = List.of("2026", "zürich", "2026-03-01");
        try (OldStore store = OldStore.restore(backend)) {
            String versionBefore;
            try (MortarServer server = store.open(); GlueClient glue = TestServer.client(server)) {
                // A partition in an old table, found again through its typed keys, beside the old partitions.
                glue.createPartition(r -> r.databaseName(SALES).tableName(ORDERS).partitionInput(p -> p
                        .values(added).parameters(Map.of("written", "after the upgrade"))
                        .storageDescriptor(s -> s.location("s3://lake/sales/orders/new/"))));
                assertThat(values(glue, "year > 2025")).containsExactly(added);
                List<List<String>> zurichSince2025 = new ArrayList<>();
                CatalogFixture.YEARS.forEach(y -> zurichSince2025.add(List.of(y, "zürich", "2025-01-01")));
                zurichSince2025.add(added);
                assertThat(values(glue, "region = 'zürich' AND day >= '2025-01-01'"))
                        .containsExactlyInAnyOrderElementsOf(zurichSince2025);

                // UpdateTable on an old table archives the old definition as one more version.
                Table before = table(glue);
                versionBefore = before.versionId();
                List<TableVersion> versionsBefore = versions(glue);
                glue.updateTable(r -> r.databaseName(SALES).tableInput(TableInput.builder().name(ORDERS)
                        .description("Orders, after the upgrade").tableType(before.tableType())
                        .storageDescriptor(before.storageDescriptor()).partitionKeys(before.partitionKeys())
                        .parameters(Map.of("upgraded", "yes")).build()));
                Table after = table(glue);
                assertThat(Long.parseLong(after.versionId())).isEqualTo(Long.parseLong(versionBefore) + 1);
                assertThat(after.parameters()).isEqualTo(Map.of("upgraded", "yes"));
                assertThat(versions(glue)).hasSize(versionsBefore.size() + 1);
                assertThat(glue.getTableVersion(r -> r.databaseName(SALES).tableName(ORDERS)
                        .versionId(versionBefore)).tableVersion().table().parameters())
                        .isEqualTo(before.parameters());

                // A paused crawler's schedule changed and started again.
                glue.updateCrawlerSchedule(r -> r.crawlerName(RunsFixture.JDBC_CRAWLER)
                        .schedule("cron(15 6 1 1 ? 2199)"));
                glue.startCrawlerSchedule(r -> r.crawlerName(RunsFixture.JDBC_CRAWLER));
                assertScheduled(glue);

                // New rows take fresh ids beside the old ones, and a new password is sealed with the old key.
                glue.createDatabase(r -> r.databaseInput(d -> d.name("after_upgrade")));
                glue.createTable(r -> r.databaseName("after_upgrade").tableInput(t -> t.name("t")
                        .partitionKeys(k -> k.name("n").type("int"))));
                glue.createPartition(r -> r.databaseName("after_upgrade").tableName("t")
                        .partitionInput(p -> p.values("1")));
                glue.createConnection(r -> r.connectionInput(c -> c.name("new_pg").connectionType("JDBC")
                        .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://h/db",
                                "USERNAME", "u", "PASSWORD", "new-pässword"))));
                assertThat(password(glue, "new_pg")).isEqualTo("new-pässword");
                assertThat(password(glue, SettingsFixture.JDBC_CONNECTION)).isEqualTo(SettingsFixture.PASSWORD);
            }

            // What was written stays written.
            try (MortarServer server = store.open(); GlueClient glue = TestServer.client(server)) {
                assertThat(values(glue, "year > 2025")).containsExactly(added);
                assertThat(table(glue).parameters()).isEqualTo(Map.of("upgraded", "yes"));
                assertThat(Long.parseLong(table(glue).versionId())).isEqualTo(Long.parseLong(versionBefore) + 1);
                assertScheduled(glue);
                assertThat(glue.getPartitions(r -> r.databaseName("after_upgrade").tableName("t")
                        .expression("n = 1")).partitions()).hasSize(1);
                assertThat(password(glue, "new_pg")).isEqualTo("new-pässword");
            }
        }
    }

    /**
     * Compares the server's snapshot with the one the old release wrote. On a difference, both are written to
     * target/upgrade/ for any diff tool, and the failure lists the differing values by path.
     */
    private static void assertSnapshotIsExpected(StoreBackend backend, String when, GlueClient glue)
            throws IOException {
        String expected = OldStore.expectedSnapshot(backend);
        String actual = StoreSnapshot.text(glue, UpgradeFixture.PROBES);
        if (actual.equals(expected)) {
            return;
        }
        Path report = Path.of("target", "upgrade", backend.name().toLowerCase(Locale.ROOT) + "-" + when);
        Files.createDirectories(report);
        Files.writeString(report.resolve("expected.json"), expected, StandardCharsets.UTF_8);
        Files.writeString(report.resolve("actual.json"), actual, StandardCharsets.UTF_8);
        // Both sides parsed from their text, so that equal numbers are equal nodes.
        List<String> differences = JsonDiff.between(SnapshotJson.parse(expected), SnapshotJson.parse(actual),
                DIFF_LINES);
        fail("The " + backend + " store written by the old release reads back differently (" + when + "); both"
                + " snapshots are in " + report.toAbsolutePath() + ".\n  "
                + (differences.isEmpty() ? "(same values, different text)" : String.join("\n  ", differences)));
    }

    private static List<List<String>> values(GlueClient glue, String expression) {
        List<List<String>> out = new ArrayList<>();
        glue.getPartitionsPaginator(r -> r.databaseName(SALES).tableName(ORDERS).expression(expression))
                .forEach(page -> page.partitions().stream().map(Partition::values).forEach(out::add));
        return out;
    }

    private static Table table(GlueClient glue) {
        return glue.getTable(r -> r.databaseName(SALES).name(ORDERS)).table();
    }

    private static List<TableVersion> versions(GlueClient glue) {
        List<TableVersion> out = new ArrayList<>();
        glue.getTableVersionsPaginator(r -> r.databaseName(SALES).tableName(ORDERS))
                .forEach(page -> out.addAll(page.tableVersions()));
        return out;
    }

    private static void assertScheduled(GlueClient glue) {
        Crawler crawler = glue.getCrawler(r -> r.name(RunsFixture.JDBC_CRAWLER)).crawler();
        assertThat(crawler.schedule().scheduleExpression()).isEqualTo("cron(15 6 1 1 ? 2199)");
        assertThat(crawler.schedule().state()).isEqualTo(ScheduleState.SCHEDULED);
    }

    private static String password(GlueClient glue, String connection) {
        return glue.getConnection(r -> r.name(connection).hidePassword(false)).connection()
                .connectionPropertiesAsStrings().get("PASSWORD");
    }
}
