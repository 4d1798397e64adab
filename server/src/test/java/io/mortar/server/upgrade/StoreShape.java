package io.mortar.server.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.catalog.store.StoreSettings;
import io.mortar.model.GlueJson;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
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
record StoreShape(Map<String, Table> tables) {
    record Table(List<String> columns, List<String> indexes, long rows) {}

    /** The shape as JSON, for {@link JsonDiff}. */
    JsonNode json() {
        return GlueJson.mapper().valueToTree(this);
    }

    static StoreShape of(StoreSettings store) throws SQLException {
        try (Connection c = DriverManager.getConnection(store.url(), store.user(), store.password())) {
            DatabaseMetaData meta = c.getMetaData();
            // SQLite's own tables (sqlite_stat1 and the like) are no "TABLE"; PostgreSQL's catalogs are elsewhere.
            String schema = meta.getDatabaseProductName().equals("PostgreSQL") ? "public" : null;
            Map<String, Table> tables = new TreeMap<>();
            try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    tables.put(name, new Table(columns(meta, schema, name), indexes(meta, schema, name),
                            rows(c, name)));
                }
            }
            return new StoreShape(tables);
        }
    }

    private static List<String> columns(DatabaseMetaData meta, String schema, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(null, schema, table, "%")) {
            while (rs.next()) {
                out.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
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
