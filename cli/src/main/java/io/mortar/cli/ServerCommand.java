package io.mortar.cli;

import io.mortar.server.MortarServer;
import io.mortar.server.config.ConfigLoader;
import io.mortar.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mortar server}: runs Mortar in the foreground until interrupted. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Runs the Mortar server: the AWS Glue API on POST /, /health when ready.",
                "With no options: SQLite in ~/.mortar, listening on 127.0.0.1:8095."},
        footerHeading = "%nSettings (flag > environment variable > config file > default):%n",
        footer = {"%s"})
final class ServerCommand implements Callable<Integer> {
    private static final int HELP_WIDTH = 79;

    @Option(names = "--port", description = "HTTP port (default 8095; 0 = any free port)")
    Integer port;

    @Option(names = "--bind", description = "address to listen on (default 127.0.0.1)")
    String bind;

    @Option(names = "--hostname", paramLabel = "NAME", description = "a further name clients reach the server by"
            + " (repeatable; sets mortar.hostnames): a request whose Host is not one of the server's names gets 421")
    List<String> hostnames;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "serve HTTPS with this PEM certificate chain"
            + " (with --tls-key)")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "the PEM private key of --tls-cert")
    Path tlsKey;

    @Option(names = "--insecure-no-auth", description = "accept requests without a valid signature (anyone who can"
            + " connect can do anything); only with a loopback --bind")
    boolean insecureNoAuth;

    @Option(names = "--data-dir", description = "data directory (default ~/.mortar)")
    Path dataDir;

    @Option(names = "--store-url",
            description = "catalog store JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/mortar (default: SQLite in the data directory)")
    String storeUrl;

    @Option(names = "--store-user", description = "store user (PostgreSQL)")
    String storeUser;

    @Option(names = "--store-password", description = "store password (PostgreSQL); prefer MORTAR_STORE_PASSWORD")
    String storePassword;

    @Option(names = "--config", description = "properties file (default <data-dir>/mortar.properties if present)")
    Path configFile;

    @Option(names = "--jobs-master", description = "Spark master of job runs: local[N] or spark://host:port (default local[<cores>])")
    String jobsMaster;

    @Option(names = "--jobs-master-web-ui", description = "web UI of the spark:// master, read to fit executors to its"
            + " workers (default http://<master host>:8080/)")
    String jobsMasterWebUi;

    @Option(names = "--spark-jars", description = "job drivers' class path folder (default runtime/target/jars of the build)")
    Path sparkJars;

    @Option(names = "--jobs-java-home", description = "Java that job drivers run on (default: this one; Spark 4.1 needs 17 or 21)")
    Path jobsJavaHome;

    @Option(names = "--s3-endpoint", description = "S3-compatible endpoint for s3:// paths in jobs and crawls (default AWS)")
    String s3Endpoint;

    @Option(names = "--s3-access-key", description = "S3 access key for job drivers and crawls")
    String s3AccessKey;

    @Option(names = "--s3-secret-key", description = "S3 secret key for job drivers and crawls; prefer MORTAR_S3_SECRET_KEY")
    String s3SecretKey;

    @Option(names = "--connections-key", description = "AES-256 key (base64 of 32 bytes) encrypting connection"
            + " passwords; prefer MORTAR_CONNECTIONS_KEY (default: <data-dir>/connection.key, generated owner-only)")
    String connectionsKey;

    @Option(names = "--s3-region", description = "S3 region for job drivers and crawls")
    String s3Region;

    @Option(names = "--crawlers-max-concurrent", description = "crawls running at once; more wait their turn"
            + " (default 2)")
    Integer crawlersMaxConcurrent;

    @Option(names = "--crawlers-readers", description = "files each crawl reads at once (default 8)")
    Integer crawlersReaders;

    @ParentCommand
    MortarCli parent;

    /**
     * Every setting as a block: key and environment variable on one line, then its meaning and default wrapped
     * and indented under it. Every line fits the 80 columns picocli wraps usage text at, so nothing is re-wrapped.
     */
    static String settingsHelp() {
        StringBuilder sb = new StringBuilder();
        for (ConfigLoader.Setting s : ConfigLoader.SETTINGS) {
            sb.append(String.format("  %-30s %s%n", s.key(), s.environmentVariable()));
            String text = s.description() + (s.defaultValue().isEmpty() ? "" : " (default " + s.defaultValue() + ")");
            wrap(sb, text, "      ", HELP_WIDTH);
        }
        return sb.toString().replace("%", "%%"); // picocli formats the footer: a % must stay a %
    }

    private static void wrap(StringBuilder sb, String text, String indent, int width) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                sb.append(line).append(System.lineSeparator());
                line = new StringBuilder(indent);
            }
            line.append(line.length() > indent.length() ? " " : "").append(word);
        }
        sb.append(line).append(System.lineSeparator());
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> flags = new LinkedHashMap<>();
        put(flags, "mortar.port", port);
        put(flags, "mortar.bind", bind);
        put(flags, "mortar.data-dir", dataDir);
        put(flags, "mortar.tls.cert", tlsCert);
        put(flags, "mortar.tls.key", tlsKey);
        if (insecureNoAuth) {
            flags.put("mortar.auth.insecure-no-auth", "true");
        }
        if (hostnames != null) {
            flags.put("mortar.hostnames", String.join(",", hostnames)); // like any flag, over file and environment
        }
        put(flags, "mortar.jobs.master", jobsMaster);
        put(flags, "mortar.jobs.master-web-ui", jobsMasterWebUi);
        put(flags, "mortar.spark-jars", sparkJars);
        put(flags, "mortar.jobs.java-home", jobsJavaHome);
        put(flags, "mortar.s3.endpoint", s3Endpoint);
        put(flags, "mortar.s3.access-key", s3AccessKey);
        put(flags, "mortar.s3.secret-key", s3SecretKey);
        put(flags, "mortar.s3.region", s3Region);
        put(flags, "mortar.connections.key", connectionsKey);
        put(flags, "mortar.crawlers.max-concurrent", crawlersMaxConcurrent);
        put(flags, "mortar.crawlers.readers", crawlersReaders);
        put(flags, "mortar.store.url", storeUrl);
        put(flags, "mortar.store.user", storeUser);
        put(flags, "mortar.store.password", storePassword);
        ServerConfig config = ConfigLoader.load(configFile, parent.environment, flags);
        MortarServer server = MortarServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "mortar-shutdown"));
        System.out.println("Mortar is ready: " + server.endpoint() + "  (health: " + server.endpoint() + "/health)");
        System.out.flush();
        stopped.await();
        return 0;
    }

    private static void put(Map<String, String> flags, String key, Object value) {
        if (value != null) {
            flags.put(key, value.toString());
        }
    }
}
