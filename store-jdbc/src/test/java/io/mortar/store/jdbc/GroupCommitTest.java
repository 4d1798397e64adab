package io.mortar.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** SQLite's shared commits: what queued while the writer was busy commits together, each operation all or nothing. */
class GroupCommitTest {

    @Test
    void writesQueuedDuringACommitShareTheNextOneAndFailAlone() throws Exception {
        DataSource database = StoreBackend.dataSource(StoreSettings.sqliteIn(StoreBackend.tempDir("group-commit")));
        try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (n INTEGER PRIMARY KEY)");
        }
        ExecutorService clients = Executors.newFixedThreadPool(11);
        try (GroupCommit writer = new GroupCommit(database, StoreDialect.SQLITE)) {
            CountDownLatch firstRunning = new CountDownLatch(1);
            CountDownLatch releaseFirst = new CountDownLatch(1);
            Future<Integer> first = clients.submit(() -> writer.run(c -> {
                insert(c, 0);
                firstRunning.countDown();
                await(releaseFirst);
                return 0;
            }));
            firstRunning.await(30, TimeUnit.SECONDS);
            List<Future<Integer>> others = new ArrayList<>();
            for (int n = 1; n <= 10; n++) {
                int value = n;
                others.add(clients.submit(() -> writer.run(c -> {
                    insert(c, value);
                    insert(c, 100 + value);
                    if (value == 5) {
                        throw GlueException.alreadyExists("five");
                    }
                    return value;
                })));
            }
            while (writer.queued() < 10) {
                Thread.sleep(5);
            }
            long commitsBefore = writer.commits();
            releaseFirst.countDown();

            assertThat(first.get(30, TimeUnit.SECONDS)).isZero();
            for (int n = 1; n <= 10; n++) {
                Future<Integer> other = others.get(n - 1);
                if (n == 5) {
                    assertThatThrownBy(() -> other.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                            .cause().isInstanceOfSatisfying(GlueException.class,
                                    e -> assertThat(e.code()).isEqualTo(GlueErrorCode.ALREADY_EXISTS));
                } else {
                    assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo(n);
                }
            }
            // the first alone, then the ten that queued behind it together
            assertThat(writer.commits() - commitsBefore).isEqualTo(2);
        } finally {
            clients.shutdownNow();
        }
        // the failed one left nothing, not even its first row; every other one all of its rows
        List<Integer> rows = new ArrayList<>();
        try (Connection c = database.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT n FROM t ORDER BY n")) {
            while (rs.next()) {
                rows.add(rs.getInt(1));
            }
        }
        assertThat(rows).containsExactly(0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 101, 102, 103, 104, 106, 107, 108, 109, 110);
    }

    private static void insert(Connection c, int n) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (n) VALUES (?)")) {
            ps.setInt(1, n);
            ps.executeUpdate();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
