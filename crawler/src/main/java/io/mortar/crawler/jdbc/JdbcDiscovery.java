package io.mortar.crawler.jdbc;

import static java.util.Objects.requireNonNull;

import io.mortar.crawler.StorageFormat;
import io.mortar.crawler.discovery.DiscoveredTable;
import io.mortar.crawler.discovery.DiscoveredTable.ColumnNotes;
import io.mortar.crawler.jdbc.JdbcMetadataReader.ColumnEntry;
import io.mortar.crawler.jdbc.JdbcMetadataReader.TableEntry;
import io.mortar.crawler.schema.Column;
import io.mortar.model.GlueException;
import io.mortar.model.glob.GlueGlob;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.services.glue.model.JdbcTarget;

/**
 * Discovers the tables of one Glue {@code JdbcTarget}: every table and view of the connected database that the
 * include path selects and no exclusion removes, each as the {@link DiscoveredTable} Glue's crawler writes for it
 * (name {@code <database>_<schema>_<table>}, location {@code <database>.<schema>.<table>}, the vendor as
 * classification, columns mapped to Glue types). It reads {@code java.sql.DatabaseMetaData} only, so any JDBC
 * database works; PostgreSQL, MySQL/MariaDB and SQLite are tested.
 *
 * <p>Include paths are {@code database/schema/table} for databases with schemas and {@code database/table} for
 * MySQL, MariaDB and SQLite, {@code %} matching any characters in the schema and table parts. The database part
 * must name the connection's current database (any name is accepted where the driver names none, as SQLite's).
 * Exclusions are Glue's globs ({@link GlueGlob}) over the path relative to the include path's database:
 * {@code schema/table} ({@code table} without schemas); when the include path names one schema, a glob may also
 * name the table alone ({@code Market*}).
 */
public final class JdbcDiscovery {
    static final String COMMENTS = "COMMENTS";
    static final String RAWTYPES = "RAWTYPES";

    private JdbcDiscovery() {}

    /** {@link #discover(Connection, JdbcTarget, int)} for a crawler's first (or only) JDBC target. */
    public static List<DiscoveredTable> discover(Connection connection, JdbcTarget target) {
        return discover(connection, target, 0);
    }

    /**
     * The tables and views the target selects, ordered by schema and then table name.
     *
     * @param connection an open connection to the target's database; it is only read, and left open
     * @param target the crawler's JDBC target ({@code ConnectionName}, {@code Path}, {@code Exclusions},
     *     {@code EnableAdditionalMetadata})
     * @param targetIndex the target's position in the crawler's {@code JdbcTargets}, for messages
     *     ({@code JdbcTargets[2].Path})
     * @throws GlueException InvalidInput for a malformed path or exclusion, or a path naming another database;
     *     for a failure of the database, see {@link JdbcErrors}
     */
    public static List<DiscoveredTable> discover(Connection connection, JdbcTarget target, int targetIndex) {
        requireNonNull(connection, "connection");
        requireNonNull(target, "target");
        String field = "JdbcTargets[" + targetIndex + "]";
        try {
            JdbcSource source = JdbcSource.describe(connection);
            JdbcIncludePath path = JdbcIncludePath.parse(target.path(), source.hasSchemas(), field + ".Path",
                    source.productName());
            if (!source.isCurrentDatabase(path.database())) {
                throw GlueException.invalidInput("%s.Path %s names database %s, but connection %s is connected to"
                        + " database %s", field, path.path(), path.database(), target.connectionName(),
                        source.currentDatabase());
            }
            List<GlueGlob> exclusions = GlueGlob.compileAll(field, target.exclusions());
            // MySQL's catalogs are its databases: on a connection without a current one, read the path's
            String catalog = source.currentDatabase() == null && source.isMysql()
                    ? path.database() : source.currentDatabase();
            JdbcMetadataReader reader = new JdbcMetadataReader(connection.getMetaData(), catalog);
            return new Discovery(source, path, target, exclusions, reader).run();
        } catch (SQLException e) {
            throw JdbcErrors.translate(e, field + " (" + target.path() + ") on connection "
                    + target.connectionName());
        }
    }

