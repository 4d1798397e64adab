package io.mortar.runtime.io;

import io.mortar.model.bookmark.FileSelection;
import io.mortar.model.glob.GlueGlob;
import io.mortar.runtime.bookmark.FileBookmarking;
import io.mortar.runtime.bookmark.JdbcBookmarking;
import io.mortar.runtime.bookmark.JobBookmarks;
import io.mortar.runtime.frame.DynamicFrame;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A read described by options (Glue's {@code create_dynamic_frame.from_options}): files ({@code s3}, {@code file})
 * or a database through JDBC ({@code jdbc}, {@code mysql}, {@code postgresql}, {@code sqlserver}, {@code oracle},
 * {@code redshift}).
 *
 * <p>File connection options: {@code paths} (required), {@code recurse}, {@code exclusions} (JSON list of Glue
 * globs, {@link GlueGlob}), {@code compressionType} (informational: codecs come from file extensions). Format
 * options per {@link CsvOptions} and {@code multiLine}/{@code jsonPath} for JSON. JDBC options: {@code url},
 * {@code dbtable} (or {@code query}), {@code user}, {@code password}, {@code customJdbcDriverClassName}; anything
 * else goes to Spark's JDBC source as is ({@code partitionColumn}, {@code lowerBound}, {@code upperBound},
 * {@code numPartitions}, {@code fetchsize}, …).
 */
public final class OptionsSource {
    private static final Set<String> COMPRESSIONS = Set.of("none", "gzip", "bzip2", "deflate", "lz4", "snappy", "zstd");

    private final SparkSession spark;
    private final TransformationContexts contexts;
    private final String connectionType;
    private final Options connection;
    private final String format;
    private final Options formatOptions;
    private String transformationContext;

    public OptionsSource(SparkSession spark, TransformationContexts contexts, String connectionType,
                         Map<String, ?> connectionOptions, String format, Map<String, ?> formatOptions) {
        this.spark = spark;
        this.contexts = contexts;
        this.connectionType = ConnectionTypes.normalize(connectionType);
        this.connection = Options.of("connection option", connectionOptions);
        this.format = format;
        this.formatOptions = Options.of("format option", formatOptions);
        if (!ConnectionTypes.isFile(this.connectionType) && !ConnectionTypes.isJdbc(this.connectionType)) {
            throw new IllegalArgumentException("The connection type '" + connectionType + "' is not supported: use s3,"
                    + " file or a JDBC type (jdbc, mysql, postgresql, sqlserver, oracle, redshift)");
        }
    }

    public OptionsSource transformationContext(String name) {
        this.transformationContext = name;
        return this;
    }

    public DynamicFrame dynamicFrame() {
        if (ConnectionTypes.isJdbc(connectionType)) {
            Dataset<Row> df = jdbc();
            return DynamicFrame.fromDF(df, record(jdbcTarget()));
        }
        ReadSpec spec = ReadSpec.fromFormat(format, formatOptions);
        FileChoice chosen = files();
        List<String> files = chosen.readable();
        String name = record(String.join(",", connection.list("paths")));
        FormatReader reader = new FormatReader(spark);
        DynamicFrame frame = switch (spec.format()) {
            case CSV -> DynamicFrame.fromTextFiles(reader.csvStrings(files, spec.csv(), null),
                    types -> reader.typed(spec, files, types), name);
            case JSON -> DynamicFrame.fromJsonLines(jsonRecords(reader, spec, files), name);
            default -> DynamicFrame.fromDF(reader.typed(spec, files, null), name);
        };
        return chosen.schemaOnly() ? DynamicFrame.fromDF(frame.toDF().limit(0), name) : frame;
    }

    /**
     * The files to read; when a bookmark leaves none of the files listed, one of them (the newest) is read for its
     * columns only, so a run with nothing new gets an empty frame with the source's columns, and the steps after
     * it (a filter, a mapping) find the columns they name.
     */
    private record FileChoice(List<String> files, String schemaSample) {
        List<String> readable() {
            return files.isEmpty() && schemaSample != null ? List.of(schemaSample) : files;
        }

        boolean schemaOnly() {
            return files.isEmpty() && schemaSample != null;
        }
    }

    /** A DataFrame with Spark's own typing (CSV types inferred from the data). */
    public Dataset<Row> dataFrame() {
        if (ConnectionTypes.isJdbc(connectionType)) {
            Dataset<Row> df = jdbc();
            record(jdbcTarget());
            return df;
        }
        ReadSpec spec = ReadSpec.fromFormat(format, formatOptions);
        FileChoice chosen = files();
        record(String.join(",", connection.list("paths")));
        Dataset<Row> df = dataFrame(spec, chosen.readable());
        return chosen.schemaOnly() ? df.limit(0) : df;
    }

