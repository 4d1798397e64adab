package io.mortar.cli.demo;

import static io.mortar.cli.demo.DemoLayout.BUCKET;
import static io.mortar.cli.demo.DemoLayout.DATABASE;
import static io.mortar.cli.demo.DemoLayout.S3_ACCESS_KEY;
import static io.mortar.cli.demo.DemoLayout.S3_SECRET_KEY;

import io.mortar.cli.http.MortarCredentials;
import io.mortar.cli.http.MortarGlueClient;
import io.mortar.server.MortarServer;
import io.mortar.server.config.ConfigLoader;
import io.mortar.server.config.ServerConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * What the demo runs on, and holds while it runs: the demo directory's lock, quieter logs, S3Proxy (step 1), the
 * Mortar server and a Glue client to it (step 2). {@link #close()} stops and releases it all, newest first, each on
 * its own (one that fails must not leave S3Proxy, a process of its own, running), once, from the main thread or the
 * shutdown hook.
 */
final class DemoEnvironment {
    /** Loggers quieter while the demo runs: the server's INFO lines and Hadoop's notes would interleave with it. */
    private static final Map<String, Level> QUIET = Map.of("io.mortar", Level.WARN,
            "org.apache.hadoop.util.NativeCodeLoader", Level.ERROR);

    /** The Mortar server of step 2 and the Glue client to it. */
    record DemoServer(MortarServer server, GlueClient glue) {
        URI endpoint() {
            return server.endpoint();
        }

        /** The server's root key, which the demo signs with as any local tool does. */
        AwsCredentialsProvider credentials() {
            return MortarCredentials.fromDataDir(server.config().dataDir());
        }
    }

    private record Held(String what, AutoCloseable resource) {}

    private final DemoRun.Settings settings;
    private final DemoLayout layout;
    private final DemoOutput out;
    private final PrintWriter err;
    /** Guarded by this. */
    private final Deque<Held> held = new ArrayDeque<>();
    private boolean closed;

    DemoEnvironment(DemoRun.Settings settings, DemoLayout layout, DemoOutput out, PrintWriter err) {
        this.settings = settings;
        this.layout = layout;
        this.out = out;
        this.err = err;
    }

    /** The demo directory, prepared and locked (see {@link DemoWorkspace}). */
    void prepareWorkspace() {
        hold("the demo directory's lock", DemoWorkspace.prepare(layout, out));
    }

    /** Quiets the loggers of {@link #QUIET} until {@link #close()}. */
    void quietLogs() {
        Map<String, Level> previous = new LinkedHashMap<>();
        QUIET.forEach((logger, level) -> {
            previous.put(logger, LogManager.getLogger(logger).getLevel());
            Configurator.setLevel(logger, level);
        });
        hold("the log levels", () -> previous.forEach(Configurator::setLevel));
    }

    /** Step 1: S3Proxy with the demo bucket, its files under the demo directory. */
    LocalS3 startS3() {
        long t = System.nanoTime();
        Path jars;
        try {
            jars = LocalS3.jars(settings.environment());
        } catch (IllegalStateException e) {
            throw new StepFailure(e.getMessage());
        }
        LocalS3 s3;
        try {
            s3 = hold("S3Proxy", LocalS3.start(jars, layout.s3Dir(), S3_ACCESS_KEY, S3_SECRET_KEY, "512m"));
        } catch (IllegalStateException e) {
            throw new StepFailure("S3Proxy did not start: " + e.getMessage());
        }
        s3.createBucket(BUCKET);
        out.line("%s (pid %d), bucket %s, its files in %s (%s)", s3.endpoint(), s3.pid(), BUCKET,
                s3.dataDir().resolve(BUCKET), DemoOutput.seconds(t));
        return s3;
    }

    /** Step 2: a Mortar server on S3Proxy, with the demo database created through the Glue API. */
    DemoServer startServer(LocalS3 s3) {
        long t = System.nanoTime();
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("mortar.data-dir", layout.mortarDir().toString());
        flags.put("mortar.bind", "127.0.0.1");
        flags.put("mortar.port", "0");
        flags.put("mortar.s3.endpoint", s3.endpoint().toString());
        flags.put("mortar.s3.access-key", S3_ACCESS_KEY);
        flags.put("mortar.s3.secret-key", S3_SECRET_KEY);
        flags.put("mortar.s3.region", LocalS3.REGION);
        flags.put("mortar.jobs.spark-conf", "spark.ui.enabled=false");
        flags.put("mortar.jobs.stop-grace-seconds", "5");
        ServerConfig config = ConfigLoader.load(null, settings.passedEnvironment(), flags);
        MortarServer server = hold("the Mortar server", MortarServer.start(config));
        GlueClient glue = hold("the Glue client", MortarGlueClient.create(server.endpoint(),
                MortarCredentials.fromDataDir(config.dataDir())));
        glue.createDatabase(b -> b.databaseInput(d -> d.name(DATABASE)
                .description("mortar demo: support tickets, tagged by regex rules")));
        out.line("%s, catalog (SQLite) in %s; jobs run Spark %s from %s (%s)", server.endpoint(), layout.mortarDir(),
                config.jobs().master(), config.jobs().sparkJars(), DemoOutput.seconds(t));
        return new DemoServer(server, glue);
    }

    /**
     * Holds a resource until {@link #close()}; one that comes after the close (Ctrl-C raced its start) is closed at
     * once and the step ends.
     */
    private synchronized <T extends AutoCloseable> T hold(String what, T resource) {
        if (closed) {
            closeQuietly(new Held(what, resource));
            throw new StepFailure("stopped");
        }
        held.push(new Held(what, resource));
        return resource;
    }

    /** Stops and releases what is held, newest first; only the first call does anything. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!held.isEmpty()) {
            closeQuietly(held.pop());
        }
    }

    private void closeQuietly(Held h) {
        try {
            h.resource().close();
        } catch (Exception e) {
            err.println("warning: stopping " + h.what() + " failed: " + e);
            err.flush();
        }
    }
}
