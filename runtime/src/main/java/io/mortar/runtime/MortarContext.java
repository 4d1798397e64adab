package io.mortar.runtime;

import static java.util.Objects.requireNonNull;

import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.io.CatalogSource;
import io.mortar.runtime.io.CatalogTable;
import io.mortar.runtime.io.ConnectionTypes;
import io.mortar.runtime.io.GlueCatalog;
import io.mortar.runtime.io.GlueConnections;
import io.mortar.runtime.io.GlueEndpoint;
import io.mortar.runtime.io.JdbcConf;
import io.mortar.runtime.io.OptionsSource;
import io.mortar.runtime.io.SinkWriter;
import io.mortar.runtime.io.TransformationContexts;
import io.mortar.runtime.io.WriteResult;
import io.mortar.runtime.sql.CatalogSql;
import io.mortar.runtime.tagging.RegexTagging;
import io.mortar.runtime.tagging.TagOptions;
import io.mortar.runtime.tagging.TagRules;
import io.mortar.tagging.TagRule;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * A job's way to the catalog and to data, Mortar's counterpart of Glue's {@code GlueContext}: read catalog tables
 * and paths as dynamic frames, write frames to paths or tables (optionally updating the catalog), and run Spark
 * SQL in which catalog tables are visible as {@code database.table}.
 *
 * <pre>{@code
 * DynamicFrame orders = mortar.fromCatalog("sales", "orders")
 *         .pushDownPredicate("year = 2024").transformationContext("orders").dynamicFrame();
 * mortar.writeToOptions(orders, "s3", Map.of("path", "s3://out/orders", "partitionKeys", List.of("year"),
 *         "enableUpdateCatalog", true, "catalogDatabase", "sales", "catalogTableName", "orders_copy"),
 *         "parquet", Map.of());
 * }</pre>
 */
public final class MortarContext implements AutoCloseable {
    private final SparkSession spark;
    private final Supplier<GlueClient> glueFactory;
    private final TransformationContexts contexts = new TransformationContexts();
    private final Map<String, Dataset<Row>> bookmarkedTables = new HashMap<>();
    private GlueClient glue;
    private final boolean ownsClient;

    private MortarContext(SparkSession spark, Supplier<GlueClient> glueFactory, GlueClient glue, boolean ownsClient) {
        this.spark = requireNonNull(spark, "spark");
        this.glueFactory = glueFactory;
        this.glue = glue;
        this.ownsClient = ownsClient;
    }

    /** The catalog at {@code spark.mortar.endpoint} or {@code MORTAR_ENDPOINT}; connected on first use. */
    public static MortarContext create(SparkSession spark) {
        return new MortarContext(spark, () -> GlueEndpoint.client(GlueEndpoint.resolve(spark.sparkContext().conf())
                .orElseThrow(() -> new IllegalStateException("No catalog endpoint: set the Spark conf "
                        + GlueEndpoint.CONF_KEY + " or the environment variable " + GlueEndpoint.ENV_KEY))),
                null, true);
    }

    /** With a client of the caller's (which the caller closes). */
    public static MortarContext create(SparkSession spark, GlueClient glue) {
        return new MortarContext(spark, null, requireNonNull(glue, "glue"), false);
    }

    public SparkSession spark() {
        return spark;
    }

    public synchronized GlueClient glue() {
        if (glue == null) {
            glue = glueFactory.get();
        }
        return glue;
    }

    /** Whether a catalog is known: a client was given or an endpoint is configured. */
    public synchronized boolean hasCatalog() {
        return glue != null || GlueEndpoint.resolve(spark.sparkContext().conf()).isPresent();
    }

    public GlueCatalog catalog() {
        return new GlueCatalog(glue());
    }

    /** The transformation contexts this run's sources and sinks declared (for bookmarks). */
    public TransformationContexts transformationContexts() {
        return contexts;
    }

    /** A read of a catalog table; configure predicates and options, then {@code dynamicFrame()} or {@code dataFrame()}. */
    public CatalogSource fromCatalog(String database, String table) {
        return new CatalogSource(spark, catalog(), contexts, database, table);
    }

    /**
     * A read of files ({@code s3}, {@code file}) or a JDBC table, described by Glue-style options. A JDBC read may
     * name a catalog connection ({@code connectionName}) instead of giving {@code url}, {@code user} and
     * {@code password}.
     */
    public OptionsSource fromOptions(String connectionType, Map<String, ?> connectionOptions, String format,
                                     Map<String, ?> formatOptions) {
        return new OptionsSource(spark, contexts, connectionType, withConnection(connectionType, connectionOptions),
                format, formatOptions);
    }

