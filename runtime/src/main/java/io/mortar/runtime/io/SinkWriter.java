package io.mortar.runtime.io;

import io.mortar.runtime.frame.DynamicFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Glue's {@code write_dynamic_frame.from_options} and {@code .from_catalog}: files under a path (or rows into a
 * JDBC table), then, with {@code enableUpdateCatalog}, the catalog brought up to date.
 *
 * <p>Connection options for files: {@code path} (required), {@code partitionKeys} (list),
 * {@code compression}, {@code mode} ({@code append}, the default, or {@code overwrite}), {@code enableUpdateCatalog},
 * {@code updateBehavior} ({@code UPDATE_IN_DATABASE}, the default, or {@code LOG}), {@code catalogDatabase} and
 * {@code catalogTableName} (the table to create or update when writing to options).
 */
public final class SinkWriter {
    /** Glue's own format options (CSV layout through CsvOptions, compression): not passed on to Spark. */
    private static final Set<String> GLUE_FORMAT_OPTIONS = Set.of("separator", "quoteChar", "escaper", "withHeader",
            "writeHeader", "skipFirst", "multiLine", "compression", "jsonPath", "version", "optimizePerformance");
    private static final Set<String> SINK_KEYS = Set.of("path", "partitionKeys", "compression", "mode",
            "enableUpdateCatalog", "updateBehavior", "catalogDatabase", "catalogTableName", "transformationContext");

    private final SparkSession spark;
    /** Connected only when a write updates the catalog: writing files needs no catalog. */
    private final Supplier<GlueCatalog> catalog;
    private final TransformationContexts contexts;

    public SinkWriter(SparkSession spark, Supplier<GlueCatalog> catalog, TransformationContexts contexts) {
        this.spark = spark;
        this.catalog = catalog;
        this.contexts = contexts;
    }

    public WriteResult toOptions(DynamicFrame frame, String connectionType, Map<String, ?> connectionOptions,
                                 String format, Map<String, ?> formatOptions, String transformationContext) {
        String type = ConnectionTypes.normalize(connectionType);
        Options conn = Options.of("connection option", connectionOptions);
        Dataset<Row> df = frame.toDF();
        if (ConnectionTypes.isJdbc(type)) {
            return toJdbc(df, type, conn, transformationContext);
        }
        if (!ConnectionTypes.isFile(type)) {
            throw new IllegalArgumentException("The connection type '" + connectionType + "' is not supported for"
                    + " writing: use s3, file or a JDBC type");
        }
        Options fmt = Options.of("format option", formatOptions);
        String path = conn.require("path");
        DataFormat dataFormat = DataFormat.named(format);
        CsvOptions csv = dataFormat == DataFormat.CSV ? CsvOptions.fromFormatOptions(fmt) : CsvOptions.defaults();
        String compression = conn.string("compression").or(() -> fmt.string("compression")).orElse(null);
        List<String> keys = columnNames(df.schema(), conn.list("partitionKeys"));
        contexts.record(transformationContext, "sink", path);
        FileSink.Target target = new FileSink.Target(path, dataFormat, csv, keys, compression, mode(conn),
                passThrough(fmt));
        List<List<String>> partitions = new FileSink(spark.sparkContext().hadoopConfiguration()).write(df, target);
        if (!conn.bool("enableUpdateCatalog", false)) {
            return WriteResult.filesOnly(path, dataFormat, keys, partitions);
        }
        String database = conn.require("catalogDatabase");
        String table = conn.require("catalogTableName");
        return new CatalogUpdater(catalog.get()).update(database, table, new CatalogUpdater.Written(path, df.schema(),
                dataFormat, csv, compression, keys, partitions), updateSchema(conn));
    }

    /** Writes into an existing catalog table's location, in its format and partitioning. */
    public WriteResult toCatalog(DynamicFrame frame, String database, String tableName, Map<String, ?> options,
                                 String transformationContext) {
        Options opts = Options.of("additional option", options);
        CatalogTable table = new CatalogTable(database, catalog.get().table(database, tableName));
        Dataset<Row> df = frame.toDF();
        ReadSpec spec = table.readSpec();
        List<String> requested = opts.list("partitionKeys");
        if (!requested.isEmpty()) {
            table.checkPartitionKeys(requested);
        }
        List<String> keys = columnNames(df.schema(), table.partitionKeyNames());
        String compression = opts.string("compression")
                .orElse(table.parameters().getOrDefault("compressionType", null));
        String path = table.location();
        contexts.record(transformationContext, "sink", table.qualifiedName());
        FileSink.Target target = new FileSink.Target(path, spec.format(), spec.csv(), keys,
                "none".equalsIgnoreCase(compression) ? null : compression, mode(opts), Map.of());
        List<List<String>> partitions = new FileSink(spark.sparkContext().hadoopConfiguration()).write(df, target);
        if (!opts.bool("enableUpdateCatalog", false)) {
            return WriteResult.filesOnly(path, spec.format(), keys, partitions);
        }
        return new CatalogUpdater(catalog.get()).update(database, tableName, new CatalogUpdater.Written(path, df.schema(),
                spec.format(), spec.csv(), compression, keys, partitions), updateSchema(opts));
    }

    private WriteResult toJdbc(Dataset<Row> df, String type, Options conn, String transformationContext) {
        String table = conn.require("dbtable");
        contexts.record(transformationContext, "sink", type + ":" + table);
        var writer = df.write().format("jdbc").mode(mode(conn)).options(JdbcOptions.forSpark(conn, SINK_KEYS));
        writer.save();
        return new WriteResult(type + ":" + table, null, List.of(), List.of(), null, false, 0, List.of());
    }

    private static SaveMode mode(Options opts) {
        String mode = opts.string("mode", "append").trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "append" -> SaveMode.Append;
            case "overwrite" -> SaveMode.Overwrite;
            default -> throw new IllegalArgumentException("The option 'mode' must be append or overwrite but was '"
                    + mode + "'");
        };
    }

    private static boolean updateSchema(Options opts) {
        String behavior = opts.string("updateBehavior", "UPDATE_IN_DATABASE").trim().toUpperCase(Locale.ROOT);
        return switch (behavior) {
            case "UPDATE_IN_DATABASE" -> true;
            case "LOG" -> false;
            default -> throw new IllegalArgumentException("The option 'updateBehavior' must be UPDATE_IN_DATABASE or"
                    + " LOG but was '" + behavior + "'");
        };
    }

    /** The frame's own spelling of each named column (catalog names are lower case, frames may not be). */
    private static List<String> columnNames(StructType schema, List<String> names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            out.add(TableDefinitions.field(schema, name).name());
        }
        return out;
    }

    /** Format options Spark understands directly: anything but Glue's own, which the writer has applied. */
    private static Map<String, String> passThrough(Options fmt) {
        Map<String, String> out = new LinkedHashMap<>();
        fmt.asStrings().forEach((k, v) -> {
            if (!GLUE_FORMAT_OPTIONS.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
