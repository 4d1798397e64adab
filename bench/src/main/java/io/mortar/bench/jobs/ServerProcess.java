package io.mortar.bench.jobs;

import io.mortar.bench.BenchCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * A Mortar server in its own JVM ({@code mortar server} from the cli build), as users run it. A benchmark that
 * hosts Spark itself keeps the server out of its JVM: Spark's shaded Jetty and the server's Jetty 12 want
 * different Servlet APIs.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Mortar is ready: (http://\\S+)");

    private final Process process;
    private final URI endpoint;
    private final Path dataDir;

    private ServerProcess(Process process, URI endpoint, Path dataDir) {
        this.process = process;
        this.endpoint = endpoint;
        this.dataDir = dataDir;
    }

    /** The server's root key, which it wrote to its data directory (placeholders for a build from before). */
    public AwsCredentialsProvider credentials() {
        return BenchCredentials.rootOf(dataDir);
    }

    /** Starts {@code mortar server --port 0} on a data dir, from {@code cli/target} under {@code root}. */
    public static ServerProcess start(Path root, Path dataDir) throws IOException {
        return start(new ProcessBuilder(command(root.resolve("cli").resolve("target"), List.of(), dataDir)), dataDir);
    }

    /**
     * Starts {@code mortar server --port 0} from a CLI build ({@code mortar-cli.jar} and {@code lib/} in
     * {@code cliBuild}) with the given JVM options and server settings as environment variables
     * ({@code MORTAR_STORE_URL}, …). No {@code MORTAR_*} variable of this process is passed on, so two servers
     * started alike differ only in what they are given.
     */
    public static ServerProcess start(Path cliBuild, List<String> jvmOptions, Path dataDir,
                                      Map<String, String> settings) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(cliBuild, jvmOptions, dataDir));
        builder.environment().keySet().removeIf(name -> name.startsWith("MORTAR_"));
        builder.environment().putAll(settings);
        return start(builder, dataDir);
    }

    private static List<String> command(Path cliBuild, List<String> jvmOptions, Path dataDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", cliBuild.resolve("mortar-cli.jar") + ":" + cliBuild.resolve("lib").resolve("*"),
                "io.mortar.cli.MortarCli", "server", "--port", "0", "--data-dir", dataDir.toString()));
        return command;
    }

    private static ServerProcess start(ProcessBuilder builder, Path dataDir) throws IOException {
        builder.redirectErrorStream(true);
        Process process = builder.start();
        // a benchmark stopped with Ctrl-C or SIGTERM takes its server along
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-mortar-server"));
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Deque<String> lastLines = new ArrayDeque<>();
        String line;
        while ((line = out.readLine()) != null) {
            lastLines.addLast(line);
            if (lastLines.size() > 40) {
                lastLines.removeFirst();
            }
            Matcher m = READY.matcher(line);
            if (m.find()) {
                URI endpoint = URI.create(m.group(1));
                Thread drain = new Thread(() -> drain(out), "mortar-server-output");
                drain.setDaemon(true);
                drain.start();
                return new ServerProcess(process, endpoint, dataDir);
            }
        }
        try {
            throw new IOException("mortar server exited (code " + process.waitFor() + ") before it was ready; its last"
                    + " lines:\n" + String.join("\n", lastLines));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for mortar server", e);
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // the server's log is not part of the benchmark's output
            }
        } catch (IOException ignored) {
            // the server stopped
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the server and waits (up to 30 s) until it has exited and let go of its store. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
