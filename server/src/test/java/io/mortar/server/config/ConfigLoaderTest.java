package io.mortar.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ConfigLoader}: the defaults, the four sources and their order (flag > environment > file > default), the
 * environment variable names, and errors that name the setting and the value a person has to fix.
 */
class ConfigLoaderTest {
    @TempDir
    Path dataDir;

    /** Loads with only the data directory given (so no ~/.mortar/mortar.properties can leak in). */
    private ServerConfig load(Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("mortar.data-dir", dataDir.toString()));
        all.putAll(flags);
        return ConfigLoader.load(null, environment, all);
    }

    private Path propertiesFile(String... lines) throws IOException {
        return Files.write(dataDir.resolve("mortar.properties"), List.of(lines));
    }

    @Test
    void everyDefault() {
        ServerConfig config = load(Map.of(), Map.of());

        assertThat(config.listen().bind()).isEqualTo("127.0.0.1");
        assertThat(config.listen().port()).isEqualTo(8095);
        assertThat(config.dataDir()).isEqualTo(dataDir.toAbsolutePath());
        assertThat(config.store().url()).isEqualTo("jdbc:sqlite:" + dataDir.toAbsolutePath().resolve("catalog.db"));
        assertThat(config.store().user()).isNull();
        assertThat(config.store().password()).isNull();
        assertThat(config.store().maxConnections()).isEqualTo(4);
        assertThat(config.store().durableCommits()).isTrue();
        assertThat(config.identity().accountId()).isEqualTo("000000000000");
        assertThat(config.identity().region()).isEqualTo("us-east-1");
        assertThat(config.jobs().master()).isEqualTo("local[" + Runtime.getRuntime().availableProcessors() + "]");
        assertThat(config.jobs().sparkJars()).isEqualTo(JobsConfig.findSparkJars(Map.of()));
        assertThat(config.jobs().javaHome()).isEqualTo(Path.of(System.getProperty("java.home")));
        assertThat(config.jobs().driverMemory()).isNull();
        assertThat(config.jobs().sparkConf()).isEmpty();
        assertThat(config.jobs().stopGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.jobs().minute()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.jobs().masterWebUi()).isNull();
        assertThat(config.jobs().masterWebUis()).as("no standalone master to ask").isEmpty();
        long machine = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        assertThat(config.jobs().capacity()).isEqualTo(new DriverCapacity(Runtime.getRuntime().availableProcessors(),
                machine / 4 * 3, (1024 + 384) * 1024L * 1024));
        assertThat(config.s3()).isEqualTo(S3Config.NONE);
        assertThat(config.s3().pathStyle()).isTrue();
        assertThat(config.connections()).isEqualTo(ConnectionsConfig.DEFAULTS);
        assertThat(config.connections().toString()).contains("<key file>");
        assertThat(config.events()).isEqualTo(new EventsConfig(Duration.ofSeconds(10), Duration.ofSeconds(1)));
        assertThat(config.listen().limits()).isEqualTo(RequestLimits.defaults());
        assertThat(config.listen().tls()).isEqualTo(TlsConfig.NONE);
        assertThat(config.listen().hostnames()).isEmpty();
        assertThat(config.auth()).isEqualTo(AuthConfig.ON);
    }

    @Test
    void theRequestLimitsDeriveFromTheHeapAndTheFileDescriptors() {
        long heap = Runtime.getRuntime().maxMemory();
        RequestLimits limits = load(Map.of(), Map.of()).listen().limits();

        assertThat(limits.bodyBudgetBytes()).isEqualTo(heap / 20);
        assertThat(limits.maxBodyBytes()).isEqualTo(Math.min(64L << 20, heap / 20));
        assertThat(limits.minBodyRate()).isEqualTo(16 << 10);
        assertThat(limits.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(limits.maxConnections()).isPositive().isLessThanOrEqualTo((int) Math.min(Integer.MAX_VALUE,
                heap / (128 << 10)));
        // A small heap: the largest body shrinks to the budget rather than exceed it.
        assertThat(RequestLimits.defaultMaxBody(10L << 20)).isEqualTo(10L << 20);
        assertThat(RequestLimits.defaultMaxBody(1L << 30)).isEqualTo(64L << 20);
    }

    @Test
    void requestLimitsAreReadWithSizeSuffixes() {
        Map<String, String> flags = new HashMap<>();
        flags.put("mortar.http.max-body-size", "512k");
        flags.put("mortar.http.body-budget", "2G");
        flags.put("mortar.http.min-body-rate", "0");
        flags.put("mortar.http.idle-timeout-seconds", "5");
        flags.put("mortar.http.max-connections", "300");

        RequestLimits limits = load(Map.of("MORTAR_HTTP_MIN_BODY_RATE", "1m"), flags).listen().limits();

        assertThat(limits).isEqualTo(new RequestLimits(512 << 10, 2L << 30, 0, Duration.ofSeconds(5), 300));
        assertThat(load(Map.of("MORTAR_HTTP_BODY_BUDGET", "8m"), Map.of()).listen().limits())
                .as("the largest body follows a budget below 64m").extracting(RequestLimits::maxBodyBytes)
                .isEqualTo(8L << 20);
        assertThat(ByteSize.format(64L << 20)).isEqualTo("64m");
        assertThat(ByteSize.format(3L << 30)).isEqualTo("3g");
        assertThat(ByteSize.format(1000)).isEqualTo("1000");
    }

    @Test
    void theSparkJarsFolderComesFromTheSettingTheBuildOrTheSourceTree(@TempDir Path jars) {
        assertThat(load(Map.of("MORTAR_SPARK_JARS", jars.toString()), Map.of()).jobs().sparkJars()).isEqualTo(jars);
        String property = System.clearProperty(JobsConfig.SPARK_JARS_PROPERTY);
        try {
            // Without a setting: runtime/target/jars of the source tree the tests run in (cwd is server/).
            assertThat(JobsConfig.findSparkJars(Map.of()))
                    .isEqualTo(Path.of("").toAbsolutePath().getParent().resolve("runtime/target/jars"));
            assertThat(JobsConfig.findSparkJars(Map.of("MORTAR_SPARK_JARS", jars.toString()))).isEqualTo(jars);
        } finally {
            if (property != null) {
                System.setProperty(JobsConfig.SPARK_JARS_PROPERTY, property);
            }
        }
    }

    @Test
    void jobAndS3SettingsAreRead() {
        Map<String, String> flags = new HashMap<>();
        flags.put("mortar.jobs.master", "spark://127.0.0.1:7077");
        flags.put("mortar.jobs.master-web-ui", "http://127.0.0.1:18080/");
        flags.put("mortar.jobs.java-home", "/opt/java");
        flags.put("mortar.jobs.driver-memory", "2g");
        flags.put("mortar.jobs.spark-conf", "spark.ui.enabled=false --conf spark.sql.shuffle.partitions=4");
        flags.put("mortar.jobs.stop-grace-seconds", "3");
        flags.put("mortar.jobs.minute-seconds", "1");
        flags.put("mortar.s3.endpoint", "http://127.0.0.1:9000");
        flags.put("mortar.s3.access-key", "access");
        flags.put("mortar.s3.secret-key", "secret");
        flags.put("mortar.s3.region", "eu-west-1");
        flags.put("mortar.s3.path-style", "false");

        ServerConfig config = load(Map.of(), flags);

        assertThat(config.jobs().master()).isEqualTo("spark://127.0.0.1:7077");
        assertThat(config.jobs().javaExecutable()).isEqualTo(Path.of("/opt/java/bin/java"));
        assertThat(config.jobs().driverMemory()).isEqualTo("2g");
        assertThat(config.jobs().sparkConf()).containsExactly(entry("spark.ui.enabled", "false"),
                entry("spark.sql.shuffle.partitions", "4"));
        assertThat(config.jobs().stopGrace()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.jobs().minute()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.jobs().masterWebUis()).containsExactly(URI.create("http://127.0.0.1:18080/"));
        assertThat(config.s3()).isEqualTo(new S3Config("http://127.0.0.1:9000", "access", "secret", "eu-west-1",
                false));
    }

    @Test
    void aStandaloneMastersWebUiIsOnPort8080OfEachMasterHostUnlessSet() {
        JobsConfig jobs = load(Map.of(), Map.of("mortar.jobs.master", "spark://spark-a:7077,spark-b:7078")).jobs();

        assertThat(jobs.standaloneMaster()).isTrue();
        assertThat(jobs.masterWebUis()).containsExactly(URI.create("http://spark-a:8080/"),
                URI.create("http://spark-b:8080/"));
        assertThat(jobs.withMasterWebUi(URI.create("http://127.0.0.1:4040/")).masterWebUis())
                .containsExactly(URI.create("http://127.0.0.1:4040/"));
    }

    @Test
    void theDataDirectoryDefaultsToDotMortarInTheHomeDirectory() {
        Path home = Path.of(System.getProperty("user.home"), ".mortar");
        assertThat(ConfigLoader.defaultDataDir()).isEqualTo(home);
        assertThat(setting("mortar.data-dir").defaultValue()).isEqualTo(home.toString());
    }

    @Test
    void postgresqlGetsALargerPoolByDefault() {
        ServerConfig config = load(Map.of(), Map.of("mortar.store.url", "jdbc:postgresql://127.0.0.1:5432/mortar"));

        assertThat(config.store().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/mortar");
        assertThat(config.store().maxConnections()).isEqualTo(16);
    }

    @Test
    void theSettingsTableListsEveryKeyWithItsDefaultAndEnvironmentVariable() {
        assertThat(ConfigLoader.SETTINGS).extracting(ConfigLoader.Setting::key, ConfigLoader.Setting::environmentVariable)
                .containsExactly(
                        tuple("mortar.bind", "MORTAR_BIND"),
                        tuple("mortar.port", "MORTAR_PORT"),
                        tuple("mortar.http.max-body-size", "MORTAR_HTTP_MAX_BODY_SIZE"),
                        tuple("mortar.http.body-budget", "MORTAR_HTTP_BODY_BUDGET"),
                        tuple("mortar.http.min-body-rate", "MORTAR_HTTP_MIN_BODY_RATE"),
                        tuple("mortar.http.idle-timeout-seconds", "MORTAR_HTTP_IDLE_TIMEOUT_SECONDS"),
                        tuple("mortar.http.max-connections", "MORTAR_HTTP_MAX_CONNECTIONS"),
                        tuple("mortar.hostnames", "MORTAR_HOSTNAMES"),
                        tuple("mortar.tls.cert", "MORTAR_TLS_CERT"),
                        tuple("mortar.tls.key", "MORTAR_TLS_KEY"),
                        tuple("mortar.auth.insecure-no-auth", "MORTAR_AUTH_INSECURE_NO_AUTH"),
                        tuple("mortar.data-dir", "MORTAR_DATA_DIR"),
                        tuple("mortar.store.url", "MORTAR_STORE_URL"),
                        tuple("mortar.store.user", "MORTAR_STORE_USER"),
                        tuple("mortar.store.password", "MORTAR_STORE_PASSWORD"),
                        tuple("mortar.store.pool-size", "MORTAR_STORE_POOL_SIZE"),
                        tuple("mortar.store.durable-commits",
                                "MORTAR_STORE_DURABLE_COMMITS"),
                        tuple("mortar.account-id", "MORTAR_ACCOUNT_ID"),
                        tuple("mortar.region", "MORTAR_REGION"),
                        tuple("mortar.spark-jars", "MORTAR_SPARK_JARS"),
                        tuple("mortar.jobs.master", "MORTAR_JOBS_MASTER"),
                        tuple("mortar.jobs.master-web-ui", "MORTAR_JOBS_MASTER_WEB_UI"),
                        tuple("mortar.jobs.java-home", "MORTAR_JOBS_JAVA_HOME"),
                        tuple("mortar.jobs.driver-memory", "MORTAR_JOBS_DRIVER_MEMORY"),
                        tuple("mortar.jobs.spark-conf", "MORTAR_JOBS_SPARK_CONF"),
                        tuple("mortar.jobs.stop-grace-seconds", "MORTAR_JOBS_STOP_GRACE_SECONDS"),
                        tuple("mortar.jobs.max-drivers", "MORTAR_JOBS_MAX_DRIVERS"),
                        tuple("mortar.jobs.memory-budget", "MORTAR_JOBS_MEMORY_BUDGET"),
                        tuple("mortar.jobs.python", "MORTAR_JOBS_PYTHON"),
                        tuple("mortar.jobs.python-libs", "MORTAR_PYTHON_LIBS"),
                        tuple("mortar.jobs.script-cache", "MORTAR_JOBS_SCRIPT_CACHE"),
                        tuple("mortar.jobs.minute-seconds", "MORTAR_JOBS_MINUTE_SECONDS"),
                        tuple("mortar.connections.key", "MORTAR_CONNECTIONS_KEY"),
                        tuple("mortar.connections.test-timeout", "MORTAR_CONNECTIONS_TEST_TIMEOUT"),
                        tuple("mortar.crawlers.max-concurrent", "MORTAR_CRAWLERS_MAX_CONCURRENT"),
                        tuple("mortar.crawlers.readers", "MORTAR_CRAWLERS_READERS"),
                        tuple("mortar.events.watch-interval-ms", "MORTAR_EVENTS_WATCH_INTERVAL_MS"),
                        tuple("mortar.events.batch-tick-ms", "MORTAR_EVENTS_BATCH_TICK_MS"),
                        tuple("mortar.s3.endpoint", "MORTAR_S3_ENDPOINT"),
                        tuple("mortar.s3.access-key", "MORTAR_S3_ACCESS_KEY"),
                        tuple("mortar.s3.secret-key", "MORTAR_S3_SECRET_KEY"),
                        tuple("mortar.s3.region", "MORTAR_S3_REGION"),
                        tuple("mortar.s3.path-style", "MORTAR_S3_PATH_STYLE"));
        assertThat(setting("mortar.bind").defaultValue()).isEqualTo("127.0.0.1");
        assertThat(setting("mortar.port").defaultValue()).isEqualTo("8095");
        assertThat(setting("mortar.store.durable-commits").defaultValue()).isEqualTo("true");
        assertThat(setting("mortar.account-id").defaultValue()).isEqualTo("000000000000");
        assertThat(setting("mortar.region").defaultValue()).isEqualTo("us-east-1");
        assertThat(setting("mortar.connections.key").defaultValue()).isEmpty();
        assertThat(setting("mortar.crawlers.max-concurrent").defaultValue()).isEqualTo("2");
        assertThat(setting("mortar.crawlers.readers").defaultValue()).isEqualTo("8");
        assertThat(setting("mortar.connections.test-timeout").defaultValue()).isEqualTo("10");
        assertThat(setting("mortar.events.watch-interval-ms").defaultValue()).isEqualTo("10000");
        assertThat(setting("mortar.events.batch-tick-ms").defaultValue()).isEqualTo("1000");
        assertThat(setting("mortar.http.max-body-size").defaultValue()).isEmpty();
        assertThat(setting("mortar.http.body-budget").defaultValue())
                .isEqualTo(ByteSize.format(Runtime.getRuntime().maxMemory() / 20));
        assertThat(setting("mortar.http.min-body-rate").defaultValue()).isEqualTo("16384");
        assertThat(setting("mortar.http.idle-timeout-seconds").defaultValue()).isEqualTo("30");
        assertThat(setting("mortar.hostnames").defaultValue()).isEmpty();
        assertThat(setting("mortar.tls.cert").defaultValue()).isEmpty();
        assertThat(setting("mortar.tls.key").defaultValue()).isEmpty();
        assertThat(setting("mortar.auth.insecure-no-auth").defaultValue()).isEqualTo("false");
        assertThat(setting("mortar.http.max-connections").defaultValue())
                .isEqualTo(Integer.toString(RequestLimits.defaultMaxConnections()));
        assertThat(ConfigLoader.SETTINGS).allSatisfy(s -> assertThat(s.description()).isNotBlank());
    }

    @Test
    void everySettingIsReadFromItsEnvironmentVariable() {
        Map<String, String> environment = new HashMap<>();
        environment.put("MORTAR_BIND", "0.0.0.0");
        environment.put("MORTAR_PORT", "9001");
        environment.put("MORTAR_STORE_URL", "jdbc:postgresql://db:5432/catalog");
        environment.put("MORTAR_STORE_USER", "glue");
        environment.put("MORTAR_STORE_PASSWORD", "secret");
        environment.put("MORTAR_STORE_POOL_SIZE", "7");
        environment.put("MORTAR_STORE_DURABLE_COMMITS", "false");
        environment.put("MORTAR_ACCOUNT_ID", "123456789012");
        environment.put("MORTAR_REGION", "eu-west-1");
        Path other = dataDir.resolve("other");
        environment.put("MORTAR_DATA_DIR", other.toString());

        ServerConfig config = ConfigLoader.load(null, environment, Map.of());

        assertThat(config.listen()).isEqualTo(new ListenConfig("0.0.0.0", 9001));
        assertThat(config.dataDir()).isEqualTo(other.toAbsolutePath());
        assertThat(config.store().url()).isEqualTo("jdbc:postgresql://db:5432/catalog");
        assertThat(config.store().user()).isEqualTo("glue");
        assertThat(config.store().password()).isEqualTo("secret");
        assertThat(config.store().maxConnections()).isEqualTo(7);
        assertThat(config.store().durableCommits()).isFalse();
        assertThat(config.identity().accountId()).isEqualTo("123456789012");
        assertThat(config.identity().region()).isEqualTo("eu-west-1");
    }

    @Test
    void jobScriptsDefaultToPython3NoPysparkAndACacheInTheDataDirectory() {
        ServerConfig config = load(Map.of(), Map.of());

        assertThat(config.jobs().scripts()).isEqualTo(new JobScripts("python3", null,
                dataDir.toAbsolutePath().resolve("script-cache")));
        assertThat(config.jobs().scripts().driverEnvironment()).containsExactly(entry("MORTAR_PYTHON", "python3"),
                entry("MORTAR_SCRIPT_CACHE", dataDir.toAbsolutePath().resolve("script-cache").toString()));
        assertThat(setting("mortar.jobs.python").defaultValue()).isEqualTo("python3");
        assertThat(setting("mortar.jobs.python-libs").defaultValue()).isEmpty();
    }

    @Test
    void jobScriptsAreReadFromTheirSettingsAndPysparkFromTheVariableBinMortarExports() {
        Path libs = dataDir.resolve("pyspark-libs");
        ServerConfig config = load(Map.of("MORTAR_PYTHON_LIBS", libs.toString(), "MORTAR_JOBS_PYTHON",
                "/opt/python3.12/bin/python3"), Map.of("mortar.jobs.script-cache", "/var/cache/mortar-scripts"));

        assertThat(config.jobs().scripts()).isEqualTo(new JobScripts("/opt/python3.12/bin/python3",
                libs.toAbsolutePath(), Path.of("/var/cache/mortar-scripts")));
        assertThat(config.jobs().scripts().driverEnvironment()).containsExactly(
                entry("MORTAR_PYTHON", "/opt/python3.12/bin/python3"),
                entry("MORTAR_PYTHON_LIBS", libs.toAbsolutePath().toString()),
                entry("MORTAR_SCRIPT_CACHE", "/var/cache/mortar-scripts"));
        assertThatThrownBy(() -> load(Map.of(), Map.of("mortar.jobs.python", " ")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mortar.jobs.python");
    }

    @Test
    void theEventIntakeTicksAsSetAndAZeroIntervalTurnsTheWatcherOff() {
        ServerConfig fast = load(Map.of("MORTAR_EVENTS_WATCH_INTERVAL_MS", "200"),
                Map.of("mortar.events.batch-tick-ms", "50"));
        assertThat(fast.events()).isEqualTo(new EventsConfig(Duration.ofMillis(200), Duration.ofMillis(50)));
        assertThat(fast.events().watching()).isTrue();

        assertThat(load(Map.of(), Map.of("mortar.events.watch-interval-ms", "0")).events().watching()).isFalse();
    }

    @Test
    void theDriverCapacityIsTheSmallerOfTheDriverCountAndWhatTheMemoryBudgetHolds() {
        ServerConfig byCount = load(Map.of("MORTAR_JOBS_MAX_DRIVERS", "3"),
                Map.of("mortar.jobs.memory-budget", "64g", "mortar.jobs.driver-memory", "2g"));
        assertThat(byCount.jobs().capacity()).isEqualTo(new DriverCapacity(3, 64L << 30, (2048 + 384) * 1024L * 1024));
        assertThat(byCount.jobs().capacity().slots()).isEqualTo(3);

        // 10g of heap takes 10g plus 1g of overhead (10 %): 40g holds three.
        ServerConfig byMemory = load(Map.of(), Map.of("mortar.jobs.max-drivers", "16",
                "mortar.jobs.memory-budget", "40g", "mortar.jobs.driver-memory", "10g"));
        assertThat(byMemory.jobs().capacity().slots()).isEqualTo(3);
        assertThat(byMemory.jobs().capacity().describe()).isEqualTo("3 driver(s) at once (mortar.jobs.max-drivers 16;"
                + " mortar.jobs.memory-budget 40g at 11g per driver)");
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
        propertiesFile("mortar.port=1111", "mortar.region=file-region", "mortar.account-id=111111111111",
                "mortar.bind=127.0.0.2");
        Map<String, String> environment = Map.of("MORTAR_PORT", "2222", "MORTAR_REGION", "env-region");
        Map<String, String> flags = Map.of("mortar.port", "3333");

        ServerConfig config = load(environment, flags);

        assertThat(config.listen().port()).as("flag over environment and file").isEqualTo(3333);
        assertThat(config.identity().region()).as("environment over file").isEqualTo("env-region");
        assertThat(config.identity().accountId()).as("file over default").isEqualTo("111111111111");
        assertThat(config.listen().bind()).as("file over default").isEqualTo("127.0.0.2");
        assertThat(config.store().durableCommits()).as("default").isTrue();
        assertThat(load(environment, Map.of()).listen().port()).isEqualTo(2222);
        assertThat(load(Map.of(), Map.of()).listen().port()).isEqualTo(1111);
    }

    @Test
    void theFileIsFoundInTheDataDirectoryNamedByTheEnvironment() throws IOException {
        Path elsewhere = Files.createDirectories(dataDir.resolve("elsewhere"));
        Files.write(elsewhere.resolve("mortar.properties"), List.of("mortar.port=4444"));

        ServerConfig config = ConfigLoader.load(null, Map.of("MORTAR_DATA_DIR", elsewhere.toString()), Map.of());

        assertThat(config.listen().port()).isEqualTo(4444);
        assertThat(config.dataDir()).isEqualTo(elsewhere.toAbsolutePath());
    }

    @Test
    void anExplicitConfigFileIsReadInsteadOfTheDataDirectoryOne() throws IOException {
        propertiesFile("mortar.port=1111");
        Path explicit = Files.write(dataDir.resolve("explicit.properties"), List.of("mortar.region=explicit"));

        ServerConfig config = ConfigLoader.load(explicit, Map.of(), Map.of("mortar.data-dir", dataDir.toString()));

        assertThat(config.identity().region()).isEqualTo("explicit");
        assertThat(config.listen().port()).as("the data-dir file is not read as well").isEqualTo(8095);
    }

    // ------------------------------------------------------------------ bad values

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            mortar.port                  | 70000          | mortar.port must be between 0 (any free port) and 65535, not 70000
            mortar.port                  | -1             | mortar.port must be between 0 (any free port) and 65535, not -1
            mortar.port                  | abc            | mortar.port must be a whole number, not 'abc'
            mortar.store.pool-size       | many           | mortar.store.pool-size must be a whole number, not 'many'
            mortar.store.durable-commits | maybe          | mortar.store.durable-commits must be true or false, not 'maybe'
            mortar.store.url             | mysql://db/x   | mortar.store.url: Unsupported store URL
            mortar.store.url             | jdbc:mysql://x | mortar.store.url: Unsupported store URL
            mortar.account-id            | 12345          | mortar.account-id must be 12 digits, not '12345'
            mortar.store.pool-size       | 0              | mortar.store.pool-size must be at least 1, not 0
            mortar.region                | ''             | mortar.region must be a region name such as us-east-1, not ''
            mortar.region                | EU West        | mortar.region must be a region name such as us-east-1, not 'EU West'
            mortar.data-dir              | ' '            | mortar.data-dir must name a directory
            mortar.bind                  | ' '            | mortar.bind must name an address to listen on
            mortar.jobs.master           | yarn           | mortar.jobs.master must be local[N] or spark://host:port, not 'yarn'
            mortar.jobs.master-web-ui    | 127.0.0.1:8080 | mortar.jobs.master-web-ui must be an http:// address such as http://127.0.0.1:8080/, not '127.0.0.1:8080'
            mortar.jobs.master-web-ui    | spark://m:7077 | mortar.jobs.master-web-ui must be an http:// address such as http://127.0.0.1:8080/, not 'spark://m:7077'
            mortar.jobs.driver-memory    | lots           | mortar.jobs.driver-memory must be a size such as 2g or 512m, not 'lots'
            mortar.jobs.driver-memory    | 99999999999999999999g | mortar.jobs.driver-memory must be a size such as 2g or 512m, not '99999999999999999999g'
            mortar.jobs.memory-budget    | half           | mortar.jobs.memory-budget must be a size such as 2g or 512m, not 'half'
            mortar.jobs.memory-budget    | 1g             | mortar.jobs.memory-budget (1g) must hold at least one driver (1408m
            mortar.jobs.max-drivers      | 0              | mortar.jobs.max-drivers must be at least 1, not 0
            mortar.jobs.max-drivers      | some           | mortar.jobs.max-drivers must be a whole number, not 'some'
            mortar.jobs.spark-conf       | spark.ui       | mortar.jobs.spark-conf: 'spark.ui' is not a key=value pair
            mortar.jobs.minute-seconds   | 0              | mortar.jobs.minute-seconds must be at least 1, not 0
            mortar.jobs.stop-grace-seconds | -1           | mortar.jobs.stop-grace-seconds must not be negative, not -1
            mortar.s3.access-key         | key            | mortar.s3.access-key and mortar.s3.secret-key go together
            mortar.s3.path-style         | yes            | mortar.s3.path-style must be true or false, not 'yes'
            mortar.http.max-body-size    | 1.5m           | mortar.http.max-body-size must be a size such as 2g or 512m, not '1.5m'
            mortar.http.max-body-size    | 0              | mortar.http.max-body-size must be between 1 and 2147483639 bytes, not 0
            mortar.http.max-body-size    | 4g             | mortar.http.max-body-size must be between 1 and 2147483639 bytes, not 4294967296
            mortar.http.body-budget      | 0              | mortar.http.body-budget must be at least 1, not 0
            mortar.http.body-budget      | 99999999999999999999g | mortar.http.body-budget must be a size such as 2g or 512m
            mortar.http.min-body-rate    | fast           | mortar.http.min-body-rate must be a size such as 2g or 512m
            mortar.http.idle-timeout-seconds | 0          | mortar.http.idle-timeout-seconds must be at least 1, not 0
            mortar.http.max-connections  | 0              | mortar.http.max-connections must be at least 1, not 0
            mortar.events.watch-interval-ms | -1          | mortar.events.watch-interval-ms must not be negative, not -1
            mortar.events.watch-interval-ms | 10s         | mortar.events.watch-interval-ms must be a whole number, not '10s'
            mortar.events.batch-tick-ms  | 0              | mortar.events.batch-tick-ms must be at least 1, not 0
            """)
    void aBadValueIsAConfigExceptionNamingTheSettingAndValue(String key, String value, String message) {
        assertThatThrownBy(() -> load(Map.of(), Map.of(key, value)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }

    @Test
    void aBodyBudgetBelowTheLargestBodyIsRefusedNamingBoth() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("mortar.http.max-body-size", "2m",
                "mortar.http.body-budget", "1m")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("mortar.http.body-budget (1m) must be at least mortar.http.max-body-size (2m), or a body"
                        + " of the largest size could never be read");
    }

    @Test
    void aBadValueFromTheEnvironmentOrFileIsReportedTheSameWay() throws IOException {
        assertThatThrownBy(() -> load(Map.of("MORTAR_PORT", "abc"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage("mortar.port must be a whole number, not 'abc'");
        propertiesFile("mortar.store.durable-commits=maybe");
        assertThatThrownBy(() -> load(Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("mortar.store.durable-commits must be true or false, not 'maybe'");
    }

    @Test
    void anUnknownKeyInTheFileIsRefusedByName() throws IOException {
        Path file = propertiesFile("mortar.prot=8080");

        assertThatThrownBy(() -> load(Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mortar.prot").hasMessageContaining(file.toString());
    }

    @Test
    void valuesAreTrimmedOfSurroundingBlanks() throws IOException {
        propertiesFile("mortar.bind=127.0.0.1 ", "mortar.region= eu-west-1 ");

        ServerConfig config = load(Map.of(), Map.of());

        assertThat(config.listen().bind()).isEqualTo("127.0.0.1");
        assertThat(config.identity().region()).isEqualTo("eu-west-1");
    }

    @Test
    void aMissingExplicitConfigFileIsRefusedByPath() {
        Path missing = dataDir.resolve("nope.properties");

        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of(), Map.of("mortar.data-dir", dataDir.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void unrelatedEnvironmentVariablesAreIgnored() {
        ServerConfig config = load(Map.of("MORTAR_TEST_PG_URL", "jdbc:postgresql://x/y", "PORT", "1"), Map.of());

        assertThat(config.listen().port()).isEqualTo(8095);
        assertThat(config.store().url()).startsWith("jdbc:sqlite:");
    }

    private static ConfigLoader.Setting setting(String key) {
        return ConfigLoader.SETTINGS.stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
    }
}
