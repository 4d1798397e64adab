package io.mortar.server.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.server.auth.AccessKeys;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * Authentication and authorization as a client sees them, through real clients — the AWS SDK for Java v2 (its own
 * signer, and its GlueClient), boto3 and the AWS CLI — on one backend: a correctly signed request passes; every way a
 * signature can be wrong is refused with AWS's error type; keys' policies allow and deny as written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuthContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GET_DATABASES = "GetDatabases";

    private TestServer server;
    private SignedRequests requests;
    private AwsCredentials root;
    private ClientEnvironment clients;

    abstract StoreBackend backend();

    @BeforeAll
    void start() {
        server = TestServer.start(backend());
        requests = new SignedRequests(server.endpoint());
        root = TestServer.rootCredentials(server.dataDir()).resolveCredentials();
        clients = ClientEnvironment.create();
        try (GlueClient glue = server.client()) {
            for (String db : List.of("sales", "hr")) {
                glue.createDatabase(b -> b.databaseInput(d -> d.name(db)));
                glue.createTable(b -> b.databaseName(db).tableInput(t -> t.name("orders")));
            }
        }
    }

    @AfterAll
    void stop() {
        if (clients != null) {
            clients.close();
        }
        if (server != null) {
            server.close();
        }
    }

    // ------------------------------------------------------------------ signatures

    @Test
    void aCorrectlySignedRequestPasses() {
        SignedRequests.Answer answer = SignedRequests.send(requests.signed(GET_DATABASES, "{}", root));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"sales\"");
        try (GlueClient glue = server.client()) {
            assertThat(glue.getDatabases(b -> { }).databaseList()).extracting(d -> d.name()).contains("sales", "hr");
        }
    }

    @Test
    void theRootKeyIsWrittenOwnerOnlyInTheSharedCredentialsFormat() throws IOException {
        Path file = server.server().credentialsFile();
        assertThat(file).isEqualTo(server.dataDir().resolve("credentials"));
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(file)).contains("[default]")
                .contains("aws_access_key_id = " + root.accessKeyId())
                .contains("aws_secret_access_key = " + root.secretAccessKey());
        // encrypted at rest: the secret is nowhere in the store's row
        assertThat(server.server().stores().accessKeys().find(root.accessKeyId()).orElseThrow().secretCiphertext())
                .doesNotContain(root.secretAccessKey()).startsWith("v1:");
    }

    @Test
    void anUnsignedRequestIsRefused() {
        assertRefused(requests.unsigned(GET_DATABASES, "{}"), "MissingAuthenticationTokenException",
                "Missing Authentication Token");
    }

    @Test
    void aWrongSecretIsRefused() {
        assertRefused(requests.signed(GET_DATABASES, "{}", AwsBasicCredentials.create(root.accessKeyId(), "wrong")),
                "InvalidSignatureException", "The request signature we calculated does not match");
    }

    @Test
    void anUnknownKeyIsRefused() {
        assertRefused(requests.signed(GET_DATABASES, "{}", AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00",
                root.secretAccessKey())), "UnrecognizedClientException",
                "The security token included in the request is invalid");
    }

    @Test
    void aRequestSignedTooLongAgoOrAheadIsRefused() {
        Instant now = Instant.now();
        assertRefused(requests.signed(GET_DATABASES, "{}", root, s -> s.clock(Clock.fixed(
                now.minus(Duration.ofMinutes(16)), java.time.ZoneOffset.UTC))), "InvalidSignatureException",
                "Signature expired");
        assertRefused(requests.signed(GET_DATABASES, "{}", root, s -> s.clock(Clock.fixed(
                now.plus(Duration.ofMinutes(16)), java.time.ZoneOffset.UTC))), "InvalidSignatureException",
                "Signature not yet current");
        // within the window either side
        assertThat(SignedRequests.send(requests.signed(GET_DATABASES, "{}", root, s -> s.clock(Clock.fixed(
                now.minus(Duration.ofMinutes(14)), java.time.ZoneOffset.UTC)))).status()).isEqualTo(200);
    }

    @Test
    void aReplayPastTheSkewWindowIsRefused() {
        // A request captured as it was sent 16 minutes ago, sent again now, byte for byte.
        SignedRequests.Wire captured = requests.signed("GetDatabase", "{\"Name\":\"sales\"}", root,
                s -> s.clock(Clock.fixed(Instant.now().minus(Duration.ofMinutes(16)), java.time.ZoneOffset.UTC)));
        assertRefused(captured, "InvalidSignatureException", "Signature expired");
    }

    @Test
    void aSignatureForAnotherRegionOrServiceIsRefused() {
        assertRefused(requests.signed(GET_DATABASES, "{}", root, s -> s.region("eu-west-1")),
                "InvalidSignatureException", "Credential should be scoped to a valid region");
        assertRefused(requests.signed(GET_DATABASES, "{}", root, s -> s.service("s3")),
                "InvalidSignatureException", "Credential should be scoped to correct service: 'glue'");
    }

    @Test
    void aTamperedBodyOrSignedHeaderIsRefused() {
        SignedRequests.Wire wire = requests.signed("GetDatabase", "{\"Name\":\"sales\"}", root);
        assertThat(SignedRequests.send(wire).status()).isEqualTo(200);
        assertRefused(wire.withBody("{\"Name\":\"hr\"}"), "InvalidSignatureException", "does not match");
        assertRefused(wire.withHeader("X-Amz-Target", "AWSGlue.DeleteDatabase"), "InvalidSignatureException",
                "does not match");
        // a header the signature does not cover may change
        assertThat(SignedRequests.send(wire.withHeader("User-Agent", "changed")).status()).isEqualTo(200);
    }

    @Test
    void anIncompleteSignatureIsRefused() {
        SignedRequests.Wire wire = requests.signed(GET_DATABASES, "{}", root);
        String authorization = wire.header("Authorization");
        String withoutSignature = authorization.substring(0, authorization.indexOf(", Signature="));
        assertRefused(wire.withHeader("Authorization", withoutSignature), "IncompleteSignatureException",
                "Authorization header requires 'Signature' parameter");
        assertRefused(wire.withoutHeader("X-Amz-Date"), "IncompleteSignatureException",
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header");
    }

    @Test
    void temporaryCredentialsNeedTheirTokenAndExpire() {
        AccessKeys keys = server.server().accessKeys().orElseThrow();
        AccessKeys.Issued temporary = keys.issueTemporary("test-owner", List.of(readOnlyPolicy()),
                Instant.now().plus(Duration.ofMinutes(10)));
        AwsSessionCredentials session = AwsSessionCredentials.create(temporary.accessKeyId(),
                temporary.secretAccessKey(), temporary.sessionToken().orElseThrow());
        assertThat(SignedRequests.send(requests.signed(GET_DATABASES, "{}", session)).status()).isEqualTo(200);
        assertRefused(requests.signed(GET_DATABASES, "{}", AwsBasicCredentials.create(temporary.accessKeyId(),
                temporary.secretAccessKey())), "UnrecognizedClientException", "security token");
        assertRefused(requests.signed(GET_DATABASES, "{}", AwsSessionCredentials.create(temporary.accessKeyId(),
                temporary.secretAccessKey(), "forged")), "UnrecognizedClientException", "security token");

        AccessKeys.Issued expired = keys.issueTemporary("test-owner", List.of(readOnlyPolicy()),
                Instant.now().minusSeconds(1));
        assertRefused(requests.signed(GET_DATABASES, "{}", AwsSessionCredentials.create(expired.accessKeyId(),
                expired.secretAccessKey(), expired.sessionToken().orElseThrow())),
                "ExpiredTokenException", "expired");

        keys.revokeOwnedBy("test-owner"); // the run ended
        assertRefused(requests.signed(GET_DATABASES, "{}", session), "UnrecognizedClientException",
                "security token");
    }

    // ------------------------------------------------------------------ policies

    @Test
    void aReadOnlyAnalystKeyReadsAndIsRefusedWrites() {
        AwsCredentials analyst = createKey("analyst-" + backend().name().toLowerCase(), readOnlyPolicy());
        try (GlueClient glue = TestServer.client(server.endpoint(), StaticCredentialsProvider.create(analyst))) {
            assertThat(glue.getTable(b -> b.databaseName("sales").name("orders")).table().name()).isEqualTo("orders");
            AwsServiceException refused = catchThrowableOfType(AwsServiceException.class,
                    () -> glue.createTable(b -> b.databaseName("sales").tableInput(t -> t.name("new_table"))));
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.awsErrorDetails().errorMessage())
                    .contains("is not authorized to perform: glue:CreateTable on resource: ")
                    .contains(":user/analyst-")
                    .contains("because no identity-based policy allows the glue:CreateTable action");
        }
        try (GlueClient glue = server.client()) { // nothing was written
            assertThat(glue.getTables(b -> b.databaseName("sales")).tableList()).extracting(t -> t.name())
                    .doesNotContain("new_table");
        }
    }

    @Test
    void anEtlKeyLimitedToOneDatabase() {
        String arn = "arn:aws:glue:us-east-1:000000000000:";
        AwsCredentials etl = createKey("etl-" + backend().name().toLowerCase(), """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"glue:*",
                 "Resource":["%scatalog","%sdatabase/sales","%stable/sales/*"]}]}""".formatted(arn, arn, arn));
        try (GlueClient glue = TestServer.client(server.endpoint(), StaticCredentialsProvider.create(etl))) {
            glue.createTable(b -> b.databaseName("sales").tableInput(t -> t.name("etl_out")));
            assertThat(glue.getTable(b -> b.databaseName("sales").name("etl_out")).table().name())
                    .isEqualTo("etl_out");
            AwsServiceException refused = catchThrowableOfType(AwsServiceException.class,
                    () -> glue.getTable(b -> b.databaseName("hr").name("orders")));
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(refused.awsErrorDetails().errorMessage()).contains("glue:GetTable on resource: " + arn
                    + "database/hr");
            // listing every database needs database/*
            assertThat(catchThrowableOfType(AwsServiceException.class, () -> glue.getDatabases(b -> { }))
                    .awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            // jobs are not in its policy's resources
            assertThat(catchThrowableOfType(AwsServiceException.class, () -> glue.getJob(b -> b.jobName("any")))
                    .awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        }
    }

    @Test
    void anExplicitDenyWinsAndWildcardsMatchAsWritten() {
        AwsCredentials key = createKey("denied-" + backend().name().toLowerCase(), """
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":["glue:Get*","glue:Creat?Table","glue:DeleteTable"],"Resource":"*"},
                 {"Effect":"Deny","Action":"glue:DeleteTable","Resource":"arn:aws:glue:*:*:table/hr/*"}]}""");
        try (GlueClient glue = TestServer.client(server.endpoint(), StaticCredentialsProvider.create(key))) {
            glue.createTable(b -> b.databaseName("hr").tableInput(t -> t.name("scratch")));
            glue.createTable(b -> b.databaseName("sales").tableInput(t -> t.name("scratch")));
            glue.deleteTable(b -> b.databaseName("sales").name("scratch"));
            AwsServiceException refused = catchThrowableOfType(AwsServiceException.class,
                    () -> glue.deleteTable(b -> b.databaseName("hr").name("scratch")));
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(refused.awsErrorDetails().errorMessage()).contains("with an explicit deny");
            // "Creat?Table" is one character: CreateTable only, not CreatePartition
            assertThat(catchThrowableOfType(AwsServiceException.class, () -> glue.createDatabase(
                    b -> b.databaseInput(d -> d.name("nope")))).awsErrorDetails().errorCode())
                    .isEqualTo("AccessDeniedException");
        }
    }

    @Test
    void aKeyWithoutPoliciesMayDoNothingAndOnlyTheRootKeyManagesKeys() {
        AwsCredentials none = createKey("nothing-" + backend().name().toLowerCase());
        assertRefused(requests.signed(GET_DATABASES, "{}", none), "AccessDeniedException",
                "no identity-based policy allows the glue:GetDatabases action");
        assertRefused(requests.signedRequest("POST", "/keys", "{\"Name\":\"escalate\",\"Policies\":[]}", none),
                "AccessDeniedException", "iam:CreateAccessKey");
        // Mortar's own endpoints are refused as the Glue call they amount to
        assertRefused(requests.signedRequest("GET", "/triggers/any/events", null, none), "AccessDeniedException",
                "glue:GetTrigger");
    }

    @Test
    void aDeletedKeyIsRefusedAtOnce() {
        String name = "deleted-" + backend().name().toLowerCase();
        AwsCredentials key = createKey(name, readOnlyPolicy());
        assertThat(SignedRequests.send(requests.signed(GET_DATABASES, "{}", key)).status()).isEqualTo(200);
        assertThat(SignedRequests.send(requests.signedRequest("DELETE", "/keys/" + name, null, root)).status())
                .isEqualTo(200);
        assertRefused(requests.signed(GET_DATABASES, "{}", key), "UnrecognizedClientException", "security token");
    }

    @Test
    void aBadPolicyIsRefusedNamingTheFieldAndNoKeyIsMade() {
        String name = "bad-" + backend().name().toLowerCase();
        SignedRequests.Answer answer = SignedRequests.send(requests.signedRequest("POST", "/keys",
                "{\"Name\":\"" + name + "\",\"Policies\":[{\"Statement\":[{\"Effect\":\"allow\",\"Action\":\"*\","
                        + "\"Resource\":\"*\"}]}]}", root));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorType()).isEqualTo("InvalidInputException");
        assertThat(answer.body()).contains("Effect");
        JsonNode listed = json(SignedRequests.send(requests.signedRequest("GET", "/keys", null, root)).body());
        assertThat(listed.path("Keys").findValuesAsText("Name")).doesNotContain(name).contains("root");
    }

    @Test
    void storageNotificationsPresentAKeyAndItsSecretAsTheirSendersCan() {
        String notice = "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"lake\"}";
        AwsCredentials notifier = createKey("notifier-" + backend().name().toLowerCase(),
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"glue:NotifyEvent\","
                        + "\"Resource\":\"*\"}]}");
        String pair = notifier.accessKeyId() + ":" + notifier.secretAccessKey();
        // SNS and Ceph: HTTP Basic from the subscription URL's user and password; MinIO: its auth_token as Bearer
        for (String authorization : List.of("Basic " + Base64.getEncoder().encodeToString(
                pair.getBytes(StandardCharsets.UTF_8)), "Bearer " + pair)) {
            SignedRequests.Answer answer = SignedRequests.send(notification(notice, authorization));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }
        assertRefused(notification(notice, "Bearer " + notifier.accessKeyId() + ":wrong"),
                "UnrecognizedClientException", "security token");
        AwsCredentials reader = createKey("reader-" + backend().name().toLowerCase(), readOnlyPolicy());
        assertRefused(notification(notice, "Bearer " + reader.accessKeyId() + ":" + reader.secretAccessKey()),
                "AccessDeniedException", "glue:NotifyEvent");
        assertRefused(notification(notice, null), "MissingAuthenticationTokenException",
                "Missing Authentication Token");
        // only notifications take a bare secret: the Glue API wants a signature
        SignedRequests.Wire call = requests.unsigned(GET_DATABASES, "{}").withHeader("Authorization", "Bearer " + pair);
        assertThat(SignedRequests.send(call).errorType()).isEqualTo("IncompleteSignatureException");
    }

    private SignedRequests.Wire notification(String body, String authorization) {
        SignedRequests.Wire wire = new SignedRequests.Wire("POST", server.endpoint().resolve("/events/s3"),
                new LinkedHashMap<>(Map.of("Content-Type", "application/json")),
                body.getBytes(StandardCharsets.UTF_8));
        return authorization == null ? wire : wire.withHeader("Authorization", authorization);
    }

    // ------------------------------------------------------------------ other clients

    @Test
    void boto3SignsAndIsRefusedAsAws() {
        clients.requireBoto3();
        AwsCredentials analyst = createKey("boto-" + backend().name().toLowerCase(), readOnlyPolicy());
        String script = """
                import sys, boto3, botocore
                from botocore import UNSIGNED
                from botocore.config import Config
                endpoint, key, secret, root_key, root_secret = sys.argv[1:6]
                def glue(**kw):
                    return boto3.client("glue", endpoint_url=endpoint, region_name="us-east-1", **kw)
                def code(call):
                    try:
                        call()
                        return "OK"
                    except botocore.exceptions.ClientError as e:
                        return e.response["Error"]["Code"]
                print("root", code(lambda: glue(aws_access_key_id=root_key, aws_secret_access_key=root_secret).get_databases()))
                print("analyst-read", code(lambda: glue(aws_access_key_id=key, aws_secret_access_key=secret).get_table(DatabaseName="sales", Name="orders")))
                print("analyst-write", code(lambda: glue(aws_access_key_id=key, aws_secret_access_key=secret).delete_table(DatabaseName="sales", Name="orders")))
                print("wrong-secret", code(lambda: glue(aws_access_key_id=key, aws_secret_access_key="wrong").get_databases()))
                print("unknown-key", code(lambda: glue(aws_access_key_id="AKIANOSUCHKEY0000000", aws_secret_access_key=secret).get_databases()))
                print("unsigned", code(lambda: glue(config=Config(signature_version=UNSIGNED)).get_databases()))
                print("wrong-region", code(lambda: boto3.client("glue", endpoint_url=endpoint, region_name="eu-west-1", aws_access_key_id=key, aws_secret_access_key=secret).get_databases()))
                """;
        ClientProcess.Result run = ClientProcess.run(List.of(ClientEnvironment.python(), "-c", script,
                server.endpoint().toString(), analyst.accessKeyId(), analyst.secretAccessKey(), root.accessKeyId(),
                root.secretAccessKey()), clients.variables(), Duration.ofSeconds(120));
        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdout().lines()).as(run::describe).containsExactly(
                "root OK",
                "analyst-read OK",
                "analyst-write AccessDeniedException",
                "wrong-secret InvalidSignatureException",
                "unknown-key UnrecognizedClientException",
                "unsigned MissingAuthenticationTokenException",
                "wrong-region InvalidSignatureException");
    }

    @Test
    void theAwsCliReadsTheCredentialsFileAndIsRefusedAsAws() {
        clients.requireAwsCli();
        AwsCredentials analyst = createKey("cli-" + backend().name().toLowerCase(), readOnlyPolicy());
        AwsCli asRoot = new AwsCli(clients.signingAs(TestServer.rootCredentials(server.dataDir())),
                server.endpoint());
        assertThat(asRoot.glue("get-database", "--name", "sales").path("Database").path("Name").asText())
                .isEqualTo("sales");
        AwsCli asAnalyst = new AwsCli(clients.signingAs(StaticCredentialsProvider.create(analyst)),
                server.endpoint());
        assertThat(asAnalyst.glue("get-table", "--database-name", "hr", "--name", "orders").path("Table")
                .path("Name").asText()).isEqualTo("orders");
        assertThat(asAnalyst.glueFails("AccessDeniedException", "delete-database", "--name", "hr"))
                .contains("glue:DeleteDatabase");
        AwsCli wrong = new AwsCli(clients.signingAs(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(analyst.accessKeyId(), "wrong"))), server.endpoint());
        assertThat(wrong.glueFails("InvalidSignatureException", "get-databases")).contains("does not match");
    }

    // ------------------------------------------------------------------ helpers

    private static String readOnlyPolicy() {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Action":["glue:Get*","glue:Search*","glue:BatchGet*"],"Resource":"*"}]}""";
    }

    /** A key made through {@code POST /keys}, signed with the root key, as {@code mortar keys create} makes it. */
    private AwsCredentials createKey(String name, String... policies) {
        List<JsonNode> documents = new ArrayList<>();
        for (String policy : policies) {
            documents.add(json(policy));
        }
        String body = JSON.createObjectNode().put("Name", name)
                .set("Policies", JSON.valueToTree(documents)).toString();
        SignedRequests.Answer answer = SignedRequests.send(requests.signedRequest("POST", "/keys", body, root));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode created = json(answer.body());
        return AwsBasicCredentials.create(created.path("AccessKeyId").asText(),
                created.path("SecretAccessKey").asText());
    }

    private static void assertRefused(SignedRequests.Wire wire, String errorType, String message) {
        SignedRequests.Answer answer = SignedRequests.send(wire);
        assertThat(answer.errorType()).as(answer.body()).isEqualTo(errorType);
        assertThat(answer.status()).isEqualTo(errorType.equals("AccessDeniedException") ? 400 : 403);
        assertThat(json(answer.body()).path("__type").asText()).isEqualTo(errorType);
        assertThat(json(answer.body()).path("Message").asText()).contains(message);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
