package io.mortar.server.config;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.store.jdbc.StoreDialect;
import io.mortar.store.jdbc.StoreSettings;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@link ServerConfig}. Later sources win: built-in defaults, the properties file ({@code --config}, else
 * {@code <data-dir>/mortar.properties} when present), environment variables ({@code mortar.store.url} is
 * {@code MORTAR_STORE_URL}), then command-line flags. Every setting, its default and meaning is in
 * {@link #SETTINGS}, which {@code mortar server --help} and the README print.
 */
public final class ConfigLoader {
    /**
     * @param environmentVariable the variable that sets it: the key in capitals with {@code _} for {@code .} and
     *     {@code -}, unless a variable of its own predates the setting
     */
    public record Setting(String key, String defaultValue, String description, String environmentVariable) {
        public Setting(String key, String defaultValue, String description) {
            this(key, defaultValue, description, key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
    }

    public static final List<Setting> SETTINGS = List.of(
            new Setting("mortar.bind", ListenConfig.DEFAULT_BIND, "address the HTTP API listens on"),
            new Setting("mortar.port", Integer.toString(ListenConfig.DEFAULT_PORT), "HTTP port (0 = any free port)"),
            new Setting("mortar.http.max-body-size", "", "largest request body, e.g. 64m; larger is refused (413)"
                    + " unread (default: 64m, or the body budget if smaller)"),
            new Setting("mortar.http.body-budget", ByteSize.format(RequestLimits.defaultBodyBudget()),
                    "request bodies in memory at once; a request beyond it gets ThrottlingException, which"
                    + " clients retry (default: 1/" + RequestLimits.HEAP_SHARE_OF_BODIES + " of the heap)"),
            new Setting("mortar.http.min-body-rate", Long.toString(RequestLimits.DEFAULT_MIN_BODY_RATE),
                    "bytes a second a request body must arrive at, or 408 (0 = no minimum)"),
            new Setting("mortar.http.idle-timeout-seconds",
                    Long.toString(RequestLimits.DEFAULT_IDLE_TIMEOUT.toSeconds()),
                    "seconds a connection may send nothing before it is closed (or its request gets 408)"),
            new Setting("mortar.http.max-connections", Integer.toString(RequestLimits.defaultMaxConnections()),
                    "connections open at once; more wait to be accepted (default: half the file descriptors, at"
                    + " most one per 128 KiB of heap)"),
            new Setting("mortar.hostnames", "", "further names clients reach the server by, comma-separated (a"
                    + " request's Host must be localhost, a loopback or the bind address, one of these, or with a"
                    + " 0.0.0.0 / :: bind the machine's names and addresses; others get 421)"),
            new Setting("mortar.tls.cert", "", "PEM certificate chain to serve HTTPS with (with mortar.tls.key)"),
            new Setting("mortar.tls.key", "", "PEM private key of mortar.tls.cert (PKCS#8, PKCS#1 RSA or SEC1 EC,"
                    + " unencrypted)"),
            new Setting("mortar.auth.insecure-no-auth", "false", "true: accept requests without a valid SigV4"
                    + " signature; refused unless mortar.bind is loopback"),
            new Setting("mortar.data-dir", defaultDataDir().toString(), "directory for the embedded store and logs"),
            new Setting("mortar.store.url", "", "JDBC URL of the catalog store; empty = SQLite file in the data"
                    + " directory; jdbc:postgresql://host:port/db to scale out"),
            new Setting("mortar.store.user", "", "store user (PostgreSQL)"),
            new Setting("mortar.store.password", "", "store password (PostgreSQL)"),
            new Setting("mortar.store.pool-size", "", "store connections for reads (default 4 for SQLite, 16 for"
                    + " PostgreSQL); writes have as many more on PostgreSQL, one on SQLite"),
            new Setting("mortar.store.durable-commits", "true", "SQLite: fsync every commit (survives power loss)"),
            new Setting("mortar.account-id", CatalogIdentity.DEFAULT.accountId(), "the CatalogId / account in ARNs"),
            new Setting("mortar.region", CatalogIdentity.DEFAULT.region(), "the region in ARNs"),
            new Setting("mortar.spark-jars", "", "the job drivers' class path folder (runtime/target/jars; default:"
                    + " found beside the build the server runs from)"),
            new Setting("mortar.jobs.master", "", "Spark master of job runs: local[N] or spark://host:port (default"
                    + " local[<cores>])"),
            new Setting("mortar.jobs.master-web-ui", "", "web UI of the spark:// master, whose status sizes executors"
                    + " to fit its workers (default http://<master host>:8080/)"),
            new Setting("mortar.jobs.java-home", "", "Java installation job drivers run on (default: the server's)"),
            new Setting("mortar.jobs.driver-memory", "", "heap of each job driver JVM, e.g. 2g (default: the JVM's)"),
            new Setting("mortar.jobs.spark-conf", "", "Spark settings for every job run, 'k=v --conf k2=v2' as in"
                    + " Glue's --conf (a job's own --conf wins)"),
            new Setting("mortar.jobs.stop-grace-seconds", "10", "seconds a stopped or timed-out driver has to exit"
                    + " after SIGTERM before it is killed"),
            new Setting("mortar.jobs.max-drivers", "", "job drivers running at once; more runs wait (WAITING) and"
                    + " start in order (default: the machine's cores)"),
            new Setting("mortar.jobs.memory-budget", "", "memory all job drivers together may take, e.g. 12g: each"
                    + " counts its heap and Spark's overhead (default: 3/4 of the machine's memory)"),
            new Setting("mortar.jobs.python", JobScripts.DEFAULT_PYTHON, "Python 3 interpreter of Python jobs"
                    + " (glueetl .py scripts and pythonshell jobs): a command on the PATH or a path"),
            new Setting("mortar.jobs.python-libs", "", "folder holding pyspark and py4j at Spark's version, which"
                    + " glueetl .py scripts need (bin/mortar installs them from PyPI and sets it)",
                    JobScripts.PYTHON_LIBS_VARIABLE),
            new Setting("mortar.jobs.script-cache", "", "folder where compiled Scala scripts are kept by content"
                    + " (default <data-dir>/" + JobScripts.SCRIPT_CACHE_FOLDER + ")"),
            new Setting("mortar.jobs.minute-seconds", "60", "seconds in one minute of a job's Timeout (tests"
                    + " shorten it; leave it alone)"),
            new Setting("mortar.connections.key", "", "AES-256 key (base64 of 32 bytes) encrypting connection"
                    + " passwords; empty = <data-dir>/connection.key, generated owner-only on first start"),
            new Setting("mortar.connections.test-timeout", "10", "seconds TestConnection waits for a"
                    + " database"),
            new Setting("mortar.crawlers.max-concurrent", "2", "crawls running at once; more wait their turn"),
            new Setting("mortar.crawlers.readers", "8", "files each crawl reads at once"),
            new Setting("mortar.events.watch-interval-ms",
                    Long.toString(EventsConfig.DEFAULTS.watchInterval().toMillis()), "milliseconds between two"
                    + " listings of the locations EVENT triggers watch (stores that send no notifications); 0 = no"
                    + " watcher, events only from notifications POSTed to /events/s3"),
            new Setting("mortar.events.batch-tick-ms", Long.toString(EventsConfig.DEFAULTS.batchTick().toMillis()),
                    "milliseconds between two checks for event batches whose BatchWindow has passed (and for"
                    + " batches to fire again)"),
            new Setting("mortar.s3.endpoint", "", "S3-compatible endpoint for s3:// and s3a:// paths in jobs and crawls"
                    + " (default: AWS)"),
            new Setting("mortar.s3.access-key", "", "S3 access key for job drivers and crawls"),
            new Setting("mortar.s3.secret-key", "", "S3 secret key for job drivers and crawls; prefer the environment"),
            new Setting("mortar.s3.region", "", "S3 region for job drivers and crawls"),
            new Setting("mortar.s3.path-style", "true", "path-style S3 addressing (needed by most S3-compatible"
                    + " stores)"));

    private static final Set<String> KEYS = SETTINGS.stream().map(Setting::key)
            .collect(Collectors.toUnmodifiableSet());

    private ConfigLoader() {}

    /** @param where appended to the message, naming the source of the keys (or empty) */
    private static void requireKnown(Collection<String> keys, String where) {
        for (String key : keys) {
            if (!KEYS.contains(key)) {
                throw new ConfigException("Unknown setting " + key + where);
            }
        }
    }

    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".mortar");
    }

    /**
     * @param configFile an explicit properties file, or null
     * @param environment the process environment (a parameter so tests can pass their own)
     * @param flags values from the command line, by setting key
     */
    public static ServerConfig load(Path configFile, Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Setting s : SETTINGS) {
            values.put(s.key(), s.defaultValue());
        }
        Map<String, String> fromEnvironment = new LinkedHashMap<>();
        for (Setting s : SETTINGS) {
            String v = environment.get(s.environmentVariable());
            if (v != null) {
                fromEnvironment.put(s.key(), v);
            }
        }
        Path dataDir = Path.of(firstNonNull(flags.get("mortar.data-dir"), fromEnvironment.get("mortar.data-dir"),
                values.get("mortar.data-dir")));
        Path file = configFile != null ? configFile : dataDir.resolve("mortar.properties");
        if (configFile != null || Files.isRegularFile(file)) {
            Map<String, String> fromFile = readProperties(file);
            requireKnown(fromFile.keySet(), " in " + file);
            values.putAll(fromFile);
        }
        values.putAll(fromEnvironment);
        values.putAll(flags);
        return build(values, environment, Boolean.parseBoolean(flags.getOrDefault("mortar.auth.insecure-no-auth", "")
                .strip()));
    }

    /** @param noAuthFlag whether {@code --insecure-no-auth} itself was given on the command line */
    private static ServerConfig build(Map<String, String> raw, Map<String, String> environment, boolean noAuthFlag) {
        requireKnown(raw.keySet(), "");
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            // "mortar.bind=127.0.0.1 " in a properties file must not become an address with a space in it
            values.put(e.getKey(), e.getValue() == null ? null : e.getValue().strip());
        }
        ListenConfig listen = new ListenConfig(values.get("mortar.bind"), integer(values, "mortar.port"),
                requestLimits(values), tls(values), hostnames(values));
        AuthConfig auth = bool(values, "mortar.auth.insecure-no-auth") ? AuthConfig.OFF : AuthConfig.ON;
        requireAuthBeyondLoopback(listen, auth, noAuthFlag);
        if (values.get("mortar.data-dir").isEmpty()) {
            throw new ConfigException("mortar.data-dir must name a directory");
        }
        Path dataDir = Path.of(values.get("mortar.data-dir")).toAbsolutePath();
        String url = values.get("mortar.store.url");
        StoreSettings store;
        if (url == null || url.isBlank()) {
            store = StoreSettings.sqliteIn(dataDir);
        } else {
            try {
                StoreDialect.fromJdbcUrl(url);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("mortar.store.url: " + e.getMessage());
            }
            store = StoreSettings.of(url);
        }
        String pool = values.get("mortar.store.pool-size");
        int poolSize = pool == null || pool.isBlank() ? store.maxConnections() : integer(values, "mortar.store.pool-size");
        if (poolSize < 1) {
            throw new ConfigException("mortar.store.pool-size must be at least 1, not " + poolSize);
        }
        store = new StoreSettings(store.url(), blankToNull(values.get("mortar.store.user")),
                blankToNull(values.get("mortar.store.password")), poolSize,
                bool(values, "mortar.store.durable-commits"));
        String accountId = values.get("mortar.account-id");
        if (!accountId.matches("\\d{12}")) {
            throw new ConfigException("mortar.account-id must be 12 digits, not '" + accountId + "'");
        }
        String region = values.get("mortar.region");
        if (!region.matches("[a-z0-9][a-z0-9-]*")) {
            throw new ConfigException("mortar.region must be a region name such as us-east-1, not '" + region + "'");
        }
        CatalogIdentity identity = new CatalogIdentity(accountId, region);
        return new ServerConfig(listen, dataDir, store, identity, jobs(values, environment).withScripts(
                scripts(values).withDefaultCacheIn(dataDir)), s3(values),
                new ConnectionsConfig(blankToNull(values.get("mortar.connections.key")),
                        integer(values, "mortar.connections.test-timeout")),
                new CrawlersConfig(integer(values, "mortar.crawlers.max-concurrent"),
                        integer(values, "mortar.crawlers.readers")),
                new EventsConfig(java.time.Duration.ofMillis(integer(values, "mortar.events.watch-interval-ms")),
                        java.time.Duration.ofMillis(integer(values, "mortar.events.batch-tick-ms"))), auth);
    }

    /**
     * Without authentication anyone who can connect can run code as the server's user (a Java or SQL job, a crawl
     * of a local path). On loopback only this machine's users can connect; beyond it, turning authentication off
     * must be said explicitly, as the command-line flag {@code --insecure-no-auth}: a line in a properties file or
     * an environment variable, set once and forgotten, does not do it.
     */
    private static void requireAuthBeyondLoopback(ListenConfig listen, AuthConfig auth, boolean saidAsFlag) {
        if (!auth.enabled() && !listen.loopbackOnly() && !saidAsFlag) {
            throw new ConfigException("mortar.auth.insecure-no-auth turns authentication off, but mortar.bind is "
                    + listen.bind() + ": anyone who can reach it could run code as this server's user. Beyond"
                    + " loopback that is allowed only when said explicitly on the command line (--insecure-no-auth),"
                    + " not in a properties file or the environment. Better: keep authentication on (clients sign"
                    + " with an access key, see docs/security.md) or listen on loopback only (--bind 127.0.0.1)");
        }
    }

    private static TlsConfig tls(Map<String, String> values) {
        String cert = blankToNull(values.get("mortar.tls.cert"));
        String key = blankToNull(values.get("mortar.tls.key"));
        return TlsConfig.of(cert == null ? null : Path.of(cert).toAbsolutePath().normalize(),
                key == null ? null : Path.of(key).toAbsolutePath().normalize());
    }

    private static List<String> hostnames(Map<String, String> values) {
        String names = values.get("mortar.hostnames");
        return names == null ? List.of() : Arrays.stream(names.split(",")).map(String::strip)
                .filter(name -> !name.isEmpty()).toList();
    }

    private static JobsConfig jobs(Map<String, String> values, Map<String, String> environment) {
        String jars = values.get("mortar.spark-jars");
        String javaHome = values.get("mortar.jobs.java-home");
        String sparkConf = values.get("mortar.jobs.spark-conf");
        Map<String, String> conf;
        try {
            conf = SparkConfText.parse(sparkConf == null ? "" : sparkConf);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("mortar.jobs.spark-conf: " + e.getMessage());
        }
        int grace = integer(values, "mortar.jobs.stop-grace-seconds");
        if (grace < 0) {
            throw new ConfigException("mortar.jobs.stop-grace-seconds must not be negative, not " + grace);
        }
        int minute = integer(values, "mortar.jobs.minute-seconds"); // checked by JobsConfig
        String master = blankToNull(values.get("mortar.jobs.master"));
        if (master != null && !master.matches("local(\\[(\\d+|\\*)(,\\d+)?])?|spark://.+")) {
            throw new ConfigException("mortar.jobs.master must be local[N] or spark://host:port, not '" + master + "'");
        }
        URI webUi = webUi(blankToNull(values.get("mortar.jobs.master-web-ui")));
        String memory = blankToNull(values.get("mortar.jobs.driver-memory"));
        if (memory != null) {
            size(values, "mortar.jobs.driver-memory");
        }
        String budget = blankToNull(values.get("mortar.jobs.memory-budget"));
        return new JobsConfig(master == null ? JobsConfig.defaultMaster() : master,
                jars == null || jars.isBlank() ? JobsConfig.findSparkJars(environment)
                        : Path.of(jars).toAbsolutePath().normalize(),
                javaHome == null || javaHome.isBlank() ? JobsConfig.defaultJavaHome() : Path.of(javaHome),
                memory, conf, java.time.Duration.ofSeconds(grace), java.time.Duration.ofSeconds(minute),
                DriverCapacity.of(blankToNull(values.get("mortar.jobs.max-drivers")) == null ? null
                        : integer(values, "mortar.jobs.max-drivers"),
                        budget == null ? null : size(values, "mortar.jobs.memory-budget"), memory), webUi);
    }

    private static JobScripts scripts(Map<String, String> values) {
        String python = values.get("mortar.jobs.python");
        if (python == null || python.isBlank()) {
            throw new ConfigException("mortar.jobs.python must name a Python 3 interpreter");
        }
        String libs = blankToNull(values.get("mortar.jobs.python-libs"));
        String cache = blankToNull(values.get("mortar.jobs.script-cache"));
        return new JobScripts(python, libs == null ? null : Path.of(libs).toAbsolutePath().normalize(),
                cache == null ? null : Path.of(cache).toAbsolutePath().normalize());
    }

    private static URI webUi(String text) {
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // the message below says what is expected
        }
        throw new ConfigException("mortar.jobs.master-web-ui must be an http:// address such as"
                + " http://127.0.0.1:8080/, not '" + text + "'");
    }

    private static RequestLimits requestLimits(Map<String, String> values) {
        long budget = size(values, "mortar.http.body-budget");
        String maxBody = values.get("mortar.http.max-body-size");
        return new RequestLimits(
                maxBody == null || maxBody.isBlank() ? RequestLimits.defaultMaxBody(budget)
                        : size(values, "mortar.http.max-body-size"),
                budget, size(values, "mortar.http.min-body-rate"),
                java.time.Duration.ofSeconds(integer(values, "mortar.http.idle-timeout-seconds")),
                integer(values, "mortar.http.max-connections"));
    }

    private static S3Config s3(Map<String, String> values) {
        return new S3Config(blankToNull(values.get("mortar.s3.endpoint")), blankToNull(values.get("mortar.s3.access-key")),
                blankToNull(values.get("mortar.s3.secret-key")), blankToNull(values.get("mortar.s3.region")),
                bool(values, "mortar.s3.path-style"));
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read configuration file " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        properties.forEach((k, v) -> out.put(k.toString(), v.toString()));
        return out;
    }

    private static int integer(Map<String, String> values, String key) {
        try {
            return Integer.parseInt(values.get(key).trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number, not '" + values.get(key) + "'");
        }
    }

    /** A size setting, read as {@link ByteSize} reads every size. */
    private static long size(Map<String, String> values, String key) {
        try {
            return ByteSize.parse(values.get(key));
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a size such as 2g or 512m, not '" + values.get(key) + "'");
        }
    }

    private static boolean bool(Map<String, String> values, String key) {
        String v = values.get(key).trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new ConfigException(key + " must be true or false, not '" + values.get(key) + "'");
        }
        return Boolean.parseBoolean(v);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
