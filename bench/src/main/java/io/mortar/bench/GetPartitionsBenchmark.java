package io.mortar.bench;

import io.mortar.catalog.Catalog;
import io.mortar.catalog.CatalogIdentity;
import io.mortar.model.GlueJson;
import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionRequest;
import software.amazon.awssdk.services.glue.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;

/**
 * The server side of GetPartitions without HTTP, split in its two halves: the service call (SQL on an SQLite
 * store, rows to SDK objects) and writing the response as Glue JSON, for the selective (100) and the wide
 * (1,000) query of the end-to-end benchmark over a table of {@code partitions} partitions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class GetPartitionsBenchmark {
    @Param({"100000"})
    public int partitions;

    private Path dataDir;
    private JdbcStores stores;
    private Catalog catalog;
    private GetPartitionsRequest selective;
    private GetPartitionsRequest wide;
    private GetPartitionsResponse wideResponse;

    @Setup(Level.Trial)
    public void load() throws IOException {
        dataDir = Files.createTempDirectory("mortar-jmh-");
        stores = JdbcStores.open(StoreSettings.sqliteIn(dataDir));
        catalog = new Catalog(stores.catalog(), CatalogIdentity.DEFAULT, Clock.systemUTC());
        catalog.databases().createDatabase(CreateDatabaseRequest.builder()
                .databaseInput(d -> d.name(PartitionDataSet.DATABASE)).build());
        catalog.tables().createTable(CreateTableRequest.builder().databaseName(PartitionDataSet.DATABASE)
                .tableInput(PartitionDataSet.table()).build());
        for (long i = 0; i < partitions; i += 1000) {
            catalog.partitions().batchCreatePartition(BatchCreatePartitionRequest.builder()
                    .databaseName(PartitionDataSet.DATABASE).tableName(PartitionDataSet.TABLE)
                    .partitionInputList(PartitionDataSet.partitions(i, Math.min(partitions, i + 1000))).build());
        }
        selective = request(PartitionDataSet.selectiveExpression(partitions));
        wide = request(PartitionDataSet.wideExpression(partitions));
        wideResponse = catalog.partitions().getPartitions(wide);
        if (wideResponse.partitions().size() != PartitionDataSet.WIDE_RESULTS) {
            throw new IllegalStateException("wide query returned " + wideResponse.partitions().size());
        }
    }

    private static GetPartitionsRequest request(String expression) {
        return GetPartitionsRequest.builder().databaseName(PartitionDataSet.DATABASE)
                .tableName(PartitionDataSet.TABLE).expression(expression).maxResults(1000).build();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        stores.close();
        FileUtils.deleteDirectory(dataDir.toFile());
    }

    @Benchmark
    public GetPartitionsResponse serviceSelective() {
        return catalog.partitions().getPartitions(selective);
    }

    @Benchmark
    public GetPartitionsResponse serviceWide() {
        return catalog.partitions().getPartitions(wide);
    }

    @Benchmark
    public byte[] writeWideResponse() {
        return GlueJson.write(wideResponse);
    }
}
