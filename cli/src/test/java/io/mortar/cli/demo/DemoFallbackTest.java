package io.mortar.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.MortarServer;
import io.mortar.server.config.ConfigLoader;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * What most first runs of {@code mortar demo} meet: no PostgreSQL where the default points. The demo must still
 * succeed, with the summary in the lake and the catalog instead, and leave no connection behind.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DemoFallbackTest {
    @Test
    void aDefaultPostgresThatDoesNotAnswerSendsTheSummaryToTheLake() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        PostgresTarget nowhere = PostgresTarget.parse("jdbc:postgresql://127.0.0.1:" + closedPort
                + "/mortar_test?user=mortar_test&password=mortar_test", false, "the default").orElseThrow();
        Path dir = StoreBackend.tempDir("mortar-demo-test-fallback");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            DemoRun.Settings settings = new DemoRun.Settings(2_000, 10, 42, 2, dir, Optional.of(nowhere), false,
                    Map.of());
            int exit = new DemoRun(settings, new PrintWriter(out, true), new PrintWriter(err, true)).run();

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString())
                    .contains("no PostgreSQL answered at jdbc:postgresql://127.0.0.1:" + closedPort
                            + "/mortar_test?user=mortar_test")
                    .contains("The summary goes to the lake instead")
                    .contains("in the lake: s3://demo/summary/tag_summary/, catalog table demo.tag_summary")
                    .doesNotContain("password=mortar_test");
            Map<String, Long> counted = new TreeMap<>();
            for (Group g : ParquetFiles.read(dir.resolve("s3/data/demo/tagged/tickets"))) {
                ParquetFiles.strings(g, "tags").forEach(tag -> counted.merge(tag, 1L, Long::sum));
            }
            Map<String, Long> summary = new TreeMap<>();
            for (Group g : ParquetFiles.read(dir.resolve("s3/data/demo/summary/tag_summary"))) {
                summary.put(g.getString("tag", 0), g.getLong("rows", 0));
            }
            assertThat(summary).isNotEmpty().isEqualTo(counted);
            try (MortarServer server = MortarServer.start(ConfigLoader.load(null, Map.of(),
                    Map.of("mortar.data-dir", dir.resolve("mortar").toString(), "mortar.port", "0")));
                 GlueClient glue = TestServer.client(server)) {
                Table table = glue.getTable(b -> b.databaseName("demo").name("tag_summary")).table();
                assertThat(table.storageDescriptor().location()).startsWith("s3://demo/summary/tag_summary");
                assertThat(table.storageDescriptor().columns()).extracting(Column::name)
                        .containsExactly("tag", "rows", "share");
                assertThat(glue.getConnections(b -> b.hidePassword(true)).connectionList())
                        .as("the connection that did not answer is deleted").isEmpty();
            }
        } finally {
            FileUtils.deleteQuietly(dir.toFile());
        }
    }
}