    private Dataset<Row> dataFrame(ReadSpec spec, List<String> files) {
        FormatReader reader = new FormatReader(spark);
        if (spec.format() == DataFormat.JSON && formatOptions.has("jsonPath")) {
            return spark.read().json(jsonRecords(reader, spec, files));
        }
        if (spec.format() != DataFormat.CSV || files.isEmpty()) {
            return reader.typed(spec, files, null);
        }
        return FormatReader.namedLikeGlue(spark.read().options(spec.csv().sparkReadOptions())
                .option("inferSchema", "true").csv(files.toArray(String[]::new)), spec.csv());
    }

    private Dataset<String> jsonRecords(FormatReader reader, ReadSpec spec, List<String> files) {
        String jsonPath = formatOptions.string("jsonPath").orElse(null);
        if (jsonPath == null || jsonPath.isBlank() || files.isEmpty()) {
            return reader.jsonLines(files, spec.jsonMultiLine());
        }
        Dataset<Row> documents = spark.read().option("multiLine", String.valueOf(spec.jsonMultiLine()))
                .json(files.toArray(String[]::new));
        return JsonPathSelector.parse(jsonPath).select(documents);
    }

    private FileChoice files() {
        List<String> paths = connection.list("paths");
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("The connection option 'paths' is required for connection type '"
                    + connectionType + "'");
        }
        String compression = connection.string("compressionType", "none").toLowerCase(Locale.ROOT);
        if (!COMPRESSIONS.contains(compression)) {
            throw new IllegalArgumentException("The connection option 'compressionType' must be one of "
                    + COMPRESSIONS + " but was '" + compression + "'");
        }
        List<GlueGlob> exclusions = connection.list("exclusions").stream().map(GlueGlob::compile).toList();
        FileLister lister = new FileLister(spark.sparkContext().hadoopConfiguration());
        boolean recurse = connection.bool("recurse", false);
        Optional<JobBookmarks.SourceScope> bookmark = contexts.bookmarks()
                .forSource(transformationContext, String.join(",", paths));
        if (bookmark.isEmpty()) {
            return new FileChoice(lister.list(paths, recurse, exclusions), null);
        }
        // each path is a place of its own in the bookmark, so adding a path later reads it whole
        long listedAt = System.currentTimeMillis();
        Map<String, List<FileSelection.Listed>> listed = new LinkedHashMap<>();
        for (String path : paths) {
            listed.put(path, lister.listWithTimes(List.of(path), recurse, exclusions));
        }
        List<String> chosen = FileBookmarking.select(bookmark.get(), listed, listedAt, connection.bookmarkBand()).values()
                .stream().flatMap(List::stream).toList();
        String newest = listed.values().stream().flatMap(List::stream)
                .max(Comparator.comparingLong(FileSelection.Listed::modified)).map(FileSelection.Listed::path)
                .orElse(null);
        return new FileChoice(chosen, newest);
    }

    private Dataset<Row> jdbc() {
        // A query or a table: with a query, a dbtable beside it is not passed on (Spark refuses both).
        if (!connection.has("query")) {
            connection.require("dbtable");
        }
        Map<String, String> options = JdbcOptions.forSpark(connection,
                connection.has("query") ? Set.of("dbtable") : Set.of());
        Optional<JobBookmarks.SourceScope> bookmark = contexts.bookmarks()
                .forSource(transformationContext, jdbcTarget());
        if (bookmark.isPresent()) {
            if (connection.has("query")) {
                throw new IllegalArgumentException("A JDBC source read with the option 'query' cannot be bookmarked:"
                        + " read the table with 'dbtable' (and jobBookmarkKeys), or turn bookmarks off for the run");
            }
            options.put("dbtable", JdbcBookmarking.select(bookmark.get(), new JdbcBookmarking.Table(
                    connection.require("dbtable"), options), connection.list("jobBookmarkKeys"),
                    connection.string("jobBookmarkKeysSortOrder").orElse(null)));
        }
        return spark.read().format("jdbc").options(options).load();
    }

    private String jdbcTarget() {
        // Not the URL: it may carry credentials, and this ends up in logs.
        return connectionType + ":" + connection.string("dbtable", "(query)");
    }

    private String record(String target) {
        return contexts.record(transformationContext, "source", target);
    }
}
