package io.mortar.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mortar.server.MortarServer;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.ServerConfig;
import io.mortar.server.testing.SignedHttp;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.io.FileUtils;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The protocol fuzzer (issue 12): random and mutated requests for every operation Mortar serves, through the real HTTP
 * edge of a real server, for a fixed time. Every answer must be a client error or a success, never a 5xx, always a
 * JSON body, an error always with its {@code __type}, and never a hang; afterwards the store must be intact and every
 * object in it readable through the API.
 *
 * <p>One seeded {@link Random} drives every choice on one thread, so a failure repeats with the seed it prints
 * ({@code -Dmortar.fuzz.seed=N}); {@code -Dmortar.fuzz.seconds=N} runs longer than the suite's budget.
 */
class ProtocolFuzzTest {
    /** The suite's whole budget, shared by the stores: SQLite two thirds, PostgreSQL (where configured) a third. */
    static final Duration BUDGET = Duration.ofSeconds(60);
    /** Far beyond any answer of a healthy server; reaching it is a hang. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    /** Failures described in the assertion message; all are counted. */
    static final int DESCRIBED_FAILURES = 15;

    /**
     * Operations not fuzzed. StartJobRun stays in: this server's driver class path is an empty folder, so every run
     * fails up front with a 400 and no driver JVM starts.
     */
    static final Map<String, String> EXCLUDED = Map.of(
            "StartCrawler", "a crawl reads whatever its targets name, a file: target the whole disk",
            "StartCrawlerSchedule", "a scheduled crawl starts crawls like StartCrawler",
            "TestConnection", "it opens a network connection to the host a connection names; tests stay on loopback");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String ACCOUNT = "000000000000";
    private static final List<String> NAMES = List.of("fz_db", "fz_t", "fz_conn", "fz_job", "fz_crawler", "fz_cls",
            "fz_idx", "fz_fn", "p", "q", "default");
    private static final List<String> ARNS = List.of("arn:aws:glue:us-east-1:" + ACCOUNT + ":database/fz_db",
            "arn:aws:glue:us-east-1:" + ACCOUNT + ":table/fz_db/fz_t", "arn:aws:glue:us-east-1:" + ACCOUNT + ":job/fz_job",
            "arn:aws:glue:us-east-1:" + ACCOUNT + ":crawler/fz_crawler",
            "arn:aws:glue:us-east-1:" + ACCOUNT + ":connection/fz_conn", "arn:aws:glue:us-east-1:" + ACCOUNT + ":catalog",
            "arn:aws:glue:us-east-1:" + ACCOUNT + ":table/fz_db/nope");

