package io.mortar.server.clients;

import static io.mortar.server.clients.IcebergCatalogs.namespaces;
import static io.mortar.server.clients.IcebergTables.SCHEMA;
import static io.mortar.server.clients.IcebergTables.SPEC;
import static io.mortar.server.clients.IcebergTables.assertLinearHistory;
import static io.mortar.server.clients.IcebergTables.dataFile;
import static io.mortar.server.clients.IcebergTables.dataFiles;
import static io.mortar.server.clients.IcebergTables.metadataHistory;
import static io.mortar.server.clients.IcebergTables.metadataLocation;
import static io.mortar.server.clients.IcebergTables.snapshots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.aws.AwsProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.inmemory.InMemoryFileIO;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.TableVersion;

/**
 * Apache Iceberg's own GlueCatalog, configured as a user configures it ({@code glue.endpoint}, region,
 * static credentials, the URLConnection HTTP client, an in-memory FileIO so no S3 is needed), against Mortar. Each
 * test also checks what Mortar holds, through a plain SDK client: the Glue table's {@code metadata_location}, its
 * {@code VersionId}, its archived versions.
 *
 * <p>The heart of it is Iceberg's commit protocol: GlueTableOperations reads the Glue table, checks that
 * {@code metadata_location} is still its base, and sends {@code UpdateTable} with the {@code VersionId} it read, so
 * that Glue refuses the second of two racing commits with {@code ConcurrentModificationException}, which Iceberg
 * turns into {@link CommitFailedException} and retries on the new base. If Mortar let both through, one commit
 * would be silently lost: the tests line two commits up on the same base with a {@link GlueRelay} and demand that
 * every commit that reported success is in the final table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IcebergGlueCatalogContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long COMMIT_WAIT_SECONDS = 60;

    private TestServer server;
    private GlueRelay relay;
    private GlueClient glue;
    private IcebergCatalogs catalogs;
    private final ExecutorService writers = Executors.newCachedThreadPool();
    private int exchangesBefore;

    protected abstract StoreBackend backend();

    @BeforeAll
    void start() {
        server = TestServer.start(backend());
        relay = GlueRelay.to(server.endpoint());
        glue = server.client();
        catalogs = new IcebergCatalogs(relay.endpoint(), server.dataDir().resolve("warehouse").toString(),
                TestServer.rootCredentials(server.dataDir()).resolveCredentials());
    }

    @AfterAll
    void stop() {
        writers.shutdownNow();
        if (catalogs != null) {
            catalogs.close();
        }
        if (glue != null) {
            glue.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void markTheRecording() {
        exchangesBefore = relay.exchanges().size();
    }

    /** Whatever a test did, Mortar must never have answered it with a server error. */
    @AfterEach
    void mortarNeverFailed() {
        assertThat(since(relay.exchanges(), exchangesBefore)).as(relay::transcript).noneMatch(e -> e.status() >= 500);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void namespaceAndPartitionedTableLifecycle() {
        Catalog catalog = catalog("lifecycle", Map.of());
        Namespace namespace = Namespace.of("shop");
        namespaces(catalog).createNamespace(namespace, Map.of("comment", "events of the shop", "owner", "analytics"));

        var database = glue.getDatabase(b -> b.name("shop")).database();
        assertThat(database.description()).isEqualTo("events of the shop");
        assertThat(database.parameters()).containsEntry("owner", "analytics");
        assertThat(namespaces(catalog).listNamespaces()).contains(namespace);
        assertThatThrownBy(() -> namespaces(catalog).createNamespace(namespace))
                .isInstanceOf(AlreadyExistsException.class);
        namespaces(catalog).setProperties(namespace, Map.of("tier", "gold"));
        assertThat(namespaces(catalog).loadNamespaceMetadata(namespace))
                .containsEntry("comment", "events of the shop").containsEntry("owner", "analytics")
                .containsEntry("tier", "gold");

        TableIdentifier id = TableIdentifier.of(namespace, "events");
        Table table = catalog.createTable(id, SCHEMA, SPEC, Map.of("owner", "analytics"));
        var created = glueTable("shop", "events");
        assertThat(created.parameters()).containsEntry("metadata_location", metadataLocation(table));
        assertThat(created.parameters().get("table_type")).isEqualToIgnoringCase("ICEBERG");
        assertThat(created.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(created.storageDescriptor().location()).isEqualTo(table.location());
        assertThat(created.storageDescriptor().columns()).extracting(Column::name, Column::type).containsExactly(
                tuple("id", "bigint"),
                tuple("region", "string"),
                tuple("event_time", "timestamp"),
                tuple("amount", "decimal(10,2)"));
        assertThat(catalog.listTables(namespace)).containsExactly(id);
        long createdVersion = Long.parseLong(created.versionId());

        DataFile eu = dataFile(table, "eu-1", "eu", "2025-03-01");
        DataFile us = dataFile(table, "us-1", "us", "2025-03-01");
        DataFile eu2 = dataFile(table, "eu-2", "eu", "2025-03-02");
        table.newAppend().appendFile(eu).commit();
        table.newAppend().appendFile(us).appendFile(eu2).commit();

        // a second catalog (another process, in effect) sees both commits
        Table reloaded = catalog("lifecycle-reader", Map.of()).loadTable(id);
        List<Snapshot> snapshots = snapshots(reloaded);
        assertThat(snapshots).hasSize(2);
        assertThat(snapshots.get(1).parentId()).isEqualTo(snapshots.get(0).snapshotId());
        assertThat(dataFiles(reloaded)).containsExactlyInAnyOrder(eu.location(), us.location(), eu2.location());
        assertThat(dataFiles(reloaded, "eu")).containsExactlyInAnyOrder(eu.location(), eu2.location());
        assertThat(reloaded.spec().fields()).hasSize(2);

        var committed = glueTable("shop", "events");
        assertThat(committed.parameters())
                .containsEntry("metadata_location", metadataLocation(reloaded))
                .containsEntry("previous_metadata_location", previousMetadataLocation(reloaded));
        assertThat(Long.parseLong(committed.versionId())).isEqualTo(createdVersion + 2);

        // schema evolution reaches Glue's columns too
        reloaded.updateSchema().addColumn("note", Types.StringType.get()).commit();
        var evolved = glueTable("shop", "events");
        assertThat(evolved.storageDescriptor().columns()).extracting(Column::name)
                .containsExactly("id", "region", "event_time", "amount", "note");
        assertThat(Long.parseLong(evolved.versionId())).isEqualTo(createdVersion + 3);
        assertThat(catalog.loadTable(id).schema().findField("note")).isNotNull();
    }

    @Test
    void aWriterOnAStaleBaseRetriesOntoTheNewOneAndLosesNothing() {
        TableIdentifier id = newTable("stale", Map.of());
        Table first = catalog("stale-a", Map.of()).loadTable(id);
        Table second = catalog("stale-b", Map.of()).loadTable(id);
        long before = glueVersion(id);

        DataFile a = dataFile(first, "a", "eu", "2025-01-01");
        DataFile b = dataFile(second, "b", "us", "2025-01-01");
        first.newAppend().appendFile(a).commit();
        // `second` still holds the old base: Iceberg must notice (Glue's metadata_location moved) and retry
        second.newAppend().appendFile(b).commit();

        Table reloaded = catalog("stale-reader", Map.of()).loadTable(id);
        assertThat(dataFiles(reloaded)).as(relay::transcript).containsExactlyInAnyOrder(a.location(), b.location());
        assertLinearHistory(reloaded, 2);
        assertThat(glueVersion(id)).isEqualTo(before + 2);
        assertThat(glueTable(id).parameters()).containsEntry("metadata_location", metadataLocation(reloaded));
    }

    @Test
    void twoTransactionsFromOneBaseCommittedOneAfterTheOtherBothLand() {
        TableIdentifier id = newTable("transactions", Map.of());
        Table table = catalog("transactions", Map.of()).loadTable(id);
        long before = glueVersion(id);
        Transaction first = table.newTransaction();
        Transaction second = table.newTransaction();
        DataFile a = dataFile(table, "a", "eu", "2025-06-01");
        DataFile b = dataFile(table, "b", "us", "2025-06-01");
        first.newAppend().appendFile(a).commit();
        first.updateProperties().set("written-by", "first").commit();
        second.newAppend().appendFile(b).commit();

        first.commitTransaction();
        // `second` was started on the same base: Iceberg finds Glue moved on, refreshes and replays it
        second.commitTransaction();

        Table reloaded = catalog("transactions-reader", Map.of()).loadTable(id);
        assertThat(dataFiles(reloaded)).containsExactlyInAnyOrder(a.location(), b.location());
        assertThat(reloaded.properties()).containsEntry("written-by", "first");
        assertLinearHistory(reloaded, 2);
        // one Glue update per transaction, however many operations each held
        assertThat(glueVersion(id)).isEqualTo(before + 2);
    }

    @Test
    void aCreateTableTransactionPublishesTableAndDataTogether() {
        Catalog catalog = catalog("create-transaction", Map.of());
        namespaces(catalog).createNamespace(Namespace.of("staged"));
        TableIdentifier id = TableIdentifier.of("staged", "events");
        Transaction create = catalog.newCreateTableTransaction(id, SCHEMA, SPEC, Map.of());
        DataFile file = dataFile(create.table(), "first", "eu", "2025-07-01");
        create.newAppend().appendFile(file).commit();
        assertThatThrownBy(() -> glueTable(id)).as("nothing is visible before the transaction commits")
                .isInstanceOf(EntityNotFoundException.class);

        create.commitTransaction();

        Table table = catalog("create-transaction-reader", Map.of()).loadTable(id);
        assertThat(dataFiles(table)).containsExactly(file.location());
        assertThat(glueTable(id).parameters()).containsEntry("metadata_location", metadataLocation(table));
    }

    /** Two writers, one base, both UpdateTable calls released at once (Iceberg's default glue.skip-archive=true). */
    @Test
    void twoCommitsFromOneBaseAtTheSameInstantBothLand() throws Exception {
        raceTwoCommits(true);
    }

    /** The same with glue.skip-archive=false: each replaced definition is also archived as a Glue table version. */
    @Test
    void twoArchivingCommitsFromOneBaseAtTheSameInstantBothLand() throws Exception {
        raceTwoCommits(false);
    }

    private void raceTwoCommits(boolean skipArchive) throws Exception {
        Map<String, String> options = Map.of(AwsProperties.GLUE_CATALOG_SKIP_ARCHIVE, Boolean.toString(skipArchive));
        TableIdentifier id = newTable("race_" + (skipArchive ? "skip" : "archive"), options);
        long created = glueVersion(id);
        Table left = catalog("race-left-" + skipArchive, options).loadTable(id);
        Table right = catalog("race-right-" + skipArchive, options).loadTable(id);
        assertThat(metadataLocation(left)).isEqualTo(metadataLocation(right));
        DataFile l = dataFile(left, "left", "eu", "2025-02-01");
        DataFile r = dataFile(right, "right", "us", "2025-02-01");

        int updatesBefore = relay.exchanges("UpdateTable").size();
        GlueRelay.Hold hold = relay.holdTogether("UpdateTable", 2);
        Future<?> leftCommit = writers.submit(() -> left.newAppend().appendFile(l).commit());
        Future<?> rightCommit = writers.submit(() -> right.newAppend().appendFile(r).commit());
        await(leftCommit);
        await(rightCommit);

        assertThat(hold.metInFull()).as("both UpdateTable calls were released together\n%s", relay.transcript())
                .isTrue();
        List<GlueRelay.Exchange> updates = since(relay.exchanges("UpdateTable"), updatesBefore);
        assertOneWonOneWasRefused(updates.subList(0, 2), created);
        // the refused writer refreshed, re-applied its append on the new base and committed once more
        assertThat(updates).as(relay::transcript).hasSize(3);
        assertThat(updates.get(2).status()).as(relay::transcript).isEqualTo(200);

        Table reloaded = catalog("race-reader-" + skipArchive, options).loadTable(id);
        assertThat(dataFiles(reloaded)).as(relay::transcript).containsExactlyInAnyOrder(l.location(), r.location());
        assertLinearHistory(reloaded, 2);
        var finalGlue = glueTable(id);
        assertThat(Long.parseLong(finalGlue.versionId())).isEqualTo(created + 2);
        assertThat(finalGlue.parameters()).containsEntry("metadata_location", metadataLocation(reloaded));

        Map<Long, String> versions = tableVersions(id);
        if (skipArchive) {
            assertThat(versions.keySet()).containsExactly(created + 2);
        } else {
            // every committed metadata file, oldest first, one Glue version each
            List<String> history = metadataHistory(reloaded);
            assertThat(versions.keySet()).containsExactly(created, created + 1, created + 2);
            assertThat(List.copyOf(versions.values())).isEqualTo(history.subList(history.size() - 3, history.size()));
        }
    }

    @Test
    void withoutRetriesTheLosingConcurrentCommitFailsCleanly() throws Exception {
        Map<String, String> noRetries = Map.of(TableProperties.COMMIT_NUM_RETRIES, "0");
        TableIdentifier id = newTable("no_retry", noRetries);
        long created = glueVersion(id);
        Table left = catalog("no-retry-left", Map.of()).loadTable(id);
        Table right = catalog("no-retry-right", Map.of()).loadTable(id);
        DataFile l = dataFile(left, "left", "eu", "2025-02-01");
        DataFile r = dataFile(right, "right", "us", "2025-02-01");

        int updatesBefore = relay.exchanges("UpdateTable").size();
        GlueRelay.Hold hold = relay.holdTogether("UpdateTable", 2);
        Future<?> leftCommit = writers.submit(() -> left.newAppend().appendFile(l).commit());
        Future<?> rightCommit = writers.submit(() -> right.newAppend().appendFile(r).commit());
        Throwable leftFailure = failureOf(leftCommit);
        Throwable rightFailure = failureOf(rightCommit);

        assertThat(hold.metInFull()).as(relay::transcript).isTrue();
        assertThat(leftFailure == null ^ rightFailure == null)
                .as("exactly one commit fails: left %s, right %s\n%s", leftFailure, rightFailure, relay.transcript())
                .isTrue();
        Throwable failure = leftFailure != null ? leftFailure : rightFailure;
        DataFile winner = leftFailure != null ? r : l;
        assertThat(failure).isInstanceOf(CommitFailedException.class)
                .hasRootCauseInstanceOf(ConcurrentModificationException.class);

        List<GlueRelay.Exchange> updates = since(relay.exchanges("UpdateTable"), updatesBefore);
        assertThat(updates).as(relay::transcript).hasSize(2);
        GlueRelay.Exchange refused = assertOneWonOneWasRefused(updates, created);

        Table reloaded = catalog("no-retry-reader", Map.of()).loadTable(id);
        assertThat(dataFiles(reloaded)).containsExactly(winner.location());
        assertLinearHistory(reloaded, 1);
        assertThat(glueVersion(id)).isEqualTo(created + 1);
        // the loser's metadata file never became the table's, and Iceberg removed it
        String orphan = metadataLocationSent(refused);
        assertThat(glueTable(id).parameters().get("metadata_location")).isEqualTo(metadataLocation(reloaded))
                .isNotEqualTo(orphan);
        assertThat(((InMemoryFileIO) reloaded.io()).fileExists(orphan)).isFalse();
    }

    @Test
    void manyWritersAppendingAtOnceLoseNoCommit() throws Exception {
        Map<String, String> patient = Map.of(TableProperties.COMMIT_NUM_RETRIES, "50",
                TableProperties.COMMIT_MIN_RETRY_WAIT_MS, "1", TableProperties.COMMIT_MAX_RETRY_WAIT_MS, "50");
        TableIdentifier id = newTable("crowd", patient);
        long created = glueVersion(id);
        int updatesBefore = relay.exchanges("UpdateTable").size();
        int writerCount = 4;
        int appendsEach = 5;

        List<Future<List<String>>> results = new ArrayList<>();
        for (int w = 0; w < writerCount; w++) {
            Table table = catalog("crowd-" + w, Map.of()).loadTable(id);
            String writer = "w" + w;
            results.add(writers.submit(appendRepeatedly(table, writer, appendsEach)));
        }
        Set<String> landed = new HashSet<>();
        for (Future<List<String>> result : results) {
            landed.addAll(result.get(COMMIT_WAIT_SECONDS * 2, TimeUnit.SECONDS));
        }

        Table reloaded = catalog("crowd-reader", Map.of()).loadTable(id);
        // every append that reported success is there, and nothing else
        assertThat(dataFiles(reloaded)).as(relay::transcript).containsExactlyInAnyOrderElementsOf(landed);
        assertLinearHistory(reloaded, landed.size());
        assertThat(glueVersion(id)).isEqualTo(created + landed.size());
        List<GlueRelay.Exchange> updates = since(relay.exchanges("UpdateTable"), updatesBefore);
        assertThat(updates.stream().filter(e -> e.status() == 200)).hasSize(landed.size());
        assertThat(updates.stream().filter(e -> e.status() != 200))
                .allMatch(e -> "ConcurrentModificationException".equals(e.errorType()));
        assertThat(landed).as("with 50 retries every writer gets through").hasSize(writerCount * appendsEach);
    }

    @Test
    void renameDropAndNamespaceRemoval() {
        Catalog catalog = catalog("moves", Map.of());
        TableIdentifier from = newTable("moves", Map.of());
        Table table = catalog.loadTable(from);
        DataFile file = dataFile(table, "kept", "eu", "2025-04-01");
        table.newAppend().appendFile(file).commit();
        String location = metadataLocation(catalog.loadTable(from));

        TableIdentifier to = TableIdentifier.of(from.namespace(), "renamed");
        catalog.renameTable(from, to);
        assertThatThrownBy(() -> glueTable(from)).isInstanceOf(EntityNotFoundException.class);
        assertThat(glueTable(to).parameters()).containsEntry("metadata_location", location);
        assertThat(catalog.tableExists(from)).isFalse();
        assertThat(dataFiles(catalog.loadTable(to))).containsExactly(file.location());

        assertThatThrownBy(() -> namespaces(catalog).dropNamespace(from.namespace()))
                .isInstanceOf(NamespaceNotEmptyException.class);
        assertThat(catalog.dropTable(to, false)).isTrue();
        assertThatThrownBy(() -> glueTable(to)).isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> catalog.loadTable(to)).isInstanceOf(NoSuchTableException.class);
        assertThat(catalog.dropTable(to, false)).isFalse();

        assertThat(namespaces(catalog).dropNamespace(from.namespace())).isTrue();
        assertThat(namespaces(catalog).namespaceExists(from.namespace())).isFalse();
        String database = from.namespace().level(0);
        assertThatThrownBy(() -> glue.getDatabase(b -> b.name(database))).isInstanceOf(EntityNotFoundException.class);
    }

    // ------------------------------------------------------------------ fixtures

    private Catalog catalog(String name, Map<String, String> options) {
        return catalogs.open(name, options);
    }

    /** A namespace of its own holding one empty partitioned table with the given table properties. */
    private TableIdentifier newTable(String namespace, Map<String, String> tableProperties) {
        Catalog catalog = catalogs.open("setup-" + namespace);
        namespaces(catalog).createNamespace(Namespace.of(namespace));
        TableIdentifier id = TableIdentifier.of(namespace, "events");
        catalog.createTable(id, SCHEMA, SPEC, tableProperties);
        return id;
    }

    private static Callable<List<String>> appendRepeatedly(Table table, String writer, int times) {
        return () -> {
            List<String> landed = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                DataFile file = dataFile(table, writer + "-" + i, "eu", "2025-05-0" + (1 + i % 9));
                try {
                    table.newAppend().appendFile(file).commit();
                    landed.add(file.location());
                } catch (CommitFailedException e) {
                    // allowed: a commit that says it failed must simply not be in the table
                }
            }
            return landed;
        };
    }

    private static String previousMetadataLocation(Table table) {
        List<String> history = metadataHistory(table);
        return history.get(history.size() - 2);
    }

    // ------------------------------------------------------------------ Mortar side

    private software.amazon.awssdk.services.glue.model.Table glueTable(TableIdentifier id) {
        return glueTable(id.namespace().level(0), id.name());
    }

    private software.amazon.awssdk.services.glue.model.Table glueTable(String database, String name) {
        return glue.getTable(b -> b.databaseName(database).name(name)).table();
    }

    private long glueVersion(TableIdentifier id) {
        return Long.parseLong(glueTable(id).versionId());
    }

    /** Version id → the metadata_location that version recorded, in version order. */
    private Map<Long, String> tableVersions(TableIdentifier id) {
        Map<Long, String> versions = new TreeMap<>();
        glue.getTableVersionsPaginator(b -> b.databaseName(id.namespace().level(0)).tableName(id.name()))
                .stream()
                .flatMap(page -> page.tableVersions().stream())
                .forEach((TableVersion v) -> versions.put(Long.parseLong(v.versionId()),
                        v.table().parameters().get("metadata_location")));
        return versions;
    }

    /**
     * Two UpdateTable calls released together: both sent the VersionId they read (the same one, {@code version}),
     * Mortar took one and refused the other with ConcurrentModificationException. Returns the refused one.
     */
    private GlueRelay.Exchange assertOneWonOneWasRefused(List<GlueRelay.Exchange> pair, long version) {
        assertThat(pair).as(relay::transcript).hasSize(2);
        for (GlueRelay.Exchange e : pair) {
            assertThat(json(e.request()).path("VersionId").asText()).as(relay::transcript)
                    .isEqualTo(Long.toString(version));
        }
        assertThat(pair).as(relay::transcript).extracting(GlueRelay.Exchange::status)
                .containsExactlyInAnyOrder(200, 400);
        GlueRelay.Exchange refused = pair.stream().filter(e -> e.status() == 400).findFirst().orElseThrow();
        assertThat(refused.errorType()).as(relay::transcript).isEqualTo("ConcurrentModificationException");
        assertThat(json(refused.response()).path("__type").asText()).endsWith("ConcurrentModificationException");
        return refused;
    }

    private static String metadataLocationSent(GlueRelay.Exchange updateTable) {
        return json(updateTable.request()).path("TableInput").path("Parameters").path("metadata_location").asText();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> List<T> since(List<T> all, int from) {
        return all.subList(from, all.size());
    }

    private void await(Future<?> commit) throws InterruptedException, TimeoutException {
        try {
            commit.get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("a commit failed: " + e.getCause() + "\n" + relay.transcript(), e.getCause());
        }
    }

    private static Throwable failureOf(Future<?> commit) throws InterruptedException, TimeoutException {
        try {
            commit.get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
