package io.mortar.crawler.jdbc;

import io.mortar.crawler.jdbc.JdbcTypeMapper.SqlType;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the tables, views and columns an include path selects through {@code java.sql.DatabaseMetaData} alone,
 * so that it works the same on PostgreSQL, MySQL/MariaDB, SQL Server, Oracle, SQLite and others. The LIKE
 * patterns handed to the driver only narrow its queries; what is kept is decided here, so a driver's quirks
 * (LIKE's {@code _}, case-insensitive collations, unknown table types) cannot add tables.
 */
final class JdbcMetadataReader {

    /** One table or view the include path selects. {@code schema} is {@code null} in databases without schemas. */
    record TableEntry(String schema, String name, String tableType, String remarks) {
        boolean isView() {
            return VIEW_TYPES.contains(tableType);
        }
    }

    /** One column, with its 1-based position in the table. */
    record ColumnEntry(String name, int position, SqlType type, String remarks) {}

    /** Table types crawled as tables: PostgreSQL's partitioned parents hold the partitions' rows. */
    private static final Set<String> TABLE_TYPES = Set.of("TABLE", "BASE TABLE", "PARTITIONED TABLE");
    /** Table types crawled as views ({@code typeOfData=view}). */
    private static final Set<String> VIEW_TYPES = Set.of("VIEW", "MATERIALIZED VIEW");
    /** The databases' own catalogs: never user data, even when a {@code %} schema part reaches them. */
    private static final Set<String> SYSTEM_SCHEMAS =
            Set.of("information_schema", "pg_catalog", "pg_toast", "mysql", "performance_schema", "sys");

    private final DatabaseMetaData metadata;
    private final String catalog;
    private final String escape;

    /**
     * @param catalog the JDBC catalog to read (the database; {@code null} where the driver has no catalogs)
     */
    JdbcMetadataReader(DatabaseMetaData metadata, String catalog) throws SQLException {
        this.metadata = metadata;
        this.catalog = catalog;
        this.escape = metadata.getSearchStringEscape();
    }

    /** The tables and views the include path selects, system schemas left out, in no particular order. */
    List<TableEntry> tables(JdbcIncludePath path) throws SQLException {
        String schemaLike = path.hasSchemas() ? JdbcIncludePath.likePattern(path.schemaPattern(), escape) : null;
        String tableLike = JdbcIncludePath.likePattern(path.tablePattern(), escape);
        List<TableEntry> tables = new ArrayList<>();
        try (ResultSet rows = metadata.getTables(catalog, schemaLike, tableLike, crawledTypesKnownToDriver())) {
            while (rows.next()) {
                String schema = path.hasSchemas() ? rows.getString("TABLE_SCHEM") : null;
                String name = rows.getString("TABLE_NAME");
                String type = upper(rows.getString("TABLE_TYPE"));
                boolean crawled = TABLE_TYPES.contains(type) || VIEW_TYPES.contains(type);
                if (crawled && !isSystemSchema(schema) && path.matchesSchema(schema) && path.matchesTable(name)) {
                    tables.add(new TableEntry(schema, name, type, rows.getString("REMARKS")));
                }
            }
        }
        return tables;
    }

    /**
     * The columns of the selected tables of one schema ({@code null} without schemas), by table name, each
     * table's in ordinal order: one metadata query per schema rather than one per table.
     */
    Map<String, List<ColumnEntry>> columns(String schema, JdbcIncludePath path) throws SQLException {
        String schemaLike = schema == null ? null : JdbcIncludePath.likePattern(schema, escape);
        String tableLike = JdbcIncludePath.likePattern(path.tablePattern(), escape);
        Map<String, List<ColumnEntry>> byTable = new HashMap<>();
        try (ResultSet rows = metadata.getColumns(catalog, schemaLike, tableLike, "%")) {
            while (rows.next()) {
                if (schema != null && !schema.equals(rows.getString("TABLE_SCHEM"))) {
                    continue;
                }
                SqlType type = new SqlType(rows.getInt("DATA_TYPE"), rows.getString("TYPE_NAME"),
                        rows.getInt("COLUMN_SIZE"), rows.getInt("DECIMAL_DIGITS"));
                ColumnEntry column = new ColumnEntry(rows.getString("COLUMN_NAME"), rows.getInt("ORDINAL_POSITION"),
                        type, rows.getString("REMARKS"));
                byTable.computeIfAbsent(rows.getString("TABLE_NAME"), t -> new ArrayList<>()).add(column);
            }
        }
        byTable.values().forEach(columns -> columns.sort(Comparator.comparingInt(ColumnEntry::position)));
        return byTable;
    }

    /**
     * The crawled table types this driver knows, for getTables' type filter (PostgreSQL would otherwise list its
     * indexes and sequences too); {@code null} (every type, filtered here) when the driver names none of them.
     */
    private String[] crawledTypesKnownToDriver() throws SQLException {
        Set<String> known = new LinkedHashSet<>();
        try (ResultSet rows = metadata.getTableTypes()) {
            while (rows.next()) {
                String type = rows.getString("TABLE_TYPE");
                if (TABLE_TYPES.contains(upper(type)) || VIEW_TYPES.contains(upper(type))) {
                    known.add(type.strip());
                }
            }
        }
        return known.isEmpty() ? null : known.toArray(String[]::new);
    }

    /** Also PostgreSQL's per-session temporary schemas ({@code pg_temp_3}, {@code pg_toast_temp_3}). */
    static boolean isSystemSchema(String schema) {
        if (schema == null) {
            return false;
        }
        String lower = schema.toLowerCase(Locale.ROOT);
        return SYSTEM_SCHEMAS.contains(lower) || lower.startsWith("pg_temp_") || lower.startsWith("pg_toast_temp_");
    }

    private static String upper(String s) {
        return s == null ? "" : s.strip().toUpperCase(Locale.ROOT);
    }
}