    @ParameterizedTest
    @EnumSource(StoreBackend.class)
    void hostileRequestsNeverFailTheServerNorTheStore(StoreBackend backend) throws Exception {
        long seed = Long.getLong("mortar.fuzz.seed", new SecureRandom().nextLong());
        Duration budget = budget(backend);
        System.out.printf("ProtocolFuzzTest[%s]: seed %d (repeat with -Dmortar.fuzz.seed=%d), budget %s%n", backend,
                seed, seed, budget);
        Path dataDir = StoreBackend.tempDir("mortar-fuzz");
        StoreSettings store = backend.create(dataDir);
        try (MortarServer server = MortarServer.start(ServerConfig.embedded(dataDir, 0).withStore(store)
                .withJobs(withoutDrivers(dataDir)))) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
            URI endpoint = server.endpoint();
            signer = TestServer.rootCredentials(dataDir);
            seedTheStore(http, endpoint);
            List<String> operations = server.operationNames().stream().filter(o -> !EXCLUDED.containsKey(o))
                    .sorted().toList();
            Run run = fuzz(http, endpoint, operations, new Random(seed), budget);
            System.out.printf("ProtocolFuzzTest[%s]: %d inputs in %.1f s (%.0f/s) over %d operations; statuses %s;"
                            + " %d failures%n", backend, run.inputs, run.seconds, run.inputs / run.seconds,
                    operations.size(), run.statuses, run.failures.size());

            // all three checked and reported together: a broken store may be why requests failed, or the reverse
            SoftAssertions checks = new SoftAssertions();
            checks.assertThat(run.failures).as("seed %d: %d of %d inputs failed; the first:%n%s", seed,
                    run.failures.size(), run.inputs, String.join("\n", run.failures.subList(0,
                            Math.min(DESCRIBED_FAILURES, run.failures.size())))).isEmpty();
            checks.assertThatCode(() -> System.out.printf("ProtocolFuzzTest[%s]: %d stored objects read back%n",
                    backend, readEverythingBack(http, endpoint))).as("seed %d: reading the store back", seed)
                    .doesNotThrowAnyException();
            if (backend == StoreBackend.SQLITE) {
                checks.assertThat(sqliteIntegrity(store)).as("seed %d: PRAGMA integrity_check", seed).isEqualTo("ok");
            }
            checks.assertAll();
        } finally {
            backend.dispose(store);
            FileUtils.deleteQuietly(dataDir.toFile());
        }
    }

    private static Duration budget(StoreBackend backend) {
        Duration whole = Duration.ofSeconds(Long.getLong("mortar.fuzz.seconds", BUDGET.toSeconds()));
        return backend == StoreBackend.SQLITE ? whole.multipliedBy(2).dividedBy(3) : whole.dividedBy(3);
    }

    /** The defaults, but with an empty driver class path folder, so StartJobRun answers 400 and launches nothing. */
    private static JobsConfig withoutDrivers(Path dataDir) {
        JobsConfig defaults = JobsConfig.defaults(Map.of());
        return new JobsConfig(defaults.master(), dataDir.resolve("no-spark-jars"), defaults.javaHome(),
                defaults.driverMemory(), defaults.sparkConf(), defaults.stopGrace(), defaults.minute());
    }

    /** What one fuzzing run did. */
    /** The root key of the server under test: every request is signed, so the protocol is what answers it. */
    private static AwsCredentialsProvider signer;

    private record Run(int inputs, double seconds, Map<Integer, Integer> statuses, List<String> failures) {}

    private static Run fuzz(HttpClient http, URI endpoint, List<String> operations, Random random, Duration budget)
            throws InterruptedException {
        HostileInputs inputs = new HostileInputs(new ModelBodies(NAMES, ARNS));
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        int count = 0;
        while (System.nanoTime() < deadline) {
            HostileInputs.Input input = inputs.next(operations.get(random.nextInt(operations.size())), random);
            count++;
            String problem;
            try {
                HttpResponse<byte[]> response = http.send(request(endpoint, input),
                        HttpResponse.BodyHandlers.ofByteArray());
                statuses.merge(response.statusCode(), 1, Integer::sum);
                problem = problem(response);
            } catch (HttpTimeoutException e) {
                problem = "no answer within " + REQUEST_TIMEOUT;
            } catch (IOException e) {
                problem = "the connection failed: " + e;
            }
            if (problem != null) {
                failures.add("#" + count + " " + input.operation() + ": " + problem + "\n    " + input.describe());
            }
        }
        return new Run(count, (System.nanoTime() - start) / 1e9, statuses, failures);
    }

    private static HttpRequest request(URI endpoint, HostileInputs.Input input) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (input.target() != null) {
            headers.put("X-Amz-Target", input.target());
        }
        if (input.contentType() != null) {
            headers.put("Content-Type", input.contentType());
        }
        return signed(endpoint, input.body(), headers);
    }

    /**
     * Signed with the server's root key, whatever the body and headers: hostile input reaches the protocol, as a
     * client holding a key could send it.
     */
    private static HttpRequest signed(URI endpoint, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        SignedHttp.signedHeaders("POST", endpoint, body, headers, signer, "us-east-1", "glue", Clock.systemUTC())
                .forEach(request::header);
        return request.build();
    }

    /** What is wrong with an answer, or null: never a 5xx, always JSON, an error always typed. */
    static String problem(HttpResponse<byte[]> response) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        String shown = text.length() > 300 ? text.substring(0, 300) + "…" : text;
        if (response.statusCode() >= 500) {
            return "status " + response.statusCode() + " " + shown;
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            return "status " + response.statusCode() + " with a body that is not JSON: " + shown;
        }
        if (body == null || !body.isObject()) {
            return "status " + response.statusCode() + " with a body that is not a JSON object: " + shown;
        }
        if (response.statusCode() != 200) {
            String type = body.path("__type").asText("");
            if (type.isEmpty()) {
                return "status " + response.statusCode() + " error without __type: " + shown;
            }
            if (!response.headers().firstValue("X-Amzn-ErrorType").orElse("").equals(type)) {
                return "status " + response.statusCode() + " X-Amzn-ErrorType does not match __type: " + shown;
            }
        }
        return null;
    }

    /** A few entities of each kind, named as {@link ModelBodies} likes to name things, so requests find them. */
    private static void seedTheStore(HttpClient http, URI endpoint) throws Exception {
        String[][] requests = {
            {"CreateDatabase", "{\"DatabaseInput\": {\"Name\": \"fz_db\"}}"},
            {"CreateTable", "{\"DatabaseName\": \"fz_db\", \"TableInput\": {\"Name\": \"fz_t\", \"PartitionKeys\":"
                    + " [{\"Name\": \"p\", \"Type\": \"string\"}, {\"Name\": \"q\", \"Type\": \"int\"}],"
                    + " \"StorageDescriptor\": {\"Columns\": [{\"Name\": \"c\", \"Type\": \"string\"},"
                    + " {\"Name\": \"d\", \"Type\": \"date\"}], \"Location\": \"s3://fuzz-bucket/fz_t/\"}}}"},
            {"BatchCreatePartition", "{\"DatabaseName\": \"fz_db\", \"TableName\": \"fz_t\", \"PartitionInputList\": ["
                    + "{\"Values\": [\"1\", \"1\"]}, {\"Values\": [\"2\", \"5\"]}, {\"Values\": [\"3\", \"9\"]}]}"},
            {"CreatePartitionIndex", "{\"DatabaseName\": \"fz_db\", \"TableName\": \"fz_t\", \"PartitionIndex\":"
                    + " {\"IndexName\": \"fz_idx\", \"Keys\": [\"q\"]}}"},
            {"CreateConnection", "{\"ConnectionInput\": {\"Name\": \"fz_conn\", \"ConnectionType\": \"JDBC\","
                    + " \"ConnectionProperties\": {\"JDBC_CONNECTION_URL\": \"jdbc:postgresql://127.0.0.1:1/none\","
                    + " \"USERNAME\": \"u\", \"PASSWORD\": \"p\"}}}"},
            {"CreateJob", "{\"Name\": \"fz_job\", \"Role\": \"mortar\", \"Command\": {\"Name\": \"glueetl\","
                    + " \"ScriptLocation\": \"s3://fuzz-bucket/job.sql\"}}"},
            {"CreateCrawler", "{\"Name\": \"fz_crawler\", \"Role\": \"mortar\", \"DatabaseName\": \"fz_db\","
                    + " \"Targets\": {\"S3Targets\": [{\"Path\": \"s3://fuzz-bucket/data/\"}]}}"},
            {"CreateClassifier", "{\"GrokClassifier\": {\"Name\": \"fz_cls\", \"Classification\": \"logs\","
                    + " \"GrokPattern\": \"%{GREEDYDATA:line}\"}}"},
            {"CreateUserDefinedFunction", "{\"DatabaseName\": \"fz_db\", \"FunctionInput\": {\"FunctionName\":"
                    + " \"fz_fn\", \"ClassName\": \"x.Y\", \"OwnerName\": \"o\", \"OwnerType\": \"USER\"}}"},
        };
        for (String[] request : requests) {
            HttpResponse<byte[]> response = post(http, endpoint, request[0], request[1]);
            assertThat(response.statusCode()).as("%s: %s", request[0], new String(response.body(),
                    StandardCharsets.UTF_8)).isEqualTo(200);
        }
    }

    /**
     * Lists every database, table and partition, and every job, crawler, connection and classifier, page by page,
     * each page a 200: whatever the fuzzer stored must still read back. Returns how many objects it read.
     */
    private static int readEverythingBack(HttpClient http, URI endpoint) throws Exception {
        int objects = 0;
        for (JsonNode database : listAll(http, endpoint, "GetDatabases", JSON.createObjectNode(), "DatabaseList")) {
            objects++;
            String db = database.get("Name").asText();
            ObjectNode tablesOf = JSON.createObjectNode().put("DatabaseName", db);
            for (JsonNode table : listAll(http, endpoint, "GetTables", tablesOf, "TableList")) {
                objects++;
                ObjectNode partitionsOf = JSON.createObjectNode().put("DatabaseName", db)
                        .put("TableName", table.get("Name").asText());
                objects += listAll(http, endpoint, "GetPartitions", partitionsOf, "Partitions").size();
            }
        }
        objects += listAll(http, endpoint, "GetJobs", JSON.createObjectNode(), "Jobs").size();
        objects += listAll(http, endpoint, "GetCrawlers", JSON.createObjectNode(), "Crawlers").size();
        objects += listAll(http, endpoint, "GetConnections", JSON.createObjectNode(), "ConnectionList").size();
        objects += listAll(http, endpoint, "GetClassifiers", JSON.createObjectNode(), "Classifiers").size();
        return objects;
    }

    private static List<JsonNode> listAll(HttpClient http, URI endpoint, String operation, ObjectNode request,
                                          String member) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String token = null;
        do {
            ObjectNode page = request.deepCopy();
            if (token != null) {
                page.put("NextToken", token);
            }
            HttpResponse<byte[]> response = post(http, endpoint, operation, page.toString());
            assertThat(problem(response)).as("%s %s", operation, page).isNull();
            assertThat(response.statusCode()).as("%s %s: %s", operation, page,
                    new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            body.path(member).forEach(all::add);
            token = body.path("NextToken").asText(null);
        } while (token != null);
        return all;
    }

    private static HttpResponse<byte[]> post(HttpClient http, URI endpoint, String operation, String body)
            throws IOException, InterruptedException {
        return http.send(signed(endpoint, body.getBytes(StandardCharsets.UTF_8),
                Map.of("X-Amz-Target", "AWSGlue." + operation, "Content-Type", CONTENT_TYPE)),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sqliteIntegrity(StoreSettings store) throws Exception {
        try (Connection connection = StoreBackend.connect(store);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
            List<String> lines = new ArrayList<>();
            while (result.next()) {
                lines.add(result.getString(1));
            }
            return String.join("\n", lines);
        }
    }
}
