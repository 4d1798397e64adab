package io.mortar.server.jobs;

import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueException;
import io.mortar.server.config.DriverCapacity;
import io.mortar.server.config.JobScripts;
import io.mortar.server.config.JobsConfig;
import io.mortar.server.config.S3Config;
import io.mortar.server.config.SparkConfText;
import io.mortar.server.jobs.ExecutorFitter.ExecutorFit;
import io.mortar.store.jobs.StoredJobRun;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Starts one driver JVM per run, per the driver protocol: {@code java -cp <sparkJars>/* SparkSubmit --class
 * io.mortar.runtime.DriverMain mortar-runtime.jar <run arguments>}, with {@code MORTAR_RUN_DIR} and
 * {@code MORTAR_ENDPOINT} in its environment and its output going to the run's {@code driver.log}. Output goes to
 * a file, never a pipe, so a driver keeps running when the server dies and a restarted server finds it again.
 * On a standalone master the executors are fitted to its workers first ({@link ExecutorFitter}), and the log's
 * first line says how. A Python shell job's run has no Spark: {@code java -cp <sparkJars>/* -Dspark.hadoop.…
 * io.mortar.runtime.python.PythonShellMain <run arguments>}, a small JVM that fetches the script, runs it as a Python
 * process and reports its status the same way. Every driver gets the server's {@link JobScripts} in its environment.
 */
final class DriverLauncher {
    static final String RUNTIME_JAR = "mortar-runtime.jar";
    static final String DRIVER_MAIN = "io.mortar.runtime.DriverMain";
    static final String PYTHON_SHELL_MAIN = "io.mortar.runtime.python.PythonShellMain";
    /** What a driver would otherwise inherit from the server's own environment, and must get from its settings. */
    private static final List<String> SCRIPT_VARIABLES = List.of("MORTAR_PYTHON", JobScripts.PYTHON_LIBS_VARIABLE,
            "MORTAR_SCRIPT_CACHE");
    private static final File SETSID = new File("/usr/bin/setsid");
    private static final File NICE = new File("/usr/bin/nice");
    private static final File SH = new File("/bin/sh");
    /**
     * Run in the driver's new session, before it execs the driver: with Linux's autogroup scheduling the CPU is
     * shared between sessions first, so a driver's {@code nice} ranks only its own threads, and each driver session
     * took as much CPU as the whole server. Raising the session's own niceness (which its owner may) puts the
     * session below the server. Without autogroup there is no such file and the write fails quietly.
     */
    private static final String LOWER_SESSION = "echo %d > /proc/self/autogroup 2>/dev/null; exec \"$@\"";
    /** Drivers yield the CPU to the server: its API answers while drivers keep every core busy. */
    static final int DRIVER_NICENESS = 10;
    /** The protocol's order: the injected arguments first, then --class, then everything else. */
    private static final List<String> LEADING_ARGUMENTS = List.of("--JOB_NAME", "--JOB_ID", "--JOB_RUN_ID",
            "--scriptLocation", "--class");

    private final RunCredentials credentials;
    private final JobsConfig jobs;
    private final S3Config s3;
    private final boolean loopback;
    private final Supplier<URI> endpoint;
    private final ExecutorFitter fitter; // null on a local master: executors live in the driver's JVM

    DriverLauncher(JobsConfig jobs, S3Config s3, boolean loopback, Supplier<URI> endpoint) {
        this(jobs, s3, loopback, endpoint, RunCredentials.NONE);
    }

    DriverLauncher(JobsConfig jobs, S3Config s3, boolean loopback, Supplier<URI> endpoint,
                   RunCredentials credentials) {
        this(jobs, s3, loopback, endpoint, jobs.masterWebUis().isEmpty() ? null
                : new ExecutorFitter(jobs.master(), new StandaloneMasterProbe(jobs.master(), jobs.masterWebUis())::ask),
                credentials);
    }

    DriverLauncher(JobsConfig jobs, S3Config s3, boolean loopback, Supplier<URI> endpoint, ExecutorFitter fitter) {
        this(jobs, s3, loopback, endpoint, fitter, RunCredentials.NONE);
    }

    DriverLauncher(JobsConfig jobs, S3Config s3, boolean loopback, Supplier<URI> endpoint, ExecutorFitter fitter,
                   RunCredentials credentials) {
        this.credentials = requireNonNull(credentials, "credentials");
        this.jobs = requireNonNull(jobs, "jobs");
        this.s3 = requireNonNull(s3, "s3");
        this.loopback = loopback;
        this.endpoint = requireNonNull(endpoint, "endpoint");
        this.fitter = fitter;
    }

    /** With TLS, the certificate (PEM) drivers must trust to reach the endpoint; null without. */
    private volatile Path tlsCertificate;

    void trustTlsCertificate(Path certificate) {
        this.tlsCertificate = certificate;
    }

    /** What issues each run's credential, and revokes it when the run ends. */
    RunCredentials credentials() {
        return credentials;
    }

    /** Fails a StartJobRun up front, naming the fix, when drivers cannot be launched at all. */
    void requireLaunchable() {
        Path jar = jobs.sparkJars().resolve(RUNTIME_JAR);
        if (!Files.isRegularFile(jar)) {
            throw GlueException.invalidInput("Mortar cannot launch job drivers: %s is missing (the driver class path"
                    + " folder is %s). Build it with `mvn -pl runtime -am package -DskipTests`, or point"
                    + " mortar.spark-jars (MORTAR_SPARK_JARS) at it.", jar, jobs.sparkJars());
        }
        if (!Files.isExecutable(jobs.javaExecutable())) {
            throw GlueException.invalidInput("Mortar cannot launch job drivers: no java at %s (mortar.jobs.java-home).",
                    jobs.javaExecutable());
        }
    }

    /**
     * Starts the run's driver.
     *
     * @throws IllegalStateException when the cluster cannot start any executor of the run (the reason is in the
     *     run's log too)
     */
    Process launch(StoredJobRun run, Path runDir) throws IOException {
        Path log = runDir.resolve(RunLogs.LOG_FILE);
        ExecutorFit fit;
        try {
            fit = fittedSparkConf(run);
        } catch (IllegalStateException e) {
            note(log, e.getMessage());
            throw e;
        }
        if (fit.note().isPresent()) {
            note(log, fit.note().get());
        }
        List<String> command = new ArrayList<>();
        if (SETSID.canExecute()) {
            // Its own session: a Ctrl-C meant for a foreground `mortar server` must not reach the drivers, which
            // outlive the server by design. setsid, sh and nice exec in place, so the pid the server records stays the
            // driver's.
            command.add(SETSID.toString());
            if (SH.canExecute()) {
                command.addAll(List.of(SH.toString(), "-c", String.format(LOWER_SESSION, DRIVER_NICENESS), "sh"));
            }
        }
        if (NICE.canExecute()) {
            // Batch work below the API: a burst of runs starting drivers on every core must not slow StartJobRun or
            // GetJobRun. nice execs in place too.
            command.addAll(List.of(NICE.toString(), "-n", Integer.toString(DRIVER_NICENESS)));
        }
        command.addAll(command(run, fit.conf()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(runDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        File devNull = new File("/dev/null");
        if (devNull.exists()) {
            builder.redirectInput(ProcessBuilder.Redirect.from(devNull));
        }
        Map<String, String> env = builder.environment();
        SCRIPT_VARIABLES.forEach(env::remove);
        env.putAll(jobs.scripts().driverEnvironment());
        env.put("MORTAR_RUN_DIR", runDir.toString());
        env.put("MORTAR_ENDPOINT", endpoint.get().toString());
        env.putAll(credentials.issue(run)); // the run's own credential for the Glue API, revoked when it ends
        if (tlsCertificate != null) {
            env.put("MORTAR_TLS_CA", tlsCertificate.toString()); // the server's certificate: drivers trust it
        }
        if (loopback) {
            env.put("SPARK_LOCAL_IP", "127.0.0.1"); // otherwise Spark binds the host's first address
        }
        return builder.start();
    }

    /** A line of Mortar's own in the run's log, ahead of the driver's output. */
    private static void note(Path log, String line) throws IOException {
        Files.writeString(log, "Mortar: " + line + System.lineSeparator(), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    List<String> command(StoredJobRun run) {
        return command(run, sparkConf(run));
    }

    private List<String> command(StoredJobRun run, Map<String, String> sparkConf) {
        if (run.pythonShell()) {
            return pythonShellCommand(run, sparkConf);
        }
        Map<String, String> args = run.arguments();
        List<String> command = new ArrayList<>();
        command.add(jobs.javaExecutable().toString());
        command.add("-cp");
        command.add(jobs.sparkJars().resolve("*").toString());
        if (jobs.driverMemory() != null) {
            command.add("-Xmx" + jobs.driverMemory());
        }
        command.addAll(SparkJavaOptions.MODULE_OPTIONS);
        command.add("org.apache.spark.deploy.SparkSubmit");
        command.addAll(List.of("--master", jobs.master(), "--name", run.jobName(), "--class", DRIVER_MAIN));
        sparkConf.forEach((key, value) -> command.addAll(List.of("--conf", key + "=" + value)));
        boolean localMaster = jobs.master().startsWith("local");
        List<String> jars = jars(args, localMaster);
        if (!jars.isEmpty()) {
            command.addAll(List.of("--jars", String.join(",", jars)));
        }
        // With a local master the runtime jar is on the driver's class path already: as local: it is not served
        // to the (in-process) executors as well.
        String runtimeJar = jobs.sparkJars().resolve(RUNTIME_JAR).toAbsolutePath().toString();
        command.add(localMaster ? "local:" + runtimeJar : runtimeJar);
        command.addAll(runArguments(args));
        return command;
    }

    /** The run's arguments as the driver takes them: the injected ones first, then the rest in their order. */
    private static List<String> runArguments(Map<String, String> args) {
        List<String> command = new ArrayList<>();
        for (String first : LEADING_ARGUMENTS) {
            if (args.containsKey(first)) {
                command.addAll(List.of(first, args.get(first)));
            }
        }
        for (Map.Entry<String, String> arg : args.entrySet()) {
            if (!LEADING_ARGUMENTS.contains(arg.getKey())) {
                String key = arg.getKey().startsWith("--") ? arg.getKey() : "--" + arg.getKey();
                command.addAll(List.of(key, arg.getValue()));
            }
        }
        return command;
    }

    /**
     * A Python shell run's driver: no SparkSubmit, no master. The run's Spark settings become system properties,
     * which the driver's {@code SparkConf} reads: the S3A ones reach the script's files on S3 and boto3's S3
     * endpoint.
     */
    private List<String> pythonShellCommand(StoredJobRun run, Map<String, String> sparkConf) {
        List<String> command = new ArrayList<>();
        command.add(jobs.javaExecutable().toString());
        command.add("-cp");
        command.add(jobs.sparkJars().resolve("*").toString());
        command.add("-Xmx" + DriverCapacity.PYTHON_SHELL_HEAP);
        command.addAll(SparkJavaOptions.MODULE_OPTIONS); // Hadoop's S3A client reads the script
        sparkConf.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add(PYTHON_SHELL_MAIN);
        command.addAll(runArguments(run.arguments()));
        return command;
    }

    /**
     * The driver's Spark settings, later sources winning: the workers' executor sizing, the server's S3
     * settings, the server's extra Spark settings, then the job's own {@code --conf}. (Mortar's own defaults are the
     * driver's to apply, under all of these: {@code io.mortar.runtime.SparkDefaults}.)
     */
    Map<String, String> sparkConf(StoredJobRun run) {
        Map<String, String> conf = new LinkedHashMap<>(RunCapacity.of(run).sparkConf());
        s3.hadoopSettings().forEach((key, value) -> conf.put("spark.hadoop." + key, value));
        conf.putAll(jobs.sparkConf());
        String jobConf = run.arguments().get("--conf");
        if (jobConf != null) {
            conf.putAll(SparkConfText.parse(jobConf)); // checked when the job and the run were accepted
        }
        return conf;
    }

    /** The driver's Spark settings with the executors fitted to the standalone cluster, and the log line saying how. */
    ExecutorFit fittedSparkConf(StoredJobRun run) {
        Map<String, String> conf = sparkConf(run);
        return fitter == null || run.pythonShell() ? new ExecutorFit(conf, Optional.empty())
                : fitter.fit(conf, sizedBy(run, conf));
    }

    /** Who asked for the executors' sizes, for the log: the worker type, unless a Spark setting changed them. */
    static String sizedBy(StoredJobRun run, Map<String, String> conf) {
        Map<String, String> byWorkers = RunCapacity.of(run).sparkConf();
        if (run.workerType() != null
                && Objects.equals(conf.get(ExecutorFitter.MEMORY), byWorkers.get(ExecutorFitter.MEMORY))
                && Objects.equals(conf.get(ExecutorFitter.CORES), byWorkers.get(ExecutorFitter.CORES))) {
            return "WorkerType " + run.workerType();
        }
        return conf.containsKey(ExecutorFitter.MEMORY) || conf.containsKey(ExecutorFitter.CORES)
                ? "The run's Spark configuration" : "Spark's default";
    }

    /**
     * A Java job's jar (the script itself) and the job's {@code --extra-jars}, for Spark's {@code --jars}. With a
     * local master a jar on this machine is named {@code local:}: it is on every "node" already, and SparkSubmit
     * then neither starts Hadoop's file systems to resolve it nor serves it to the executors (about two seconds
     * of a trivial job's start on two cores).
     */
    static List<String> jars(Map<String, String> args, boolean localMaster) {
        List<String> jars = new ArrayList<>();
        String script = args.get("--scriptLocation");
        if (script != null && script.toLowerCase(Locale.ROOT).endsWith(".jar")) {
            jars.add(script);
        }
        String extra = args.get("--extra-jars");
        if (extra != null) {
            for (String jar : extra.split(",")) {
                if (!jar.isBlank()) {
                    jars.add(jar.strip());
                }
            }
        }
        return localMaster ? jars.stream().map(DriverLauncher::localJar).toList() : jars;
    }

    private static String localJar(String jar) {
        URI uri = URI.create(jar.replace(" ", "%20"));
        if (uri.getScheme() == null) {
            return "local:" + Path.of(jar).toAbsolutePath().normalize();
        }
        return uri.getScheme().equals("file") ? "local:" + Path.of(uri).toAbsolutePath().normalize() : jar;
    }
}
