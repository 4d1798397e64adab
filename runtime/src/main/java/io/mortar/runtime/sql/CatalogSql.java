package io.mortar.runtime.sql;

import io.mortar.runtime.io.CatalogUpdater;
import io.mortar.runtime.io.CsvOptions;
import io.mortar.runtime.io.DataFormat;
import io.mortar.runtime.io.FileSink;
import io.mortar.runtime.io.GlueCatalog;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark SQL with the Glue catalog behind it. Before a statement runs, the Glue tables and databases it names are
 * mirrored into the session ({@link SessionCatalogMirror}); after a {@code CREATE TABLE [AS SELECT]} or an
 * {@code INSERT} into a database that exists in Glue, the table and its partitions are registered in Glue, so the
 * next job (or a crawler, Athena, …) sees them.
 */
public final class CatalogSql {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogSql.class);

    /** A catalog table's bookmarked read ({@code database}, {@code table}), or empty when it is read whole. */
    @FunctionalInterface
    public interface BookmarkedTables {
        Optional<Dataset<Row>> read(String database, String table);
    }

    private final SparkSession spark;
    private final GlueCatalog catalog;
    private final SessionCatalogMirror mirror;
    private final BookmarkedTables bookmarked;

    public CatalogSql(SparkSession spark, GlueCatalog catalog) {
        this(spark, catalog, (database, table) -> Optional.empty());
    }

    /**
     * With job bookmarks: the catalog tables a statement reads (not those it writes) are read through
     * {@code bookmarked}, so a SQL script reads only their new data.
     */
    public CatalogSql(SparkSession spark, GlueCatalog catalog, BookmarkedTables bookmarked) {
        this.spark = spark;
        this.catalog = catalog;
        this.mirror = new SessionCatalogMirror(spark, catalog);
        this.bookmarked = bookmarked;
    }

    public Dataset<Row> sql(String statement) {
        LogicalPlan parsed = SparkCalls.parse(spark, statement);
        TableReferences refs = TableReferences.of(parsed);
        prepare(refs);
        Map<String, LogicalPlan> reads = bookmarkedReads(refs);
        Dataset<Row> result = reads.isEmpty() ? spark.sql(statement)
                : SparkCalls.execute(spark, BookmarkedReads.rewrite(parsed, currentDatabase(), reads));
        if (refs.written() != null) {
            register(refs.written());
        }
        return result;
    }

    public void expose(String database, String table) {
        // a missing table fails here, with the catalog's EntityNotFoundException
        mirror.table(database, table, catalog.table(database, table));
    }

    private void prepare(TableReferences refs) {
        for (String database : refs.databases()) {
            mirror.database(database);
        }
        Set<TableReferences.Name> names = new LinkedHashSet<>(refs.tables());
        if (refs.written() != null) {
            names.add(refs.written());
        }
        for (TableReferences.Name name : names) {
            if (name.database() == null && spark.catalog().tableExists(name.table())
                    && !mirror.isMirror(currentDatabase(), name.table())) {
                continue; // a temporary view or a table of this session shadows the catalog
            }
            mirror.table(name.database() == null ? currentDatabase() : name.database(), name.table());
        }
    }

    /** The bookmarked reads of the Glue tables the statement reads and does not write, by lower-case db.table. */
    private Map<String, LogicalPlan> bookmarkedReads(TableReferences refs) {
        Map<String, LogicalPlan> reads = new LinkedHashMap<>();
        for (TableReferences.Name name : refs.tables()) {
            if (name.equals(refs.written())) {
                continue;
            }
            String database = name.database() == null ? currentDatabase() : name.database();
            if (!mirror.isMirror(database, name.table())) {
                continue; // not a Glue table (a view or table of this session)
            }
            bookmarked.read(database, name.table()).ifPresent(df -> reads.put(
                    (database + "." + name.table()).toLowerCase(Locale.ROOT),
                    df.queryExecution().analyzed()));
        }
        return reads;
    }

    /** After a statement that wrote {@code name}: the table and its partitions, in Glue. */
    private void register(TableReferences.Name name) {
        String database = name.database() == null ? currentDatabase() : name.database();
        if (catalog.findDatabase(database).isEmpty()) {
            return;
        }
        SessionCatalog session = spark.sessionState().catalog();
        TableIdentifier id = new TableIdentifier(name.table(), Option.apply(database));
        if (!session.tableExists(id)) {
            return;
        }
        var table = SparkCalls.tableMetadata(spark, id);
        String provider = table.provider().isDefined() ? table.provider().get() : "hive";
        DataFormat format;
        try {
            format = DataFormat.named(provider);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}.{} is a {} table, which Mortar cannot register in the catalog", database, name.table(),
                    provider);
            return;
        }
        if (table.location() == null) {
            return;
        }
        String location = table.location().toString();
        List<String> keys = List.copyOf(CollectionConverters.asJava(table.partitionColumnNames()));
        Map<String, String> options = CollectionConverters.asJava(table.storage().properties());
        CsvOptions csv = format == DataFormat.CSV ? CsvOptions.fromSparkOptions(options) : CsvOptions.defaults();
        String compression = options.get("compression");
        List<List<String>> partitions = new FileSink(spark.sparkContext().hadoopConfiguration())
                .partitionFolders(location, keys);
        var result = new CatalogUpdater(catalog).update(database, name.table(), new CatalogUpdater.Written(location,
                table.schema(), format, csv, compression, keys, partitions), true);
        LOG.info("Registered {} in the catalog: created {}, {} new partitions", result.catalogTable(),
                result.tableCreated(), result.partitionsAdded());
    }

    private String currentDatabase() {
        return spark.catalog().currentDatabase();
    }
}
