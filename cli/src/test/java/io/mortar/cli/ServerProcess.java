package io.mortar.cli;

import io.mortar.server.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * {@code mortar server} in a JVM of its own, so a test can kill it the way an operator's {@code kill -9} or the
 * kernel's OOM killer would: no shutdown hook, no pool closing, no last commit.
 */
final class ServerProcess implements AutoCloseable {
    /** Linux reports a process ended by signal N as 128 + N; SIGKILL is 9, SIGTERM 15. */
    static final int EXIT_SIGKILL = 128 + 9;
    static final int EXIT_SIGTERM = 128 + 15;

    private static final Pattern READY = Pattern.compile("Mortar is ready: (http://127\\.0\\.0\\.1:(\\d+))\\s");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    /** Everything the server printed (the pump thread appends; read under its lock). */
    private final List<String> output;
    private final URI endpoint;
    private final Path dataDir;

    private ServerProcess(Process process, List<String> output, URI endpoint, Path dataDir) {
        this.process = process;
        this.output = output;
        this.endpoint = endpoint;
        this.dataDir = dataDir;
    }

    /**
     * Starts {@code mortar server --port 0 --data-dir dataDir [--store-url storeUrl]} and waits for its ready line.
     * The child runs on this JVM's class path (the cli module's test class path holds the whole server).
     */
    static ServerProcess start(Path dataDir, String storeUrl) {
        return start(dataDir, storeUrl, List.of());
    }

    /** As {@link #start(Path, String)}, with these options for the child JVM as well. */
    static ServerProcess start(Path dataDir, String storeUrl, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                // A short-lived server: the C1 compiler and serial GC start it in a third of the time, which
                // is what a test that restarts it a few times pays for; neither changes what is written.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                MortarCli.class.getName(), "server", "--port", "0", "--data-dir", dataDir.toString()));
        if (storeUrl != null) {
            command.addAll(List.of("--store-url", storeUrl));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The child must see only what the test passes, not a developer's MORTAR_* settings.
        builder.environment().keySet().removeIf(name -> name.startsWith("MORTAR_"));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch " + command, e);
        }
        List<String> output = new ArrayList<>();
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, output, ready), "mortar-server-output");
        pump.setDaemon(true);
        pump.start();
        try {
            URI endpoint = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            ServerProcess server = new ServerProcess(process, output, endpoint, dataDir);
            server.requireHealthy();
            return server;
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("mortar server did not become ready: " + e.getMessage() + "\n"
                    + String.join("\n", snapshot(output)), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Drains the child's output (a full pipe would block it) and completes {@code ready} with the endpoint. */
    private static void pump(Process process, List<String> output, CompletableFuture<URI> ready) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                Matcher m = READY.matcher(line + " ");
                if (m.find()) {
                    ready.complete(URI.create(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process died; the exit below reports it
        }
        ready.completeExceptionally(new IllegalStateException("the server exited before it was ready"));
    }

    private static List<String> snapshot(List<String> output) {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** What the server printed so far, for failure messages. */
    String output() {
        return String.join("\n", snapshot(output));
    }

    URI endpoint() {
        return endpoint;
    }

    /** A Glue client signing with the root key the server wrote to its data directory. */
    GlueClient client() {
        return TestServer.client(endpoint, TestServer.rootCredentials(dataDir));
    }

    long pid() {
        return process.pid();
    }

    /** GET /health must answer 200 once the ready line is printed. */
    void requireHealthy() {
        try {
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(endpoint.resolve("/health")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (health.statusCode() != 200) {
                throw new IllegalStateException("GET /health answered " + health.statusCode() + ": " + health.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GET /health failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL, as {@code kill -9}; returns the exit value once the process is gone. */
    int kill() {
        process.destroyForcibly();
        return awaitExit();
    }

    /** SIGTERM: the server's shutdown hook closes the HTTP edge and the store. Returns the exit value. */
    int stop() {
        process.destroy();
        return awaitExit();
    }

    private int awaitExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("mortar server (pid " + process.pid() + ") did not exit");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            awaitExit();
        }
    }
}
