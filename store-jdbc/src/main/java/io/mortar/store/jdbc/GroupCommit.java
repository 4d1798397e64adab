package io.mortar.store.jdbc;

import io.mortar.model.GlueException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * SQLite's writes: one writer thread runs every write transaction, and those that queued while it committed share
 * its next commit. A commit with {@code synchronous=FULL} waits for an fsync (milliseconds on ordinary disks), and
 * SQLite commits one writer at a time, so one fsync per operation capped writes at a few hundred a second and, with
 * many clients, made each wait for every other's fsync. Sharing keeps each operation all or nothing: each runs in a
 * savepoint of its own and fails alone (its savepoint rolled back), and none is answered before the commit that
 * holds it, so nothing is acknowledged that a crash could lose.
 *
 * <p>Operations must not start another write transaction from inside one (the writer would wait for itself); the
 * single writer connection never allowed that either.
 */
final class GroupCommit implements AutoCloseable {
    /** Operations per commit, at most: bounds what one failed commit takes with it, and the first one's wait. */
    static final int MAX_BATCH = 64;

    private final DataSource writer;
    private final StoreDialect dialect;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final AtomicLong commits = new AtomicLong();
    private volatile boolean closed;

    /** One queued operation and how it ended. */
    private record Pending<T>(Jdbc.Work<T> work, CompletableFuture<T> outcome) {}

    GroupCommit(DataSource writer, StoreDialect dialect) {
        this.writer = writer;
        this.dialect = dialect;
        this.thread = new Thread(this::commitLoop, "mortar-store-commits");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs work in a write transaction of its own, or a savepoint of a shared one; answers once it is committed. */
    <T> T run(Jdbc.Work<T> work) {
        if (closed) {
            throw storeClosed();
        }
        CompletableFuture<T> outcome = new CompletableFuture<>();
        queue.add(new Pending<>(work, outcome));
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GlueException.internal("Interrupted while waiting for a catalog transaction", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw GlueException.internal("Catalog store failure: " + cause.getMessage(), cause);
        }
    }

    private void commitLoop() {
        List<Pending<?>> batch = new ArrayList<>();
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            commit(batch);
            batch.clear();
        }
        for (Pending<?> left = queue.poll(); left != null; left = queue.poll()) {
            left.outcome().completeExceptionally(storeClosed());
        }
    }

    /** Runs the batch in one transaction, retried whole on a lock conflict, and completes every operation of it. */
    private void commit(List<Pending<?>> batch) {
        for (int attempt = 1; ; attempt++) {
            List<Object> values = new ArrayList<>(batch.size());
            List<Throwable> failures = new ArrayList<>(batch.size());
            try (Connection c = writer.getConnection()) {
                c.setAutoCommit(false);
                try {
                    for (Pending<?> pending : batch) {
                        runOne(c, pending, batch.size() > 1, values, failures);
                    }
                    c.commit();
                    commits.incrementAndGet();
                } catch (SQLException | RuntimeException | Error e) {
                    rollbackQuietly(c, e);
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (dialect.isRetryable(e) && attempt < Jdbc.MAX_ATTEMPTS) {
                    Jdbc.backOff(attempt);
                    continue;
                }
                failAll(batch, e);
                return;
            } catch (RuntimeException | Error e) {
                failAll(batch, e);
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                complete(batch.get(i), values.get(i), failures.get(i));
            }
            return;
        }
    }

    /**
     * Runs one operation: alone, as the whole transaction (an exception rolls it all back); among others, in a
     * savepoint that its failure rolls back. A lock conflict, or a failure the savepoint cannot undo, fails the
     * whole transaction.
     */
    private void runOne(Connection c, Pending<?> pending, boolean shared, List<Object> values,
                        List<Throwable> failures) throws SQLException {
        if (!shared) {
            values.add(pending.work().run(c));
            failures.add(null);
            return;
        }
        Savepoint savepoint = c.setSavepoint();
        try {
            values.add(pending.work().run(c));
            failures.add(null);
            c.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            if (dialect.isRetryable(e)) {
                throw e;
            }
            c.rollback(savepoint);
            c.releaseSavepoint(savepoint);
            values.add(null);
            failures.add(GlueException.internal("Catalog store failure: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            c.rollback(savepoint);
            c.releaseSavepoint(savepoint);
            values.add(null);
            failures.add(e);
        }
    }

    private static GlueException storeClosed() {
        return GlueException.internal("Catalog store failure: the store is closed", null);
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Pending<T> pending, Object value, Throwable failure) {
        if (failure != null) {
            pending.outcome().completeExceptionally(failure);
        } else {
            pending.outcome().complete((T) value);
        }
    }

    private static void failAll(List<Pending<?>> batch, Throwable failure) {
        for (Pending<?> pending : batch) {
            pending.outcome().completeExceptionally(failure);
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /** Operations waiting for the writer. */
    int queued() {
        return queue.size();
    }

    /** Transactions committed so far. */
    long commits() {
        return commits.get();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
