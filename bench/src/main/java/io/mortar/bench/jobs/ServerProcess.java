package io.mortar.bench.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Mortar server in its own JVM ({@code mortar server} from the cli build), as users run it. A benchmark that
 * hosts Spark itself keeps the server out of its JVM: Spark's shaded Jetty and the server's Jetty 12 want
 * different Servlet APIs.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Mortar is ready: (http://\\S+)");

    private final Process process;
    private final URI endpoint;

    private ServerProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts {@code mortar server --port 0} on a data dir, from {@code cli/target} under {@code root}. */
    public static ServerProcess start(Path root, Path dataDir) throws IOException {
        Path cli = root.resolve("cli").resolve("target");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cli.resolve("mortar-cli.jar") + ":" + cli.resolve("lib").resolve("*"),
                "io.mortar.cli.MortarCli", "server", "--port", "0", "--data-dir", dataDir.toString())
                .redirectErrorStream(true);
        Process process = builder.start();
        // a benchmark stopped with Ctrl-C or SIGTERM takes its server along
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-mortar-server"));
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                URI endpoint = URI.create(m.group(1));
                Thread drain = new Thread(() -> drain(out), "mortar-server-output");
                drain.setDaemon(true);
                drain.start();
                return new ServerProcess(process, endpoint);
            }
        }
        try {
            throw new IOException("mortar server exited (code " + process.waitFor() + ") before it was ready");
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

    @Override
    public void close() {
        process.destroy();
    }
}
