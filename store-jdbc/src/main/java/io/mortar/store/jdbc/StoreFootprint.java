package io.mortar.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** How much disk a store takes: the SQLite file with its WAL and shared memory, or the PostgreSQL database. */
public final class StoreFootprint {
    private StoreFootprint() {}

    public static long bytes(StoreSettings settings) {
        if (settings.dialect() == StoreDialect.SQLITE) {
            Path file = Path.of(settings.url().substring("jdbc:sqlite:".length()));
            long bytes = 0;
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Path part = file.resolveSibling(file.getFileName() + suffix);
                try {
                    bytes += Files.exists(part) ? Files.size(part) : 0;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return bytes;
        }
        try (Connection c = Jdbc.unpooledDataSource(settings).getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot measure the store: " + e.getMessage(), e);
        }
    }
}
