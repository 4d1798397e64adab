package io.mortar.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;

/**
 * Many writers sending UpdateTable with the same VersionId at the same instant while archiving the old definition
 * (SkipArchive false: Glue's default, and Iceberg's GlueCatalog with {@code glue.skip-archive=false}). Each round
 * exactly one writer wins and every other one gets ConcurrentModificationException, a 400 the client handles by
 * refreshing — never a server error. Raw exchanges go through a {@link GlueRelay} so a failure shows the wire.
 */
class RacingTableUpdatesTest {
    private static final int WRITERS = 8;
    private static final int ROUNDS = 20;

    @Test
    void racingArchivedUpdatesOnSqlite() throws Exception {
        race(StoreBackend.SQLITE);
    }

    @Test
    void racingArchivedUpdatesOnPostgres() throws Exception {
        race(StoreBackend.POSTGRESQL);
    }

    private static void race(StoreBackend backend) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try (TestServer server = TestServer.start(backend); GlueRelay relay = GlueRelay.to(server.endpoint())) {
            List<GlueClient> writers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                writers.add(TestServer.client(relay.endpoint(), TestServer.rootCredentials(server.dataDir())));
            }
            GlueClient glue = server.client();
            glue.createDatabase(b -> b.databaseInput(d -> d.name("race")));
            glue.createTable(b -> b.databaseName("race").tableInput(t -> t.name("t").parameters(Map.of("by", "none"))));
            long initial = Long.parseLong(glue.getTable(b -> b.databaseName("race").name("t")).table().versionId());

            for (int round = 0; round < ROUNDS; round++) {
                String version = Long.toString(initial + round);
                CyclicBarrier start = new CyclicBarrier(WRITERS);
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    GlueClient writer = writers.get(w);
                    String name = "writer-" + w;
                    outcomes.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        try {
                            writer.updateTable(b -> b.databaseName("race").versionId(version).skipArchive(false)
                                    .tableInput(t -> t.name("t").parameters(Map.of("by", name))));
                            return true;
                        } catch (ConcurrentModificationException refused) {
                            return false;
                        }
                    }));
                }
                int winners = 0;
                for (Future<Boolean> outcome : outcomes) {
                    try {
                        winners += outcome.get(60, TimeUnit.SECONDS) ? 1 : 0;
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new AssertionError("round " + round + ": a writer got neither success nor "
                                + "ConcurrentModificationException: " + e.getCause() + "\n" + lastFailures(relay), e);
                    }
                }
                assertThat(winners).as("winners of round %d", round).isEqualTo(1);
            }

            assertThat(Long.parseLong(glue.getTable(b -> b.databaseName("race").name("t")).table().versionId()))
                    .isEqualTo(initial + ROUNDS);
            long versions = glue.getTableVersionsPaginator(b -> b.databaseName("race").tableName("t")).stream()
                    .mapToLong(page -> page.tableVersions().size()).sum();
            assertThat(versions).as("each round archived exactly one version").isEqualTo(ROUNDS + 1);
            writers.forEach(GlueClient::close);
            glue.close();
        } finally {
            pool.shutdownNow();
        }
    }

    private static String lastFailures(GlueRelay relay) {
        StringBuilder text = new StringBuilder("server errors on the wire:\n");
        relay.exchanges().stream().filter(e -> e.status() >= 500).forEach(e -> text.append(e).append('\n'));
        return text.toString();
    }
}
