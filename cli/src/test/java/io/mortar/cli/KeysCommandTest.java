package io.mortar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * {@code mortar keys}: keys made, listed, re-policied and deleted through the CLI, which signs with the local
 * server's root key; the printed profile is a working shared-credentials file.
 */
class KeysCommandTest {
    private static TestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start(StoreBackend.SQLITE);
        try (GlueClient glue = server.client()) {
            glue.createDatabase(r -> r.databaseInput(d -> d.name("keys_db")));
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aKeyIsCreatedUsedReplacedAndDeleted() throws Exception {
        Path policy = Files.writeString(dir.resolve("analyst.json"), """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["glue:Get*"],
                 "Resource": "*"}]}""");
        CliRun created = CliRun.against(server, "keys", "create", "analyst", "--policy", policy.toString());
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("[analyst]", "aws_access_key_id = AKIA", "aws_secret_access_key = ");
        Path credentials = Files.writeString(dir.resolve("credentials"), created.out());

        try (GlueClient analyst = TestServer.client(server.endpoint(), profile(credentials))) {
            assertThat(analyst.getDatabase(r -> r.name("keys_db")).database().name()).isEqualTo("keys_db");
            assertThat(catchThrowableOfType(AwsServiceException.class,
                    () -> analyst.deleteDatabase(r -> r.name("keys_db"))).awsErrorDetails().errorCode())
                    .isEqualTo("AccessDeniedException");
        }

        CliRun listed = CliRun.against(server, "keys", "list", "--policies");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("root", "ROOT", "analyst", "USER", "glue:Get*")
                .doesNotContain(secretOf(created.out()));

        CliRun replaced = CliRun.against(server, "keys", "policy", "analyst", "--policy",
                "{\"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\"}]}");
        assertThat(replaced.exit()).as(replaced.err()).isZero();
        try (GlueClient analyst = TestServer.client(server.endpoint(), profile(credentials))) {
            assertThat(catchThrowableOfType(AwsServiceException.class,
                    () -> analyst.getDatabase(r -> r.name("keys_db"))).awsErrorDetails().errorMessage())
                    .contains("with an explicit deny");
        }

        CliRun deleted = CliRun.against(server, "keys", "delete", "analyst");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        try (GlueClient analyst = TestServer.client(server.endpoint(), profile(credentials))) {
            assertThat(catchThrowableOfType(AwsServiceException.class,
                    () -> analyst.getDatabase(r -> r.name("keys_db"))).awsErrorDetails().errorCode())
                    .isEqualTo("UnrecognizedClientException");
        }
    }

    @Test
    void aBadPolicyIsRefusedNamingTheFieldAndTheRootKeyCannotBeDeleted() {
        CliRun bad = CliRun.against(server, "keys", "create", "broken", "--policy",
                "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\"}]}");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("InvalidInputException").contains("Resource");

        CliRun root = CliRun.against(server, "keys", "delete", "root");
        assertThat(root.exit()).isEqualTo(2);
        assertThat(root.err()).contains("root key cannot be deleted");
    }

    @Test
    void withoutTheLocalKeyTheCliIsRefusedAsAnyUnsignedClient() {
        Map<String, String> elsewhere = new HashMap<>(Map.of("MORTAR_DATA_DIR", dir.toString()));
        CliRun run = CliRun.run(elsewhere, "--endpoint", server.endpoint().toString(), "databases");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("MissingAuthenticationTokenException");
    }

    private static ProfileCredentialsProvider profile(Path file) {
        return ProfileCredentialsProvider.builder().profileFile(ProfileFile.builder().content(file)
                .type(ProfileFile.Type.CREDENTIALS).build()).profileName("analyst").build();
    }

    private static String secretOf(String printed) {
        return printed.lines().filter(l -> l.startsWith("aws_secret_access_key = ")).findFirst().orElseThrow()
                .substring("aws_secret_access_key = ".length());
    }
}
