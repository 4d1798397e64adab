package io.mortar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mortar.bench.AuthSigners.Signer;
import io.mortar.server.auth.AccessKeys;
import io.mortar.server.config.AuthConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The auth-overhead benchmark's signers against a real server with authentication: each is accepted for the
 * operations the benchmark times, and is really decided by its own policy (not the root's allow-all), and the
 * client with many keys signs request by request with the next one.
 */
class AuthSignersTest {
    private static final long PARTITIONS = PartitionDataSet.REGIONS;
    private static MortarTarget server;
    private static List<Signer> signers;
    private static final List<GlueClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = MortarTarget.start(MortarTarget.Backend.SQLITE, null, false, AuthConfig.ON);
        GlueClient root = client(server.credentials());
        PartitionBenchmark.createTable(root);
        new PartitionLoader(root, 2, "test").load(0, PARTITIONS, null);
        root.createDatabase(b -> b.databaseInput(d -> d.name("other")));
        signers = AuthSigners.of(server, 4);
    }

    @AfterAll
    static void stop() {
        clients.forEach(GlueClient::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everySignerMayMakeEveryTimedCallAndGetsTheRightAnswer() {
        assertThat(signers).extracting(Signer::name).containsExactly("root", "analyst", "etl", "4 keys");
        for (Signer signer : signers) {
            GlueClient client = client(signer);
            for (AuthOverheadBenchmark.Operation operation : AuthOverheadBenchmark.operations(PARTITIONS)) {
                LongSupplier call = operation.call().apply(client);
                for (int i = 0; i < 5; i++) {
                    assertThat(call.getAsLong()).as(operation.name() + " by " + signer.name()).isPositive();
                }
            }
        }
    }

    @Test
    void theAnalystMayOnlyReadAndTheEtlKeyOnlyItsDatabase() {
        GlueClient analyst = client(signer("analyst"));
        GlueClient etl = client(signer("etl"));

        assertThat(analyst.getDatabase(b -> b.name("other")).database().name()).isEqualTo("other");
        assertThat(denied(() -> analyst.createDatabase(b -> b.databaseInput(d -> d.name("mine")))))
                .isEqualTo("AccessDeniedException");
        assertThat(denied(() -> etl.getDatabase(b -> b.name("other")))).isEqualTo("AccessDeniedException");
        assertThat(denied(() -> etl.deleteTable(b -> b.databaseName(PartitionDataSet.DATABASE)
                .name(PartitionDataSet.TABLE)))).isEqualTo("AccessDeniedException");
        assertThat(etl.getDatabase(b -> b.name(PartitionDataSet.DATABASE)).database().name())
                .isEqualTo(PartitionDataSet.DATABASE);
    }

    @Test
    void theClientWithManyKeysSignsEachRequestWithTheNextKey() {
        Signer many = signer("4 keys");
        RotatingCredentials keys = (RotatingCredentials) many.credentials();
        long before = keys.handedOut();
        GlueClient client = client(many);
        for (int i = 0; i < 8; i++) {
            client.getTable(b -> b.databaseName(PartitionDataSet.DATABASE).name(PartitionDataSet.TABLE));
        }
        assertThat(keys.handedOut() - before).isEqualTo(8);
    }

    @Test
    void theServerSeesEveryKeyOfTheRotation() {
        AccessKeys keys = server.accessKeys().orElseThrow();
        List<AwsBasicCredentials> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            AccessKeys.Issued issued = keys.createUserKey("rotation-" + i, List.of(AuthSigners.ANALYST));
            four.add(AwsBasicCredentials.create(issued.accessKeyId(), issued.secretAccessKey()));
        }
        GlueClient client = client(new RotatingCredentials(four));
        keys.delete("rotation-1");

        // with one of the four keys deleted, exactly one request in four is refused
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            try {
                client.getTable(b -> b.databaseName(PartitionDataSet.DATABASE).name(PartitionDataSet.TABLE));
            } catch (AwsServiceException e) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                refused++;
            }
        }
        assertThat(refused).isEqualTo(2);
    }

    @Test
    void theBatchKeysAreOneHundredDistinctPartitionsOfTheTable() {
        assertThat(AuthOverheadBenchmark.batchKeys(PARTITIONS)).hasSize(100).doesNotHaveDuplicates()
                .allSatisfy(key -> assertThat(key.values()).hasSize(3));
    }

    private static String denied(Runnable call) {
        return catchThrowableOfType(call::run, AwsServiceException.class).awsErrorDetails().errorCode();
    }

    private static Signer signer(String name) {
        return signers.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static GlueClient client(Signer signer) {
        return client(signer.credentials());
    }

    private static GlueClient client(AwsCredentialsProvider credentials) {
        GlueClient client = BenchTarget.client(server.endpoint(), 2, credentials);
        clients.add(client);
        return client;
    }
}