    /** One target's discovery, once its path and exclusions are known to be valid. */
    private record Discovery(JdbcSource source, JdbcIncludePath path, JdbcTarget target,
                             List<GlueGlob> exclusions, JdbcMetadataReader reader) {

        List<DiscoveredTable> run() throws SQLException {
            // by schema, then table: the order a user reads them in, whatever order the driver lists them
            Map<String, List<TableEntry>> bySchema = new TreeMap<>();
            for (TableEntry table : reader.tables(path)) {
                if (!isExcluded(table)) {
                    bySchema.computeIfAbsent(Objects.requireNonNullElse(table.schema(), ""), s -> new ArrayList<>())
                            .add(table);
                }
            }
            boolean comments = target.enableAdditionalMetadataAsStrings().contains(COMMENTS);
            boolean rawTypes = target.enableAdditionalMetadataAsStrings().contains(RAWTYPES);
            List<DiscoveredTable> discovered = new ArrayList<>();
            for (List<TableEntry> tables : bySchema.values()) {
                tables.sort(Comparator.comparing(TableEntry::name));
                String schema = tables.get(0).schema();
                Map<String, List<ColumnEntry>> columns = reader.columns(schema, path);
                for (TableEntry table : tables) {
                    discovered.add(describe(table, columns.getOrDefault(table.name(), List.of()), comments,
                            rawTypes));
                }
            }
            return discovered;
        }

        /** Glue's exclusions are relative to the include path: {@code schema/table}, or the table alone. */
        private boolean isExcluded(TableEntry table) {
            if (table.schema() == null) {
                return GlueGlob.anyMatches(exclusions, table.name());
            }
            return GlueGlob.anyMatches(exclusions, table.schema() + "/" + table.name())
                    || (path.schemaIsLiteral() && GlueGlob.anyMatches(exclusions, table.name()));
        }

        private DiscoveredTable describe(TableEntry table, List<ColumnEntry> entries, boolean comments,
                                         boolean rawTypes) {
            List<Column> columns = new ArrayList<>();
            Map<String, ColumnNotes> notes = new LinkedHashMap<>();
            for (ColumnEntry entry : entries) {
                String name = entry.name().toLowerCase(Locale.ROOT);
                columns.add(new Column(name, JdbcTypeMapper.map(entry.type(), source.classification())));
                String comment = comments ? blankToNull(entry.remarks()) : null;
                Map<String, String> parameters = rawTypes ? Map.of("rawType", entry.type().typeName()) : Map.of();
                if (comment != null || !parameters.isEmpty()) {
                    notes.put(name, new ColumnNotes(comment, parameters));
                }
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("classification", source.classification());
            parameters.put("typeOfData", table.isView() ? "view" : "table");
            if (target.connectionName() != null) {
                parameters.put("connectionName", target.connectionName());
            }
            parameters.put("compressionType", "none");
            String tableComment = comments ? blankToNull(table.remarks()) : null;
            if (tableComment != null) {
                parameters.put("comment", tableComment);
            }
            String qualified = table.schema() == null ? table.name() : table.schema() + "." + table.name();
            // "view", "table", "materialized view", "partitioned table" (MariaDB's "BASE TABLE" is a table)
            String kind = table.tableType().equals("BASE TABLE") ? "table" : table.tableType().toLowerCase(Locale.ROOT);
            String reason = String.format("%s %s matches include path %s", kind, qualified, path.path());
            return new DiscoveredTable(tableName(table), databaseName() + "." + qualified,
                    source.classification(), columns, List.of(), StorageFormat.NONE, parameters, notes, List.of(),
                    reason);
        }

        /** {@code <database>_<schema>_<table>}, lower case, anything but ASCII letters and digits as {@code _}. */
        private String tableName(TableEntry table) {
            String joined = table.schema() == null
                    ? databaseName() + "_" + table.name()
                    : databaseName() + "_" + table.schema() + "_" + table.name();
            return joined.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        }

        private String databaseName() {
            return source.currentDatabase() != null ? source.currentDatabase() : path.database();
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }
}
