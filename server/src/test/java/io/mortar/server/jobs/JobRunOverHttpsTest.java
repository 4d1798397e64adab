package io.mortar.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.config.DriverCapacity;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.TlsConfig;
import io.mortar.server.testing.JobRunWaits;
import io.mortar.server.testing.SelfSignedCertificate;
import io.mortar.server.testing.SignedHttp;
import io.mortar.server.testing.TestServer;
import io.mortar.store.auth.KeyKind;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

/**
 * A job run on a server with authentication and HTTPS (a self-signed certificate): its driver reaches the catalog
 * over TLS, trusting the certificate the server hands it, and signing with its own credential, which ends with the
 * run.
 */
class JobRunOverHttpsTest {
    @TempDir
    Path dir;

    @Test
    void aSqlJobReadsTheCatalogOverHttpsWithItsOwnCredential() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(dir, "RSA");
        JobsConfig defaults = JobsConfig.defaults(System.getenv());
        JobsConfig jobs = new JobsConfig("local[1]", defaults.sparkJars(), defaults.javaHome(), "512m",
                Map.of("spark.ui.enabled", "false"), Duration.ofSeconds(60), Duration.ofSeconds(1),
                DriverCapacity.of(2, 64L << 30, "512m"));
        Path people = Files.createDirectories(dir.resolve("people"));
        Files.writeString(people.resolve("part-0.csv"), "1,ada\n2,grace\n");
        Path script = Files.writeString(dir.resolve("count.sql"), "SELECT count(*) AS people FROM tls_db.people");

        try (TestServer server = TestServer.start(StoreBackend.SQLITE, config -> config.withJobs(jobs)
                .withListen(config.listen().withTls(TlsConfig.of(certificate.certificateFile(),
                        certificate.keyFile()))));
             GlueClient glue = GlueClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(TestServer.rootCredentials(server.dataDir()))
                     .httpClient(UrlConnectionHttpClient.builder()
                             .tlsTrustManagersProvider(certificate::trustManagers).build())
                     .build()) {
            assertThat(server.endpoint().getScheme()).isEqualTo("https");
            glue.createDatabase(r -> r.databaseInput(d -> d.name("tls_db")));
            glue.createTable(r -> r.databaseName("tls_db").tableInput(t -> t.name("people")
                    .parameters(Map.of("classification", "csv"))
                    .storageDescriptor(sd -> sd.location(people.toUri().toString())
                            .columns(c -> c.name("id").type("int"), c -> c.name("name").type("string"))
                            .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                            .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                            .serdeInfo(s -> s.serializationLibrary(
                                    "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
                                    .parameters(Map.of("field.delim", ","))))));
            glue.createJob(r -> r.name("count").role("glue")
                    .command(c -> c.name("glueetl").scriptLocation(script.toString())));
            String runId = glue.startJobRun(r -> r.jobName("count")).jobRunId();

            JobRun run = JobRunWaits.awaitEnd(glue, "count", runId, Duration.ofMinutes(5));

            String log = HttpClient.newBuilder().sslContext(certificate.clientContext()).build()
                    .send(SignedHttp.get(URI.create(server.endpoint() + "/runs/" + runId + "/log"),
                            server.server()), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(run.jobRunState()).as("%s\n%s", run.errorMessage(), log).isEqualTo(JobRunState.SUCCEEDED);
            assertThat(log).contains("Mirrored catalog table tls_db.people into the Spark session")
                    .containsPattern("\\|\\s*2\\s*\\|");
            // the run's credential ends with it (revoked just after the end is recorded)
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!server.server().stores().accessKeys().list(Set.of(KeyKind.RUN)).isEmpty()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(server.server().stores().accessKeys().list(Set.of(KeyKind.RUN))).isEmpty();
        }
    }
}
