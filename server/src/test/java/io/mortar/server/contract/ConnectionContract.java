package io.mortar.server.contract;

import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.message;
import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mortar.catalog.connections.ConnectionKey;
import io.mortar.server.MortarServer;
import io.mortar.server.config.AuthConfig;
import io.mortar.server.config.ConnectionsConfig;
import io.mortar.server.config.ServerConfig;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreInspection;
import io.mortar.store.jdbc.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchDeleteConnectionResponse;
import software.amazon.awssdk.services.glue.model.ConnectionInput;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetConnectionsResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.TestConnectionRequest;

/**
 * Glue connections: CRUD, GetConnections filters and paging, HidePassword, BatchDeleteConnection, passwords
 * encrypted at rest (checked in the store itself and across servers with the same and a different key), the
 * catalog's encryption settings, TestConnection against the real local PostgreSQL, and validation.
 */
abstract class ConnectionContract extends ContractGroup {
    private static final String SECRET = "s3cr3t-pässword";

    ConnectionContract(TestServer server, GlueClient glue) {
        super(server, glue);
    }

    static ConnectionInput jdbcAt(String name, String url, String user, String password, String... criteria) {
        Map<String, String> properties = new HashMap<>();
        properties.put("JDBC_CONNECTION_URL", url);
        properties.put("USERNAME", user);
        properties.put("PASSWORD", password);
        return ConnectionInput.builder().name(name).connectionType("JDBC").matchCriteria(criteria)
                .connectionPropertiesWithStrings(properties).build();
    }

    static ConnectionInput jdbc(String name, String... criteria) {
        return jdbcAt(name, "jdbc:postgresql://db.example:5432/sales", "etl", SECRET, criteria);
    }

    private software.amazon.awssdk.services.glue.model.Connection get(String name, boolean hide) {
        return glue.getConnection(r -> r.name(name).hidePassword(hide)).connection();
    }

    @Test
    void aConnectionRoundTripsWithItsPasswordAndTimes() {
        String name = unique("Conn");
        ConnectionInput input = jdbc(name, "crit-a").toBuilder().description("the sales database")
                .physicalConnectionRequirements(p -> p.subnetId("subnet-1").securityGroupIdList("sg-1")
                        .availabilityZone("us-east-1a"))
                .build();
        assertThat(glue.createConnection(r -> r.connectionInput(input)).createConnectionStatus())
                .isEqualTo(ConnectionStatus.READY);

        var connection = get(name, false);
        assertThat(connection.name()).isEqualTo(name); // names keep their case
        assertThat(connection.description()).isEqualTo("the sales database");
        assertThat(connection.connectionTypeAsString()).isEqualTo("JDBC");
        assertThat(connection.matchCriteria()).containsExactly("crit-a");
        assertThat(connection.connectionPropertiesAsStrings()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "JDBC_CONNECTION_URL", "jdbc:postgresql://db.example:5432/sales", "USERNAME", "etl",
                "PASSWORD", SECRET));
        assertThat(connection.physicalConnectionRequirements().subnetId()).isEqualTo("subnet-1");
        assertThat(connection.status()).isEqualTo(ConnectionStatus.READY);
        assertThat(connection.creationTime()).isNotNull();
        assertThat(connection.lastUpdatedTime()).isEqualTo(connection.creationTime());

