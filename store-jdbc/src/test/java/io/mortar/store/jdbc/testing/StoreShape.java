package io.mortar.store.jdbc.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.model.GlueJson;
import io.mortar.store.jdbc.StoreSettings;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A store as its database sees it: every table with its columns, indexes and number of rows (the migration
 * history's among them), read over JDBC while no server has it open. Two shapes are equal when nothing was
 * created, altered, dropped, inserted or deleted in between, whichever migration tool keeps the history.
 *
 * @param tables per table (by name): its columns ({@code name type}), its indexes ({@code name [unique] columns})
 *     and its row count
 */
public record StoreShape(Map<String, Table> tables) {
    public record Table(List<String> columns, List<String> indexes, long rows) {}

    /** The shape as JSON, to compare and print. */
    public JsonNode json() {
        return GlueJson.mapper().valueToTree(this);
    }

    public static StoreShape of(StoreSettings store) throws SQLException {
        try (Connection c = StoreBackend.connect(store)) {
            DatabaseMetaData meta = c.getMetaData();
            // SQLite's own tables (sqlite_stat1 and the like) are no "TABLE"; PostgreSQL's catalogs are elsewhere.
            String schema = meta.getDatabaseProductName().equals("PostgreSQL") ? "public" : null;
            Map<String, Table> tables = new TreeMap<>();
            try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    tables.put(name, new Table(columns(c, schema, name), indexes(meta, schema, name),
                            rows(c, name)));
                }
            }
            return new StoreShape(tables);
        }
    }

    /**
     * The schema alone: every table's columns and the schema's own indexes, without rows, the migration history or
     * the indexes CreatePartitionIndex made ({@code pidx_*}), which are data. Two stores of one schema version have
     * the same schema shape however they got there.
     */
    public StoreShape schemaOnly() {
        Map<String, Table> schema = new TreeMap<>();
        tables.forEach((name, table) -> {
            if (!name.equals("flyway_schema_history")) {
                schema.put(name, new Table(table.columns(), table.indexes().stream()
                        .filter(index -> !index.startsWith("pidx_")).toList(), 0));
            }
        });
        return new StoreShape(schema);
    }

    /** {@code name type}, and on PostgreSQL the collation where a column has one of its own ({@code COLLATE "C"}). */
    private static List<String> columns(Connection c, String schema, String table) throws SQLException {
        Map<String, String> collations = new TreeMap<>();
        if (schema != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT column_name, collation_name"
                    + " FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")) {
                ps.setString(1, schema);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(2) != null) {
                            collations.put(rs.getString(1), rs.getString(2));
                        }
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, schema, table, "%")) {
            while (rs.next()) {
                String name = rs.getString("COLUMN_NAME");
                String collation = collations.get(name);
                out.add(name + " " + rs.getString("TYPE_NAME") + (collation == null ? "" : " collate " + collation));
            }
        }
        return out;
    }

    private static List<String> indexes(DatabaseMetaData meta, String schema, String table) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (ResultSet rs = meta.getIndexInfo(null, schema, table, false, false)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                if (name != null) {
                    String unique = rs.getBoolean("NON_UNIQUE") ? "" : " unique";
                    out.merge(name, name + unique + " " + rs.getString("COLUMN_NAME"), (a, b) -> a + "," + b
                            .substring(b.lastIndexOf(' ') + 1));
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static long rows(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"" + table.replace("\"", "\"\"") + "\"")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
