package io.mortar.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.server.MortarServer;
import io.mortar.server.config.DriverCapacity;
import io.mortar.server.config.JobScripts;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.ServerConfig;
import io.mortar.server.testing.JobRunWaits;
import io.mortar.server.testing.PythonLibs;
import io.mortar.server.testing.SignedHttp;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

/**
 * Python jobs with real processes, started through the AWS SDK's StartJobRun: {@code pythonshell} jobs (a Python
 * process beside a small JVM, no Spark) and {@code glueetl} jobs whose script is a {@code .py} (a PySpark driver).
 * Each run costs a JVM and a Python start, so every run is started at once in {@link #startEveryRun()} and each
 * test waits for its own. PySpark comes from {@code MORTAR_PYTHON_LIBS}, which bin/test installs and exports.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PythonJobsTest {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A tiny pure-Python package from PyPI, not installed on the machine: the script imports what pip installed. */
    private static final String PYPI_MODULE = "tabulate==0.9.0";

    private static Path dataDir;
    private static Path otherDir;
    private static Path scripts;
    private static MortarServer server;
    private static MortarServer serverWithoutPyspark;
    private static GlueClient glue;
    private static GlueClient glueWithoutPyspark;

    private static String shellRun;
    private static String shellFailingRun;
    private static String shellMissingArgumentRun;
    private static String sparkRun;
    private static String sparkFailingRun;
    private static String sparkWithoutPysparkRun;

    @BeforeAll
    static void startEveryRun() throws Exception {
        Path pythonLibs = PythonLibs.require();
        dataDir = StoreBackend.tempDir("mortar-python-jobs");
        scripts = Files.createDirectories(dataDir.resolve("scripts"));
        JobsConfig defaults = JobsConfig.defaults(System.getenv());
        JobsConfig jobs = new JobsConfig("local[2]", defaults.sparkJars(), defaults.javaHome(), "512m",
                Map.of("spark.ui.enabled", "false"), Duration.ofSeconds(3), Duration.ofMinutes(1),
                DriverCapacity.of(8, 64L << 30, "512m"));
        server = MortarServer.start(ServerConfig.embedded(dataDir, 0)
                .withJobs(jobs.withScripts(new JobScripts("python3", pythonLibs, null))));
        glue = TestServer.client(server);
        otherDir = StoreBackend.tempDir("mortar-python-jobs-no-pyspark");
        serverWithoutPyspark = MortarServer.start(ServerConfig.embedded(otherDir, 0)
                .withJobs(jobs.withScripts(new JobScripts("python3", null, null))));
        glueWithoutPyspark = TestServer.client(serverWithoutPyspark);

        glue.createDatabase(r -> r.databaseInput(d -> d.name("sales")));
        glue.createTable(r -> r.databaseName("sales").tableInput(t -> t.name("orders")
                .storageDescriptor(sd -> sd.location("/data/orders").columns(
                        c -> c.name("id").type("bigint"), c -> c.name("amount").type("double")))));

        Path helper = script("shell_helper.py", "def greeting(name):\n    return 'hello ' + name\n");
        glue.createJob(pythonShell("shell", script("shell.py", SHELL_SCRIPT))
                .defaultArguments(Map.of("--day", "monday", "--extra-py-files", helper.toString(),
                        "--additional-python-modules", PYPI_MODULE)).build());
        glue.createJob(pythonShell("shell_failing", script("shell_fail.py", """
                import sys
                total = 40 + 2
                raise ValueError('bad input %d' % total)
                """)).build());
        glue.createJob(pythonShell("shell_arguments", script("shell_args.py", """
                import sys
                from awsglue.utils import getResolvedOptions
                args = getResolvedOptions(sys.argv, ['JOB_NAME', 'output_bucket', 'day'])
                """)).build());
        glue.createJob(glueEtl("spark", script("spark.py", SPARK_SCRIPT)).build());
        glue.createJob(glueEtl("spark_failing", script("spark_fail.py", """
                from pyspark import SparkContext
                sc = SparkContext()
                counted = sc.parallelize([1, 2, 3]).count()
                missing_name + counted
                """)).build());
        glueWithoutPyspark.createJob(glueEtl("spark", scripts.resolve("spark.py").toString()).build());

        shellRun = glue.startJobRun(r -> r.jobName("shell").arguments(Map.of(
                "--result", dataDir.resolve("shell-result.json").toString(), "--name", "ana"))).jobRunId();
        shellFailingRun = glue.startJobRun(r -> r.jobName("shell_failing")).jobRunId();
        shellMissingArgumentRun = glue.startJobRun(r -> r.jobName("shell_arguments")
                .arguments(Map.of("--day", "monday", "--unknown", "ignored"))).jobRunId();
        sparkRun = glue.startJobRun(r -> r.jobName("spark").arguments(Map.of(
                "--output", dataDir.resolve("spark-out").toString()))).jobRunId();
        sparkFailingRun = glue.startJobRun(r -> r.jobName("spark_failing")).jobRunId();
        sparkWithoutPysparkRun = glueWithoutPyspark.startJobRun(r -> r.jobName("spark").arguments(Map.of(
                "--output", dataDir.resolve("never").toString()))).jobRunId();
    }

    /**
     * Reads its arguments with Glue's getResolvedOptions from sys.argv as Glue passes them, asks the server for its own job and a table through
     * boto3 with no endpoint in the script, imports a module of --extra-py-files and one pip installed from
     * --additional-python-modules, and writes what it saw.
     */
    private static final String SHELL_SCRIPT = """
            import json, sys
            import boto3
            import shell_helper
            import tabulate
            from awsglue.utils import getResolvedOptions

            args = getResolvedOptions(sys.argv, ['JOB_NAME', 'day', 'name', 'result'])
            client = boto3.client('glue')
            job = client.get_job(JobName=args['JOB_NAME'])['Job']
            table = client.get_table(DatabaseName='sales', Name='orders')['Table']
            with open(args['result'], 'w') as out:
                json.dump({
                    'argv': sys.argv[1:],
                    'args': args,
                    'command': job['Command']['Name'],
                    'columns': [c['Name'] for c in table['StorageDescriptor']['Columns']],
                    'greeting': shell_helper.greeting(args['name']),
                    'tabulate': tabulate.__version__,
                    'tabulate_path': tabulate.__file__,
                }, out)
            """;

    /** Plain PySpark as Glue scripts use it: a SparkContext of its own, a lambda on the executors, a DataFrame. */
    private static final String SPARK_SCRIPT = """
            import sys
            from pyspark import SparkContext
            from pyspark.sql import SparkSession

            output = sys.argv[sys.argv.index('--output') + 1]
            sc = SparkContext()
            squares = sc.parallelize(range(1, 6), 2).map(lambda x: (x, x * x)).collect()
            spark = SparkSession(sc)
            df = spark.createDataFrame(squares, ['n', 'square'])
            df.coalesce(1).write.mode('overwrite').json(output)
            """;

    @AfterAll
    static void stopServers() {
        for (GlueClient client : new GlueClient[] {glue, glueWithoutPyspark}) {
            if (client != null) {
                client.close();
            }
        }
        for (MortarServer each : new MortarServer[] {server, serverWithoutPyspark}) {
            if (each != null) {
                each.close();
            }
        }
        for (Path dir : new Path[] {dataDir, otherDir}) {
            if (dir != null) {
                FileUtils.deleteQuietly(dir.toFile());
            }
        }
    }

    private static Path script(String name, String text) throws IOException {
        return Files.writeString(scripts.resolve(name), text);
    }

    private static CreateJobRequest.Builder pythonShell(String name, Path script) {
        return CreateJobRequest.builder().name(name).role("glue")
                .command(c -> c.name("pythonshell").pythonVersion("3.9").scriptLocation(script.toString()));
    }

    private static CreateJobRequest.Builder glueEtl(String name, String script) {
        return CreateJobRequest.builder().name(name).role("glue").workerType("G.1X").numberOfWorkers(2)
                .command(c -> c.name("glueetl").scriptLocation(script));
    }

    private static CreateJobRequest.Builder glueEtl(String name, Path script) {
        return glueEtl(name, script.toString());
    }

    private static JobRun awaitEnd(GlueClient client, String job, String runId) throws InterruptedException {
        return JobRunWaits.awaitEnd(client, job, runId, RUN_LIMIT);
    }

    private static String log(MortarServer on, String runId) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(SignedHttp.get(
                on.endpoint().resolve("/runs/" + runId + "/log"), on), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void aPythonShellJobGetsGluesArgumentsReachesMortarThroughBoto3AndImportsItsModules() throws Exception {
        JobRun run = awaitEnd(glue, "shell", shellRun);

        assertThat(run.jobRunState()).as(run.errorMessage() + "\n" + log(server, shellRun))
                .isEqualTo(JobRunState.SUCCEEDED);
        JsonNode result = JSON.readTree(dataDir.resolve("shell-result.json").toFile());
        List<String> argv = new ArrayList<>();
        result.get("argv").forEach(arg -> argv.add(arg.asText()));
        assertThat(argv).as("Glue's --name value pairs").containsSubsequence("--JOB_NAME", "shell")
                .containsSubsequence("--JOB_RUN_ID", shellRun).containsSubsequence("--day", "monday")
                .containsSubsequence("--name", "ana").containsSubsequence("--scriptLocation",
                        scripts.resolve("shell.py").toString());
        assertThat(result.get("args").get("day").asText()).isEqualTo("monday");
        assertThat(result.get("args").get("JOB_RUN_ID").asText()).as("Glue's own arguments come along")
                .isEqualTo(shellRun);
        assertThat(result.get("command").asText()).as("its own job, through boto3's Glue client")
                .isEqualTo("pythonshell");
        assertThat(result.get("columns")).extracting(JsonNode::asText).containsExactly("id", "amount");
        assertThat(result.get("greeting").asText()).as("--extra-py-files").isEqualTo("hello ana");
        assertThat(result.get("tabulate").asText()).as("--additional-python-modules").isEqualTo("0.9.0");
        assertThat(result.get("tabulate_path").asText()).startsWith(dataDir.resolve("runs").resolve(shellRun)
                .toString());
        assertThat(log(server, shellRun)).doesNotContain("SparkContext").doesNotContain("SparkSubmit");
    }

    @Test
    void aPythonShellRunIsSizedAndBilledAsGluesPythonShell() throws Exception {
        JobRun run = awaitEnd(glue, "shell", shellRun);

        assertThat(run.maxCapacity()).isEqualTo(0.0625);
        assertThat(run.workerType()).isNull();
        assertThat(run.numberOfWorkers()).isNull();
        assertThat(run.dpuSeconds()).as("0.0625 DPU for at least a minute")
                .isEqualTo(0.0625 * Math.max(60, run.executionTime()));
    }

    @Test
    void aPythonExceptionFailsTheShellRunWithItsTypeMessageAndLine() throws Exception {
        JobRun run = awaitEnd(glue, "shell_failing", shellFailingRun);

        assertThat(run.jobRunState()).isEqualTo(JobRunState.FAILED);
        assertThat(run.errorMessage()).isEqualTo("ValueError: bad input 42 (shell_fail.py, line 3)");
        assertThat(log(server, shellFailingRun)).contains("Traceback (most recent call last)")
                .contains("line 3").contains("ValueError: bad input 42");
    }

    @Test
    void aMissingArgumentFailsTheRunNamingTheArgument() throws Exception {
        JobRun run = awaitEnd(glue, "shell_arguments", shellMissingArgumentRun);
        assertThat(run.jobRunState()).isEqualTo(JobRunState.FAILED);
        // --unknown is ignored, as Glue's getResolvedOptions ignores arguments the script does not ask for
        assertThat(run.errorMessage()).isEqualTo(
                "GlueArgumentError: the following arguments are required: --output_bucket (shell_args.py, line 3)");
    }

    @Test
    void aGlueEtlPythonScriptRunsAsAPysparkDriverWithLambdasOnTheExecutors() throws Exception {
        JobRun run = awaitEnd(glue, "spark", sparkRun);

        assertThat(run.jobRunState()).as(run.errorMessage() + "\n" + log(server, sparkRun))
                .isEqualTo(JobRunState.SUCCEEDED);
        List<String> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(dataDir.resolve("spark-out"))) {
            for (Path part : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
                rows.addAll(Files.readAllLines(part));
            }
        }
        assertThat(rows).containsExactly("{\"n\":1,\"square\":1}", "{\"n\":2,\"square\":4}",
                "{\"n\":3,\"square\":9}", "{\"n\":4,\"square\":16}", "{\"n\":5,\"square\":25}");
        assertThat(run.workerTypeAsString()).isEqualTo("G.1X");
    }

    @Test
    void aPythonErrorFailsTheGlueEtlRunWithTheScriptsLine() throws Exception {
        JobRun run = awaitEnd(glue, "spark_failing", sparkFailingRun);

        assertThat(run.jobRunState()).isEqualTo(JobRunState.FAILED);
        assertThat(run.errorMessage()).isEqualTo("NameError: name 'missing_name' is not defined (spark_fail.py,"
                + " line 4)");
        assertThat(log(server, sparkFailingRun)).contains("Traceback (most recent call last)");
    }

    @Test
    void withoutPysparkAGlueEtlPythonScriptFailsSayingHowToInstallIt() throws Exception {
        JobRun run = awaitEnd(glueWithoutPyspark, "spark", sparkWithoutPysparkRun);

        assertThat(run.jobRunState()).isEqualTo(JobRunState.FAILED);
        assertThat(run.errorMessage()).contains("PySpark is not installed for this server")
                .contains("MORTAR_PYTHON_LIBS").contains("bin/mortar");
    }
}
