package io.mortar.store.jdbc;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where and how the catalog is stored.
 *
 * @param url a {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://…} URL
 * @param user database user (PostgreSQL; may also be in the URL), or null
 * @param password database password, or null
 * @param maxConnections the size of the readers' connection pool; writers have their own: one connection on SQLite
 *     (one writer at a time), as many as the readers on PostgreSQL
 * @param durableCommits SQLite only: fsync on every commit ({@code synchronous=FULL}) so a power loss keeps
 *     every acknowledged write; with false ({@code NORMAL}) commits survive a process crash but the last few
 *     may be lost to a power cut
 */
public record StoreSettings(String url, String user, String password, int maxConnections, boolean durableCommits) {
    public StoreSettings {
        requireNonNull(url, "url");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
    }

    /** The embedded default: one SQLite file in the data directory. */
    public static StoreSettings sqliteIn(Path dataDir) {
        return new StoreSettings("jdbc:sqlite:" + dataDir.resolve("catalog.db").toAbsolutePath(), null, null, 4, true);
    }

    public static StoreSettings of(String url) {
        return new StoreSettings(url, null, null, StoreDialect.fromJdbcUrl(url) == StoreDialect.SQLITE ? 4 : 16, true);
    }

    public StoreDialect dialect() {
        return StoreDialect.fromJdbcUrl(url);
    }
}