        var hidden = get(name, true);
        assertThat(hidden.connectionPropertiesAsStrings()).doesNotContainKeys("PASSWORD", "ENCRYPTED_PASSWORD")
                .containsEntry("USERNAME", "etl");
    }

    @Test
    void createTwiceIsAlreadyExistsAndMissingIsNotFound() {
        String name = unique("conn");
        glue.createConnection(r -> r.connectionInput(jdbc(name)));
        AlreadyExistsException exists = expectError(AlreadyExistsException.class,
                () -> glue.createConnection(r -> r.connectionInput(jdbc(name))));
        assertThat(message(exists)).contains(name);
        EntityNotFoundException missing = expectError(EntityNotFoundException.class,
                () -> glue.getConnection(r -> r.name(name + "x")));
        assertThat(message(missing)).contains(name + "x");
        expectError(EntityNotFoundException.class, () -> glue.deleteConnection(r -> r.connectionName(name + "x")));
        expectError(EntityNotFoundException.class,
                () -> glue.updateConnection(r -> r.name(name + "x").connectionInput(jdbc(name + "x"))));
    }

    @Test
    void getConnectionsFiltersByTypeAndMatchCriteriaAndPages() {
        String tag = unique("crit");
        List<String> jdbcNames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = unique("c" + i);
            jdbcNames.add(name);
            glue.createConnection(r -> r.connectionInput(jdbc(name, tag, "other")));
        }
        String network = unique("net");
        glue.createConnection(r -> r.connectionInput(ConnectionInput.builder().name(network)
                .connectionType("NETWORK").matchCriteria(tag).connectionPropertiesWithStrings(Map.of()).build()));
        String unrelated = unique("c9");
        glue.createConnection(r -> r.connectionInput(jdbc(unrelated)));

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            GetConnectionsResponse page = glue.getConnections(r -> r.maxResults(2).nextToken(t)
                    .filter(f -> f.matchCriteria(tag).connectionType("JDBC")));
            assertThat(page.connectionList()).hasSizeLessThanOrEqualTo(2);
            page.connectionList().forEach(c -> {
                assertThat(c.connectionPropertiesAsStrings()).containsEntry("PASSWORD", SECRET);
                seen.add(c.name());
            });
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(seen).containsExactlyElementsOf(jdbcNames.stream().sorted().toList());
        assertThat(pages).isEqualTo(3);

        var byCriteria = glue.getConnections(r -> r.hidePassword(true).filter(f -> f.matchCriteria(tag)))
                .connectionList();
        assertThat(byCriteria).extracting(c -> c.name()).contains(network).doesNotContain(unrelated).hasSize(6);
        assertThat(byCriteria).allSatisfy(c -> assertThat(c.connectionPropertiesAsStrings())
                .doesNotContainKey("PASSWORD"));

        expectError(InvalidInputException.class, () -> glue.getConnections(r -> r.nextToken("garbage!")));
    }

    @Test
    void updateReplacesTheWholeDefinitionAndMayRenameWithItsTags() throws InterruptedException {
        String name = unique("conn");
        glue.createConnection(r -> r.connectionInput(jdbc(name, "old")).tags(Map.of("team", "data")));
        var before = get(name, false);
        Thread.sleep(5);
        String renamed = unique("renamed");
        glue.updateConnection(r -> r.name(name).connectionInput(jdbcAt(renamed,
                "jdbc:mysql://db.example:3306/shop", "shop", "new-pass")));

        expectError(EntityNotFoundException.class, () -> glue.getConnection(r -> r.name(name)));
        var after = get(renamed, false);
        assertThat(after.matchCriteria()).isEmpty();
        assertThat(after.connectionPropertiesAsStrings()).containsEntry("JDBC_CONNECTION_URL",
                "jdbc:mysql://db.example:3306/shop").containsEntry("PASSWORD", "new-pass");
        assertThat(after.creationTime()).isEqualTo(before.creationTime());
        assertThat(after.lastUpdatedTime()).isAfter(before.lastUpdatedTime());
        assertThat(glue.getTags(r -> r.resourceArn(ARN_PREFIX + "connection/" + renamed)).tags())
                .containsExactlyEntriesOf(Map.of("team", "data"));
        expectError(EntityNotFoundException.class,
                () -> glue.getTags(r -> r.resourceArn(ARN_PREFIX + "connection/" + name)));

        String other = unique("other");
        glue.createConnection(r -> r.connectionInput(jdbc(other)));
        expectError(AlreadyExistsException.class,
                () -> glue.updateConnection(r -> r.name(renamed).connectionInput(jdbc(other))));
    }

    @Test
    void racingRenamesToOneNameLeaveOneWinnerAndAlreadyExistsForTheRest() throws Exception {
        String target = unique("target");
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String n = unique("src" + i);
            sources.add(n);
            glue.createConnection(r -> r.connectionInput(jdbc(n)));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(sources.size());
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<String>> outcomes = new ArrayList<>();
            for (String source : sources) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        glue.updateConnection(r -> r.name(source).connectionInput(jdbc(target)));
                        return "renamed";
                    } catch (AwsServiceException e) {
                        return e.awsErrorDetails().errorCode();
                    }
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (var outcome : outcomes) {
                results.add(outcome.get());
            }
            assertThat(results).containsOnlyOnce("renamed");
            assertThat(results.stream().filter(r -> !r.equals("renamed"))).containsOnly("AlreadyExistsException");
        } finally {
            pool.shutdownNow();
        }
        assertThat(get(target, false).name()).isEqualTo(target);
    }

    @Test
    void deleteAndBatchDeleteReportEachName() {
        String a = unique("a");
        String b = unique("b");
        String c = unique("c");
        for (String n : List.of(a, b, c)) {
            glue.createConnection(r -> r.connectionInput(jdbc(n)));
        }
        glue.deleteConnection(r -> r.connectionName(c));
        expectError(EntityNotFoundException.class, () -> glue.getConnection(r -> r.name(c)));

        String missing = unique("missing");
        BatchDeleteConnectionResponse response = glue.batchDeleteConnection(r -> r.connectionNameList(a, missing, b));
        assertThat(response.succeeded()).containsExactly(a, b);
        assertThat(response.errors()).containsOnlyKeys(missing);
        assertThat(response.errors().get(missing).errorCode()).isEqualTo("EntityNotFoundException");
        assertThat(response.errors().get(missing).errorMessage()).contains(missing);
        expectError(EntityNotFoundException.class, () -> glue.getConnection(r -> r.name(a)));

        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            tooMany.add("n" + i);
        }
        expectError(InvalidInputException.class, () -> glue.batchDeleteConnection(r -> r.connectionNameList(tooMany)));
    }

    @Test
    void invalidDefinitionsAreRefusedNamingTheField() {
        String name = unique("bad");
        assertInvalid(ConnectionInput.builder().name(name).connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("USERNAME", "u", "PASSWORD", "p")).build(),
                "JDBC_CONNECTION_URL");
        assertInvalid(jdbcAt(name, "postgresql://h/db", "u", "p"), "JDBC_CONNECTION_URL");
        assertInvalid(ConnectionInput.builder().name(name).connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://h/db",
                        "USERNAME", "u")).build(), "USERNAME and PASSWORD, or SECRET_ID");
        assertInvalid(jdbc(name).toBuilder().connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL",
                "jdbc:postgresql://h/db", "SECRET_ID", "s", "JDBC_ENFORCE_SSL", "yes")).build(), "JDBC_ENFORCE_SSL");
        assertInvalid(jdbc(name).toBuilder().connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL",
                "jdbc:postgresql://h/db", "SECRET_ID", "s", "NOT_A_KEY", "v")).build(), "connectionProperties");
        assertInvalid(jdbc(name).toBuilder().connectionType("NOT_A_TYPE").build(), "connectionType");
        assertInvalid(jdbc("x".repeat(256)), "name");
        assertInvalid(jdbc("bad\nname"), "name");
        expectError(EntityNotFoundException.class, () -> glue.getConnection(r -> r.name(name)));

        // SECRET_ID stands in for USERNAME and PASSWORD
        String withSecret = unique("secret");
        glue.createConnection(r -> r.connectionInput(ConnectionInput.builder().name(withSecret).connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://h/db",
                        "SECRET_ID", "arn:aws:secretsmanager:us-east-1:000000000000:secret:db")).build()));
    }

    private void assertInvalid(ConnectionInput input, String field) {
        InvalidInputException error = expectError(InvalidInputException.class,
                () -> glue.createConnection(r -> r.connectionInput(input)));
        assertThat(message(error)).containsIgnoringCase(field);
    }

    // ---------------------------------------------------------------- encryption

    @Test
    void passwordsAreEncryptedAtRestAndOpenOnlyUnderTheSameKey() throws Exception {
        String name = unique("enc");
        glue.createConnection(r -> r.connectionInput(jdbc(name)));

        String row = storedRow(server.store(), name);
        assertThat(row).contains("db.example").doesNotContain(SECRET).contains("v1:");

        String key = Files.readString(server.dataDir().resolve(ConnectionKey.FILE_NAME)).strip();
        assertThat(Files.getPosixFilePermissions(server.dataDir().resolve(ConnectionKey.FILE_NAME)))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        try (MortarServer same = secondServer(key); GlueClient client = TestServer.client(same)) {
            assertThat(client.getConnection(r -> r.name(name)).connection().connectionPropertiesAsStrings())
                    .containsEntry("PASSWORD", SECRET);
        }
        // Without authentication: with it, a server whose key cannot open the store's access keys does not start
        // (aServerWithAnotherKeyDoesNotStartWithAuthentication).
        try (MortarServer other = secondServer(ConnectionKey.generate(), AuthConfig.OFF);
             GlueClient client = TestServer.client(other)) {
            AwsServiceException error = catchThrowableOfType(AwsServiceException.class,
                    () -> client.getConnection(r -> r.name(name)));
            assertThat(error).isNotNull();
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("GlueEncryptionException");
            assertThat(message(error)).contains(name).contains("different key").contains("mortar.connections.key")
                    .doesNotContain(SECRET);
            // Without the password nothing needs decrypting.
            assertThat(client.getConnection(r -> r.name(name).hidePassword(true)).connection().name()).isEqualTo(name);
        }
    }

    @Test
    void aServerWithAnotherKeyDoesNotStartWithAuthentication() {
        assertThat(catchThrowableOfType(io.mortar.server.config.ConfigException.class,
                () -> secondServer(ConnectionKey.generate(), AuthConfig.ON).close()))
                .hasMessageContaining("access keys were encrypted with another key than mortar.connections.key");
    }

    @Test
    void aServerRefusesAKeyFileOthersCanRead() throws Exception {
        Path dir = Files.createTempDirectory("mortar-key");
        try {
            Path file = dir.resolve(ConnectionKey.FILE_NAME);
            Files.writeString(file, ConnectionKey.generate() + "\n");
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            assertThat(catchThrowableOfType(io.mortar.server.config.ConfigException.class,
                    () -> MortarServer.start(ServerConfig.embedded(dir, 0)).close()))
                    .hasMessageContaining(file.toString()).hasMessageContaining("readable by its owner only");
        } finally {
            FileUtils.deleteQuietly(dir.toFile());
        }
    }

    /** Another server on this store with the given key, in a data directory of its own (removed on close). */
    private MortarServer secondServer(String key) throws Exception {
        return secondServer(key, AuthConfig.ON);
    }

    private MortarServer secondServer(String key, AuthConfig auth) throws Exception {
        Path dir = Files.createTempDirectory("mortar-second");
        try {
            MortarServer second = MortarServer.start(ServerConfig.embedded(dir, 0).withStore(server.store())
                    .withConnections(new ConnectionsConfig(key, 10)).withAuth(auth));
            secondDirs.add(dir);
            return second;
        } catch (RuntimeException e) {
            FileUtils.deleteQuietly(dir.toFile());
            throw e;
        }
    }

    private final List<Path> secondDirs = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void removeSecondServerDirectories() {
        secondDirs.forEach(dir -> FileUtils.deleteQuietly(dir.toFile()));
        secondDirs.clear();
    }

    private static String storedRow(StoreSettings store, String name) throws Exception {
        return StoreInspection.connectionRowText(store, name).orElseThrow();
    }

    @Test
    void encryptionSettingsTurnPasswordsIntoCiphertextForReaders() {
        // A store of its own: the setting is catalog-wide and would change every other group's answers.
        try (TestServer own = TestServer.start(server.backend()); GlueClient client = own.client()) {
            var defaults = client.getDataCatalogEncryptionSettings(r -> { }).dataCatalogEncryptionSettings();
            assertThat(defaults.connectionPasswordEncryption().returnConnectionPasswordEncrypted()).isFalse();

            String name = unique("enc");
            client.createConnection(r -> r.connectionInput(jdbc(name)));
            client.putDataCatalogEncryptionSettings(r -> r.dataCatalogEncryptionSettings(s -> s
                    .encryptionAtRest(e -> e.catalogEncryptionMode("SSE-KMS").sseAwsKmsKeyId("alias/catalog"))
                    .connectionPasswordEncryption(p -> p.returnConnectionPasswordEncrypted(true)
                            .awsKmsKeyId("alias/passwords"))));

            var settings = client.getDataCatalogEncryptionSettings(r -> { }).dataCatalogEncryptionSettings();
            assertThat(settings.encryptionAtRest().catalogEncryptionModeAsString()).isEqualTo("SSE-KMS");
            assertThat(settings.encryptionAtRest().sseAwsKmsKeyId()).isEqualTo("alias/catalog");
            assertThat(settings.connectionPasswordEncryption().awsKmsKeyId()).isEqualTo("alias/passwords");

            Map<String, String> properties = client.getConnection(r -> r.name(name)).connection()
                    .connectionPropertiesAsStrings();
            assertThat(properties).doesNotContainKey("PASSWORD");
            assertThat(properties.get("ENCRYPTED_PASSWORD")).isNotBlank().isNotEqualTo(SECRET);
            assertThat(client.getConnection(r -> r.name(name).hidePassword(true)).connection()
                    .connectionPropertiesAsStrings()).doesNotContainKeys("PASSWORD", "ENCRYPTED_PASSWORD");

            expectError(InvalidInputException.class, () -> client.putDataCatalogEncryptionSettings(r -> r
                    .dataCatalogEncryptionSettings(s -> s.connectionPasswordEncryption(p -> p.awsKmsKeyId("k")))));
        }
    }

    // ---------------------------------------------------------------- TestConnection

    @Test
    void testConnectionReachesTheRealPostgresql() {
        TestPostgres.Login pg = TestPostgres.adminLogin();
        String name = unique("pg");
        glue.createConnection(r -> r.connectionInput(jdbcAt(name, pg.url(), pg.user(), pg.password())));
        glue.testConnection(r -> r.connectionName(name));
        glue.testConnection(r -> r.testConnectionInput(t -> t.connectionType("JDBC").connectionPropertiesWithStrings(
                Map.of("JDBC_CONNECTION_URL", pg.url(), "USERNAME", pg.user(), "PASSWORD", pg.password()))));
    }

    @Test
    void testConnectionNamesWhatWentWrong() {
        TestPostgres.Login pg = TestPostgres.adminLogin();
        String badPassword = unique("pg");
        glue.createConnection(r -> r.connectionInput(jdbcAt(badPassword, pg.url(), pg.user(),
                pg.password() + "-wrong")));
        assertThat(testFails(r -> r.connectionName(badPassword))).contains(badPassword)
                .contains("authentication failed").doesNotContain(pg.password() + "-wrong");

        String host = "no-such-host.invalid";
        assertThat(testFails(r -> r.testConnectionInput(t -> t.connectionType("JDBC").connectionPropertiesWithStrings(
                Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://" + host + ":5432/db", "USERNAME", "u",
                        "PASSWORD", "p"))))).contains("unknown host " + host);

        // Enforcing SSL against the local server: refused, naming SSL, when it has none; when it has (Debian's
        // packaged cluster turns SSL on with its snake-oil certificate), the connection succeeds encrypted, since
        // JDBC_ENFORCE_SSL asks for encryption and checks no CA, as Glue's does.
        Consumer<TestConnectionRequest.Builder> ssl =
                r -> r.testConnectionInput(t -> t.connectionType("JDBC").connectionPropertiesWithStrings(
                        Map.of("JDBC_CONNECTION_URL", pg.url(), "USERNAME", pg.user(), "PASSWORD", pg.password(),
                                "JDBC_ENFORCE_SSL", "true")));
        if (TestPostgres.sslEnabled()) {
            glue.testConnection(ssl);
        } else {
            assertThat(testFails(ssl)).containsIgnoringCase("SSL");
        }

        // jdbc:mysql: goes through the MariaDB driver; nothing listens on port 1
        assertThat(testFails(r -> r.testConnectionInput(t -> t.connectionType("JDBC").connectionPropertiesWithStrings(
                Map.of("JDBC_CONNECTION_URL", "jdbc:mysql://127.0.0.1:1/shop", "USERNAME", "u",
                        "PASSWORD", "p"))))).contains("127.0.0.1:1").doesNotContain("No suitable driver");

        assertThat(testFails(r -> r.testConnectionInput(t -> t.connectionType("JDBC").connectionPropertiesWithStrings(
                Map.of("JDBC_CONNECTION_URL", "jdbc:db2://h:50000/x", "USERNAME", "u", "PASSWORD", "p")))))
                .contains("no JDBC driver for db2");
    }

    @Test
    void testConnectionTakesExactlyOneOfNameAndInput() {
        assertThat(testFails(r -> { })).contains("ConnectionName").contains("TestConnectionInput");
        String name = unique("conn");
        glue.createConnection(r -> r.connectionInput(jdbc(name)));
        assertThat(testFails(r -> r.connectionName(name).testConnectionInput(t -> t.connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of())))).contains("exactly one");
        expectError(EntityNotFoundException.class, () -> glue.testConnection(r -> r.connectionName(name + "x")));
        assertThat(testFails(r -> r.testConnectionInput(t -> t.connectionType("JDBC")
                .connectionPropertiesWithStrings(Map.of("USERNAME", "u"))))).contains("JDBC_CONNECTION_URL");
    }

    private String testFails(Consumer<TestConnectionRequest.Builder> request) {
        return message(expectError(InvalidInputException.class, () -> glue.testConnection(request)));
    }
}