    /**
     * A catalog table's columns and then its partition keys as Spark types (Glue's
     * {@code getCatalogSchemaAsSparkSchema}; what {@code match_catalog} resolves choices to).
     */
    public StructType catalogSchema(String database, String table) {
        return new CatalogTable(database, catalog().table(database, table)).schema();
    }

    /**
     * A catalog connection's JDBC settings (Glue's {@code extract_jdbc_conf}): URL, user, password, vendor and
     * driver, fetched with GetConnection.
     */
    public JdbcConf connection(String name) {
        return GlueConnections.jdbcConf(glue(), name);
    }

    /** JDBC options naming a connection, completed from it; other options as they are. */
    private Map<String, ?> withConnection(String connectionType, Map<String, ?> connectionOptions) {
        if (!ConnectionTypes.isJdbc(ConnectionTypes.normalize(connectionType))) {
            return connectionOptions;
        }
        return GlueConnections.resolve(connectionOptions, this::connection);
    }

    public WriteResult writeToOptions(DynamicFrame frame, String connectionType, Map<String, ?> connectionOptions,
                                      String format, Map<String, ?> formatOptions) {
        return writeToOptions(frame, connectionType, connectionOptions, format, formatOptions, null);
    }

    public WriteResult writeToOptions(DynamicFrame frame, String connectionType, Map<String, ?> connectionOptions,
                                      String format, Map<String, ?> formatOptions, String transformationContext) {
        return sinks().toOptions(frame, connectionType, withConnection(connectionType, connectionOptions), format,
                formatOptions, transformationContext);
    }

    public WriteResult writeToCatalog(DynamicFrame frame, String database, String table, Map<String, ?> options) {
        return writeToCatalog(frame, database, table, options, null);
    }

    public WriteResult writeToCatalog(DynamicFrame frame, String database, String table, Map<String, ?> options,
                                      String transformationContext) {
        return sinks().toCatalog(frame, database, table, options, transformationContext);
    }

    /**
     * Runs one Spark SQL statement with the catalog tables it names visible as {@code database.table}; a table
     * it creates (or rows it inserts) in a catalog database are registered in the catalog afterwards. Without a
     * catalog (a driver started by hand, without an endpoint) it is plain {@code spark.sql}.
     */
    public Dataset<Row> sql(String statement) {
        if (!hasCatalog()) {
            return spark.sql(statement);
        }
        return new CatalogSql(spark, catalog(), this::bookmarkedTable).sql(statement);
    }

    /**
     * With job bookmarks on, a catalog table a SQL statement reads is read like {@code fromCatalog} with the
     * transformation context {@code database.table}: only its new data. Read once per run, so every statement of a
     * script sees the same files.
     */
    private Optional<Dataset<Row>> bookmarkedTable(String database, String table) {
        if (!contexts.bookmarks().mode().filters()) {
            return Optional.empty();
        }
        String context = database + "." + table;
        synchronized (bookmarkedTables) {
            return Optional.of(bookmarkedTables.computeIfAbsent(context.toLowerCase(Locale.ROOT),
                    key -> fromCatalog(database, table).transformationContext(context).dataFrame()));
        }
    }

    /** Makes one catalog table visible to Spark SQL (and {@code spark.table}) as {@code database.table}. */
    public void exposeTable(String database, String table) {
        new CatalogSql(spark, catalog()).expose(database, table);
    }

    /**
     * Regex tagging ({@link RegexTagging}): {@code data} with an {@code array<string>} column of the tags of the
     * rules that match each row, the rules being the rows of a rule table ({@link TagRules}: {@code tag},
     * {@code columns}, {@code regex}, optional {@code flags}) read from a file, the catalog or JDBC like any source.
     *
     * <pre>{@code
     * Dataset<Row> rules = mortar.fromCatalog("ref", "tag_rules").dataFrame();
     * Dataset<Row> tagged = mortar.tag(tickets, rules, TagOptions.defaults());
     * }</pre>
     *
     * @throws io.mortar.tagging.InvalidRuleException naming the first rule whose regex does not compile
     */
    public Dataset<Row> tag(Dataset<Row> data, Dataset<Row> rules, TagOptions options) {
        return RegexTagging.apply(data, TagRules.fromDataFrame(rules), options);
    }

    /** Regex tagging with rules given as they are ({@link RegexTagging#apply}). */
    public Dataset<Row> tag(Dataset<Row> data, List<TagRule> rules, TagOptions options) {
        return RegexTagging.apply(data, rules, options);
    }

    private SinkWriter sinks() {
        return new SinkWriter(spark, this::catalog, contexts);
    }

    @Override
    public synchronized void close() {
        if (ownsClient && glue != null) {
            glue.close();
            glue = null;
        }
    }
}
