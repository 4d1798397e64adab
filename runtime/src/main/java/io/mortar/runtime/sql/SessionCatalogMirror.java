package io.mortar.runtime.sql;

import io.mortar.runtime.io.CatalogTable;
import io.mortar.runtime.io.DataFormat;
import io.mortar.runtime.io.GlueCatalog;
import io.mortar.runtime.io.ReadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Makes Glue tables visible to Spark SQL as {@code database.table} by mirroring them into Spark's own session
 * catalog: the database, an external data-source table with the Glue table's columns, format, options and
 * location, and each Glue partition with its own location.
 *
 * <p>Why a mirror and not a Spark {@code TableCatalog} over Glue: Spark's V2 file tables cannot hold partitions
 * with arbitrary locations (they discover partitions from folder names), while a Glue partition's Location may
 * be anywhere. Spark's V1 session catalog keeps per-partition locations and prunes them by predicate, so a
 * mirrored table reads exactly the files Glue says, with partition pruning, and needs no Hive metastore.
 * A mirror is rebuilt each time a statement names the table, so it never serves stale partitions; tables Spark
 * created itself (CTAS in this job) are left alone.
 */
public final class SessionCatalogMirror {
    static final String MIRROR_PROPERTY = "mortar.glue.mirror";
    private static final Logger LOG = LoggerFactory.getLogger(SessionCatalogMirror.class);
    private static final int PARTITIONS_PER_STATEMENT = 200;

    private final SparkSession spark;
    private final GlueCatalog catalog;

    public SessionCatalogMirror(SparkSession spark, GlueCatalog catalog) {
        this.spark = spark;
        this.catalog = catalog;
    }

    /** Creates the database in Spark, when Spark lacks it and it exists in Glue (with its LocationUri). */
    public void database(String database) {
        if (spark.sessionState().catalog().databaseExists(database)) {
            return;
        }
        catalog.findDatabase(database).ifPresent(glueDb -> {
            String location = glueDb.locationUri();
            spark.sql("CREATE DATABASE IF NOT EXISTS " + SqlText.identifier(database)
                    + (location == null || location.isBlank() ? "" : " LOCATION " + SqlText.literal(location)));
        });
    }

    /**
     * Mirrors one Glue table, if it exists; a table Spark created itself under that name is kept.
     *
     * @return whether Spark now sees the Glue table
     */
    public boolean table(String database, String tableName) {
        Optional<Table> found = catalog.findTable(database, tableName);
        return found.isPresent() && table(database, tableName, found.get());
    }

    /** Mirrors {@code glueTable}, which the caller has fetched from the catalog as {@code database.tableName}. */
    boolean table(String database, String tableName, Table glueTable) {
        database(database);
        TableIdentifier id = new TableIdentifier(tableName, Option.apply(database));
        if (spark.sessionState().catalog().tableExists(id)) {
            if (!isMirror(id)) {
                LOG.info("{}.{} is a table of this job's Spark session; not replacing it from the catalog", database,
                        tableName);
                return false;
            }
            spark.sql("DROP TABLE " + qualified(database, tableName));
        }
        CatalogTable table = new CatalogTable(database, glueTable);
        if (table.table().tableType() != null && table.table().tableType().equalsIgnoreCase("VIRTUAL_VIEW")) {
            throw new IllegalArgumentException("The catalog table " + table.qualifiedName()
                    + " is a view; Mortar reads views only through Spark SQL definitions, not from the catalog");
        }
        spark.sql(createStatement(table));
        if (table.partitioned()) {
            addPartitions(table, catalog.partitions(database, tableName, null));
        }
        LOG.info("Mirrored catalog table {} into the Spark session", table.qualifiedName());
        return true;
    }

    /** Whether Spark's session holds {@code database.table} as a mirror of a Glue table (not a table of its own). */
    boolean isMirror(String database, String table) {
        TableIdentifier id = new TableIdentifier(table, Option.apply(database));
        return spark.sessionState().catalog().tableExists(id) && isMirror(id);
    }

    private boolean isMirror(TableIdentifier id) {
        Map<String, String> props = CollectionConverters.asJava(SparkCalls.tableMetadata(spark, id).properties());
        return "true".equals(props.get(MIRROR_PROPERTY));
    }

    static String createStatement(CatalogTable table) {
        ReadSpec spec = table.readSpec();
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(qualified(table.database(), table.name()))
                .append(" (");
        List<String> columns = new ArrayList<>();
        for (StructField f : table.schema().fields()) {
            columns.add(SqlText.identifier(f.name()) + " " + f.dataType().sql());
        }
        sql.append(String.join(", ", columns)).append(") USING ").append(spec.format().sparkSource());
        Map<String, String> options = new java.util.LinkedHashMap<>();
        if (spec.format() == DataFormat.CSV) {
            options.putAll(spec.csv().sparkReadOptions());
        }
        // An unpartitioned table is everything under its location, sub-folders included. (Spark lists a catalog
        // partition's own folder only; fromCatalog reads partitions' sub-folders too.)
        options.put("recursiveFileLookup", "true");
        if (!options.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            options.forEach((k, v) -> pairs.add(SqlText.literal(k) + " " + SqlText.literal(v)));
            sql.append(" OPTIONS (").append(String.join(", ", pairs)).append(')');
        }
        if (table.partitioned()) {
            List<String> keys = new ArrayList<>();
            for (StructField f : table.partitionSchema().fields()) {
                keys.add(SqlText.identifier(f.name()));
            }
            sql.append(" PARTITIONED BY (").append(String.join(", ", keys)).append(')');
        }
        sql.append(" LOCATION ").append(SqlText.literal(table.location()));
        sql.append(" TBLPROPERTIES (").append(SqlText.literal(MIRROR_PROPERTY)).append(" 'true')");
        return sql.toString();
    }

    private void addPartitions(CatalogTable table, List<Partition> partitions) {
        StructField[] keys = table.partitionSchema().fields();
        for (int from = 0; from < partitions.size(); from += PARTITIONS_PER_STATEMENT) {
            StringBuilder sql = new StringBuilder("ALTER TABLE ").append(qualified(table.database(), table.name()))
                    .append(" ADD IF NOT EXISTS");
            for (Partition p : partitions.subList(from, Math.min(partitions.size(), from + PARTITIONS_PER_STATEMENT))) {
                List<String> spec = new ArrayList<>();
                for (int k = 0; k < keys.length; k++) {
                    String value = k < p.values().size() ? p.values().get(k) : CatalogTable.NULL_PARTITION;
                    spec.add(SqlText.identifier(keys[k].name()) + " = " + SqlText.literal(value));
                }
                sql.append(" PARTITION (").append(String.join(", ", spec)).append(") LOCATION ")
                        .append(SqlText.literal(table.location(p)));
            }
            spark.sql(sql.toString());
        }
    }

    private static String qualified(String database, String table) {
        return SqlText.identifier(database) + "." + SqlText.identifier(table);
    }
}
