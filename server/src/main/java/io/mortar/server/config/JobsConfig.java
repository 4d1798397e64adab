package io.mortar.server.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the server launches job drivers: one JVM per run, {@code SparkSubmit} from the driver class path in
 * {@code sparkJars}.
 *
 * @param master the Spark master every driver runs against: {@code local[N]} or {@code spark://host:port}
 * @param sparkJars the driver class path folder (runtime/target/jars: mortar-runtime.jar, Spark, Hadoop, S3A);
 *     checked when a run starts, so a server without it still serves the catalog
 * @param javaHome the Java installation drivers run on
 * @param driverMemory the driver JVM's heap ({@code -Xmx}), e.g. {@code 2g}; null for the JVM's default
 * @param sparkConf Spark settings passed to every driver (a job's own {@code --conf} wins over them)
 * @param stopGrace how long a stopped or timed-out driver has to exit after SIGTERM before it is killed
 * @param minute the length of one minute of a job's {@code Timeout}: a minute, except in tests that need a
 *     run to time out within seconds
 * @param capacity how many drivers run at once; more runs wait in the queue
 * @param masterWebUi the web UI of a {@code spark://} master, whose status tells the workers executors are fitted
 *     to; null for {@link #DEFAULT_MASTER_WEB_UI_PORT} on the master's host
 * @param scripts the Python interpreter, pyspark and the Scala script cache drivers use
 */
public record JobsConfig(String master, Path sparkJars, Path javaHome, String driverMemory,
                         Map<String, String> sparkConf, Duration stopGrace, Duration minute,
                         DriverCapacity capacity, URI masterWebUi, JobScripts scripts) {
    public static final String SPARK_JARS_PROPERTY = "mortar.sparkJars";
    public static final String SPARK_JARS_VARIABLE = "MORTAR_SPARK_JARS";
    /** Spark's default port of a standalone master's web UI, and {@code mortar cluster}'s. */
    public static final int DEFAULT_MASTER_WEB_UI_PORT = 8080;

    public JobsConfig {
        requireNonNull(master, "master");
        requireNonNull(sparkJars, "sparkJars");
        requireNonNull(javaHome, "javaHome");
        // in the order given: the drivers' command lines stay the same from one server start to the next
        sparkConf = Collections.unmodifiableMap(new LinkedHashMap<>(sparkConf));
        requireNonNull(stopGrace, "stopGrace");
        requireNonNull(minute, "minute");
        if (minute.isZero() || minute.isNegative()) {
            throw new ConfigException("mortar.jobs.minute-seconds must be at least 1, not " + minute.toSeconds());
        }
        requireNonNull(capacity, "capacity");
        requireNonNull(scripts, "scripts");
    }

    /** The scripts' defaults: {@code python3}, pyspark where this process's {@code MORTAR_PYTHON_LIBS} says. */
    public JobsConfig(String master, Path sparkJars, Path javaHome, String driverMemory, Map<String, String> sparkConf,
                      Duration stopGrace, Duration minute, DriverCapacity capacity, URI masterWebUi) {
        this(master, sparkJars, javaHome, driverMemory, sparkConf, stopGrace, minute, capacity, masterWebUi,
                JobScripts.defaults(System.getenv()));
    }

    /** The capacity the machine gives drivers of this heap ({@link DriverCapacity#of}). */
    public JobsConfig(String master, Path sparkJars, Path javaHome, String driverMemory, Map<String, String> sparkConf,
                      Duration stopGrace, Duration minute) {
        this(master, sparkJars, javaHome, driverMemory, sparkConf, stopGrace, minute,
                DriverCapacity.of(null, null, driverMemory));
    }

    /** The master's web UI where Spark puts it by default. */
    public JobsConfig(String master, Path sparkJars, Path javaHome, String driverMemory, Map<String, String> sparkConf,
                      Duration stopGrace, Duration minute, DriverCapacity capacity) {
        this(master, sparkJars, javaHome, driverMemory, sparkConf, stopGrace, minute, capacity, null);
    }

    public JobsConfig withCapacity(DriverCapacity settings) {
        return new JobsConfig(master, sparkJars, javaHome, driverMemory, sparkConf, stopGrace, minute, settings,
                masterWebUi, scripts);
    }

    public JobsConfig withMasterWebUi(URI webUi) {
        return new JobsConfig(master, sparkJars, javaHome, driverMemory, sparkConf, stopGrace, minute, capacity,
                webUi, scripts);
    }

    public JobsConfig withScripts(JobScripts settings) {
        return new JobsConfig(master, sparkJars, javaHome, driverMemory, sparkConf, stopGrace, minute, capacity,
                masterWebUi, settings);
    }

    /** Whether runs go to a Spark standalone cluster (rather than a local master in the driver's JVM). */
    public boolean standaloneMaster() {
        return master.startsWith("spark://");
    }

    /**
     * Where to read a standalone master's status: {@link #masterWebUi} when set, else port
     * {@value #DEFAULT_MASTER_WEB_UI_PORT} on each host of the master URL ({@code spark://a:7077,b:7077} names the
     * masters of a highly available pair). Empty for a local master.
     */
    public List<URI> masterWebUis() {
        if (!standaloneMaster()) {
            return List.of();
        }
        if (masterWebUi != null) {
            return List.of(masterWebUi);
        }
        List<URI> webUis = new ArrayList<>();
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon > 0 && !hostPort.endsWith("]") ? hostPort.substring(0, colon) : hostPort;
            try {
                webUis.add(URI.create("http://" + host.strip() + ":" + DEFAULT_MASTER_WEB_UI_PORT + "/"));
            } catch (IllegalArgumentException e) {
                // not a host name: Spark refuses the master URL itself, with its own message
            }
        }
        return webUis;
    }

    /** Defaults: local mode on every core, this JVM's Java, the driver class path found as {@link #findSparkJars}. */
    public static JobsConfig defaults(Map<String, String> environment) {
        return new JobsConfig(defaultMaster(), findSparkJars(environment), defaultJavaHome(), null, Map.of(),
                Duration.ofSeconds(10), Duration.ofMinutes(1)).withScripts(JobScripts.defaults(environment));
    }

    public static String defaultMaster() {
        return "local[" + Runtime.getRuntime().availableProcessors() + "]";
    }

    public static Path defaultJavaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    /**
     * Where the driver class path is when no setting names it: the {@value #SPARK_JARS_PROPERTY} system property
     * (the build sets it for tests), {@value #SPARK_JARS_VARIABLE} (bin/mortar exports it), else
     * {@code runtime/target/jars} of the source tree the server runs from, looked up from the working directory
     * and from the server's own jar. When none exists, the first candidate is returned, so the error a run gets
     * names a concrete place.
     */
    public static Path findSparkJars(Map<String, String> environment) {
        String property = System.getProperty(SPARK_JARS_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        String variable = environment.get(SPARK_JARS_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable).toAbsolutePath().normalize();
        }
        Path fallback = null;
        for (Path start : new Path[] {Path.of("").toAbsolutePath(), codeLocation()}) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("runtime").resolve("target").resolve("jars");
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
                if (fallback == null) {
                    fallback = candidate;
                }
            }
        }
        return fallback;
    }

    private static Path codeLocation() {
        try {
            return Path.of(JobsConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (Exception e) {
            return null; // no code source (an unusual class loader): the working directory is searched alone
        }
    }

    /** The {@code java} launcher of {@link #javaHome}. */
    public Path javaExecutable() {
        return javaExecutable(javaHome);
    }

    /** {@code <javaHome>/bin/java}. */
    public static Path javaExecutable(Path javaHome) {
        return javaHome.resolve("bin").resolve("java");
    }
}
