package io.mortar.store.jdbc;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mortar.model.GlueException;
import io.mortar.store.jdbc.migration.SchemaMigrations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connection pool and the transaction discipline every store operation runs under: one transaction per
 * operation, retried when the database reports a lock or serialization conflict, never half-applied.
 */
public final class Jdbc implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Jdbc.class);
    static final int MAX_ATTEMPTS = 8;
    private static final long STATISTICS_INTERVAL_SECONDS = 60;

    private final StoreDialect dialect;
    private final HikariDataSource writers;
    /**
     * Readers apart from the writers. SQLite: so WAL lets reads run while the single writer writes. PostgreSQL: so
     * that writers waiting for a table's row lock (every partition writer and UpdateTable of a table takes it in
     * turn) never hold every connection while reads, which wait for no lock, queue behind them for one.
     */
    private final HikariDataSource readers;
    /** SQLite: refreshes the query planner's statistics after writes (PostgreSQL's autovacuum does it there). */
    private final ScheduledExecutorService statistics;
    private final AtomicBoolean writtenSinceStatistics = new AtomicBoolean();
    /** SQLite: the writer connection's one user, which lets queued write transactions share a commit. */
    private final GroupCommit groupCommit;

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public Jdbc(StoreSettings settings) {
        requireNonNull(settings, "settings");
        this.dialect = settings.dialect();
        if (dialect == StoreDialect.SQLITE) {
            migrate(settings);
            // One writer connection: SQLite admits one writer at a time anyway, and queueing in the pool is
            // cheaper and fairer than busy-waiting on the file lock.
            this.writers = pool(settings, "mortar-store-writer", 1, sqlite(settings, true));
            this.readers = pool(settings, "mortar-store-reader", settings.maxConnections(), sqlite(settings, false));
            this.statistics = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "mortar-store-statistics");
                thread.setDaemon(true);
                return thread;
            });
            statistics.scheduleWithFixedDelay(this::refreshStatisticsAfterWrites, STATISTICS_INTERVAL_SECONDS,
                    STATISTICS_INTERVAL_SECONDS, TimeUnit.SECONDS);
            this.groupCommit = new GroupCommit(writers, dialect);
        } else {
            HikariConfig writerConfig = baseConfig(settings, "mortar-store-writer", settings.maxConnections());
            writerConfig.addDataSourceProperty("reWriteBatchedInserts", "true");
            this.writers = new HikariDataSource(writerConfig);
            this.readers = new HikariDataSource(baseConfig(settings, "mortar-store-reader", settings.maxConnections()));
            this.statistics = null;
            this.groupCommit = null;
            migrate(settings);
        }
    }

    /**
     * SQLite plans partition queries from the statistics in {@code sqlite_stat1} (seeded by the schema, see
     * V2_2__partition_value_key_unique.sql). {@code PRAGMA optimize} re-analyzes, on a bounded sample so it takes
     * milliseconds, only the tables whose size moved far from what their statistics say. Connections load statistics
     * when they open, so when the partitions' statistics changed the readers are recycled to plan with the new figures
     * (and only then: a fresh connection starts with a cold page cache).
     */
    private void refreshStatisticsAfterWrites() {
        if (!writtenSinceStatistics.getAndSet(false)) {
            return;
        }
        try {
            refreshStatistics();
        } catch (RuntimeException e) {
            LOG.warn("Refreshing SQLite planner statistics failed: {}", e.getMessage());
        }
    }

    /** Brings SQLite's planner statistics up to date now (a no-op on PostgreSQL, whose autovacuum does it). */
    public void refreshStatistics() {
        if (dialect != StoreDialect.SQLITE) {
            return;
        }
        boolean changed = run(writers, connection -> {
            try (Statement st = connection.createStatement()) {
                String before = partitionStatistics(st);
                st.execute("PRAGMA optimize(0x10002)"); // 0x10000: check every table's size, 0x2: analyze
                return !before.equals(partitionStatistics(st));
            }
        });
        if (changed) {
            readers.getHikariPoolMXBean().softEvictConnections();
            LOG.debug("SQLite planner statistics of partitions refreshed");
        }
    }

    private static String partitionStatistics(Statement st) throws SQLException {
        StringBuilder stats = new StringBuilder();
        try (ResultSet rs = st.executeQuery("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'partitions' ORDER BY idx")) {
            while (rs.next()) {
                stats.append(rs.getString(1)).append('=').append(rs.getString(2)).append(';');
            }
        }
        return stats.toString();
    }

    /**
     * Brings the schema up to date on a connection of its own, before the pools serve anything (SQLite: before
     * the readers open, since they cannot create the file or its tables).
     */
    private void migrate(StoreSettings settings) {
        new SchemaMigrations(dialect).migrate(unpooledDataSource(settings));
    }

    /**
     * A data source that opens a new connection per request, configured as the writer's would be: for the migrations
     * alone, which run before the pools open.
     */
    public static DataSource unpooledDataSource(StoreSettings settings) {
        if (settings.dialect() == StoreDialect.SQLITE) {
            SQLiteDataSource source = new SQLiteDataSource(sqliteConfig(settings, true));
            source.setUrl(settings.url());
            return source;
        }
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(settings.url());
        if (settings.user() != null) {
            source.setUser(settings.user());
        }
        if (settings.password() != null) {
            source.setPassword(settings.password());
        }
        return source;
    }

    private static java.util.Properties sqlite(StoreSettings settings, boolean writer) {
        return sqliteConfig(settings, writer).toProperties();
    }

    private static SQLiteConfig sqliteConfig(StoreSettings settings, boolean writer) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(settings.durableCommits()
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        // The writer takes the lock when it begins, so it never fails upgrading a read lock mid-transaction.
        sqlite.setTransactionMode(writer ? SQLiteConfig.TransactionMode.IMMEDIATE
                : SQLiteConfig.TransactionMode.DEFERRED);
        sqlite.setBusyTimeout(30_000);
        sqlite.setCacheSize(-65_536); // 64 MiB page cache per connection
        sqlite.setTempStore(SQLiteConfig.TempStore.MEMORY);
        return sqlite;
    }

    private static HikariDataSource pool(StoreSettings settings, String name, int size, java.util.Properties props) {
        HikariConfig config = baseConfig(settings, name, size);
        config.setDataSourceProperties(props);
        return new HikariDataSource(config);
    }

    private static HikariConfig baseConfig(StoreSettings settings, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        return config;
    }

    public StoreDialect dialect() {
        return dialect;
    }

    /**
     * Runs work in one write transaction; commits on return, rolls back on any exception. On SQLite the transaction
     * may be shared with other writes that queued meanwhile (see {@link GroupCommit}), the work then in a savepoint
     * of its own: all or nothing either way, and answered only once committed.
     */
    public <T> T inTransaction(Work<T> work) {
        T result = groupCommit != null ? groupCommit.run(work) : run(writers, work);
        writtenSinceStatistics.lazySet(true);
        return result;
    }

    /** Read-only work in one transaction, so multi-statement reads see one snapshot. */
    public <T> T read(Work<T> work) {
        return run(readers, work);
    }

    private <T> T run(HikariDataSource pool, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = pool.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException | Error e) {
                    rollbackQuietly(connection, e);
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (dialect.isRetryable(e) && attempt < MAX_ATTEMPTS) {
                    backOff(attempt);
                    continue;
                }
                throw GlueException.internal("Catalog store failure: " + e.getMessage(), e);
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 10 << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GlueException.internal("Interrupted while retrying a catalog transaction", e);
        }
    }

    @Override
    public void close() {
        if (statistics != null) {
            statistics.shutdownNow();
        }
        if (groupCommit != null) {
            groupCommit.close();
        }
        if (readers != writers) {
            readers.close();
        }
        writers.close();
    }
}
