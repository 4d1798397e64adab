package io.mortar.runtime.io;

import io.mortar.model.bookmark.FileSelection;
import io.mortar.model.glob.GlueGlob;
import io.mortar.runtime.bookmark.FileBookmarking;
import io.mortar.runtime.bookmark.JobBookmarks;
import io.mortar.runtime.frame.DynamicFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.model.Partition;

/**
 * A read of a catalog table (Glue's {@code create_dynamic_frame.from_catalog}). The table's StorageDescriptor
 * says where and how to read; partitions are listed with GetPartitions, filtered on the server by
 * {@link #catalogPartitionPredicate} (Glue's expression syntax) and then on the driver by
 * {@link #pushDownPredicate} (Spark SQL), and only the partitions left are read.
 *
 * <p>Additional options: {@code catalogPartitionPredicate}, {@code pushDownPredicate} (same as the methods),
 * {@code exclusions} (a JSON list of globs of files to skip).
 */
public final class CatalogSource {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogSource.class);

    private final SparkSession spark;
    private final GlueCatalog catalog;
    private final TransformationContexts contexts;
    private final String database;
    private final String table;
    private final Map<String, Object> options = new LinkedHashMap<>();
    private String pushDownPredicate;
    private String catalogPartitionPredicate;
    private String transformationContext;

    public CatalogSource(SparkSession spark, GlueCatalog catalog, TransformationContexts contexts, String database,
                         String table) {
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("The database of a catalog source is required");
        }
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("The table name of a catalog source is required");
        }
        this.spark = spark;
        this.catalog = catalog;
        this.contexts = contexts;
        this.database = database;
        this.table = table;
    }

    /** A Spark SQL predicate over the partition columns, applied to the listed partitions before reading. */
    public CatalogSource pushDownPredicate(String predicate) {
        this.pushDownPredicate = predicate;
        return this;
    }

    /** A Glue partition expression ({@code year > '2020' AND region = 'eu'}), evaluated by the catalog server. */
    public CatalogSource catalogPartitionPredicate(String expression) {
        this.catalogPartitionPredicate = expression;
        return this;
    }

    public CatalogSource transformationContext(String name) {
        this.transformationContext = name;
        return this;
    }

    public CatalogSource option(String name, Object value) {
        options.put(name, value);
        return this;
    }

    public CatalogSource options(Map<String, ?> values) {
        if (values != null) {
            options.putAll(values);
        }
        return this;
    }

    /** The table as a dynamic frame: CSV and JSON values typed by content (choices where they differ). */
    public DynamicFrame dynamicFrame() {
        Plan plan = plan();
        String name = contexts.record(transformationContext, "source", plan.table().qualifiedName());
        return new TableReader(spark).dynamicFrame(plan.table(), plan.slices(), plan.exclusions(), name);
    }

    /** The table as a DataFrame typed by the catalog's column types. */
    public Dataset<Row> dataFrame() {
        Plan plan = plan();
        contexts.record(transformationContext, "source", plan.table().qualifiedName());
        return new TableReader(spark).dataFrame(plan.table(), plan.slices(), plan.exclusions());
    }

    private record Plan(CatalogTable table, List<TableReader.Slice> slices, List<GlueGlob> exclusions) {}

    private Plan plan() {
        Options opts = Options.of("additional option", options);
        String serverPredicate = catalogPartitionPredicate != null ? catalogPartitionPredicate
                : opts.string("catalogPartitionPredicate").orElse(null);
        String clientPredicate = pushDownPredicate != null ? pushDownPredicate
                : opts.string("pushDownPredicate").or(() -> opts.string("push_down_predicate")).orElse(null);
        List<GlueGlob> exclusions = opts.list("exclusions").stream().map(GlueGlob::compile).toList();
        CatalogTable t = new CatalogTable(database, catalog.table(database, table));
        List<TableReader.Slice> slices;
        if (!t.partitioned()) {
            refuseOnUnpartitioned(t, "catalogPartitionPredicate", serverPredicate);
            refuseOnUnpartitioned(t, "pushDownPredicate", clientPredicate);
            slices = TableReader.slices(t, List.of());
        } else {
            List<Partition> listed = catalog.partitions(database, table, serverPredicate);
            List<Partition> selected = PartitionFilter.apply(spark, t, listed, clientPredicate);
            LOG.info("Reading {} of {} listed partitions of {}", selected.size(), listed.size(), t.qualifiedName());
            slices = TableReader.slices(t, selected);
        }
        Optional<JobBookmarks.SourceScope> bookmark = contexts.bookmarks()
                .forSource(transformationContext, t.qualifiedName());
        if (bookmark.isPresent()) {
            slices = bookmarked(bookmark.get(), slices, exclusions, opts.bookmarkBand());
        }
        return new Plan(t, slices, exclusions);
    }

    /**
     * The slices with only their new files, each partition's location a place of its own in the bookmark; slices
     * with nothing new are left out. Listed recursively, as a table's read takes its sub-folders.
     */
    private List<TableReader.Slice> bookmarked(JobBookmarks.SourceScope bookmark, List<TableReader.Slice> slices,
                                               List<GlueGlob> exclusions, FileBookmarking.Band band) {
        FileLister lister = new FileLister(spark.sparkContext().hadoopConfiguration());
        long listedAt = System.currentTimeMillis();
        Map<String, List<FileSelection.Listed>> listed = new LinkedHashMap<>();
        for (TableReader.Slice slice : slices) {
            listed.computeIfAbsent(slice.location(), l -> lister.listWithTimes(List.of(l), true, exclusions));
        }
        Map<String, List<String>> chosen = FileBookmarking.select(bookmark, listed, listedAt, band);
        List<TableReader.Slice> out = new ArrayList<>();
        for (TableReader.Slice slice : slices) {
            // the chosen files by name even when all of a place is new: a file landing between this listing and
            // Spark's own would be read, yet left out of the mark, and read again by the next run
            List<String> files = chosen.getOrDefault(slice.location(), List.of());
            if (!files.isEmpty()) {
                out.add(slice.withFiles(files));
            }
        }
        return out;
    }

    private static void refuseOnUnpartitioned(CatalogTable t, String option, String predicate) {
        if (predicate != null && !predicate.isBlank()) {
            throw new IllegalArgumentException("The " + option + " '" + predicate + "' cannot apply to "
                    + t.qualifiedName() + ": the table has no partition keys");
        }
    }
}
