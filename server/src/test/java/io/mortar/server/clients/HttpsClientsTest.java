package io.mortar.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.server.config.TlsConfig;
import io.mortar.server.testing.SelfSignedCertificate;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * boto3 and the AWS CLI over HTTPS, as a user points them at a server with a self-signed certificate: with
 * {@code AWS_CA_BUNDLE} naming the certificate they create and read a database; without it they refuse the server,
 * as they must refuse any certificate they have no reason to trust.
 */
class HttpsClientsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Creates the database named by argv[2] at the endpoint argv[1] and prints the name Glue gives back. */
    private static final String CREATE_AND_READ = String.join("\n",
            "import sys, boto3",
            "glue = boto3.client('glue', endpoint_url=sys.argv[1])",
            "glue.create_database(DatabaseInput={'Name': sys.argv[2]})",
            "print(glue.get_database(Name=sys.argv[2])['Database']['Name'])");

    @TempDir
    static Path dir;
    private static SelfSignedCertificate certificate;
    private static ClientEnvironment environment;
    private static TestServer server;

    @BeforeAll
    static void start() {
        environment = ClientEnvironment.create();
        certificate = SelfSignedCertificate.create(dir, "EC");
        server = TestServer.start(StoreBackend.SQLITE, config -> config.withListen(config.listen().withTls(
                TlsConfig.of(certificate.certificateFile(), certificate.keyFile()))));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (environment != null) {
            environment.close();
        }
    }

    /** The clients sign with the server's root key. */
    private static ClientEnvironment signed() {
        return environment.signingAs(TestServer.rootCredentials(server.dataDir()));
    }

    private static Map<String, String> trusting() {
        Map<String, String> variables = new TreeMap<>(signed().variables());
        variables.put("AWS_CA_BUNDLE", certificate.certificateFile().toString());
        return variables;
    }

    private static ClientProcess.Result boto3(Map<String, String> variables, String database) {
        environment.requireBoto3();
        return ClientProcess.run(List.of(ClientEnvironment.python(), "-c", CREATE_AND_READ,
                server.endpoint().toString(), database), variables, TIMEOUT);
    }

    private static ClientProcess.Result awsCli(Map<String, String> variables, String... args) {
        environment.requireAwsCli();
        List<String> command = new ArrayList<>(List.of(ClientEnvironment.awsCli(), "glue"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", server.endpoint().toString(), "--output", "json"));
        return ClientProcess.run(command, variables, TIMEOUT);
    }

    @Test
    void boto3TrustingTheCertificateCreatesAndReadsADatabase() {
        ClientProcess.Result run = boto3(trusting(), "boto_over_tls");

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdout().strip()).isEqualTo("boto_over_tls");
        try (GlueClient glue = trustingSdkClient()) {
            assertThat(glue.getDatabase(r -> r.name("boto_over_tls")).database().name()).isEqualTo("boto_over_tls");
        }
    }

    /** The AWS SDK trusting the certificate, to see on the server's side what a client did. */
    private static GlueClient trustingSdkClient() {
        return GlueClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(TestServer.rootCredentials(server.dataDir()))
                .httpClient(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(certificate::trustManagers)
                        .build())
                .build();
    }

    @Test
    void boto3WithoutTheCertificateRefusesTheServer() {
        ClientProcess.Result run = boto3(signed().variables(), "boto_untrusted");

        assertThat(run.exitCode()).as(run::describe).isNotZero();
        assertThat(run.stderr()).as(run::describe).contains("CERTIFICATE_VERIFY_FAILED");
    }

    @Test
    void theAwsCliTrustingTheCertificateCreatesAndReadsADatabase() throws Exception {
        ClientProcess.Result create = awsCli(trusting(), "create-database", "--database-input",
                "{\"Name\":\"cli_over_tls\"}");
        assertThat(create.exitCode()).as(create::describe).isZero();

        ClientProcess.Result get = awsCli(trusting(), "get-database", "--name", "cli_over_tls");

        assertThat(get.exitCode()).as(get::describe).isZero();
        JsonNode database = JSON.readTree(get.stdout()).get("Database");
        assertThat(database.get("Name").asText()).isEqualTo("cli_over_tls");
    }

    @Test
    void theAwsCliWithoutTheCertificateRefusesTheServer() {
        ClientProcess.Result run = awsCli(signed().variables(), "get-databases");

        assertThat(run.exitCode()).as(run::describe).isNotZero();
        assertThat(run.stderr()).as(run::describe).contains("CERTIFICATE_VERIFY_FAILED");
    }
}
