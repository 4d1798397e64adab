package io.mortar.server.clients;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of an external client program (python3 with boto3, the AWS CLI) with a fixed environment and a time
 * limit. Output goes to files rather than pipes so that a chatty process can never block on a full pipe.
 */
final class ClientProcess {
    private ClientProcess() {}

    /** What the process did; {@link #describe()} is meant for assertion messages. */
    record Result(List<String> command, int exitCode, String stdout, String stderr, Duration took) {
        String describe() {
            return "command: " + String.join(" ", command) + "\nexit: " + exitCode + " after " + took.toMillis()
                    + " ms\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    /**
     * Runs {@code command} with exactly {@code environment} (nothing inherited, so no ~/.aws file or AWS_* variable
     * of the machine leaks in) and waits for it; a process still running after {@code timeout} is killed and
     * reported as an {@link AssertionError} carrying whatever it printed.
     */
    static Result run(List<String> command, Map<String, String> environment, Duration timeout) {
        Path out = tempFile("stdout");
        Path err = tempFile("stderr");
        long start = System.nanoTime();
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (!finished) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                Result partial = new Result(command, -1, read(out), read(err), took);
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s\n" + partial.describe());
            }
            return new Result(command, process.exitValue(), read(out), read(err), took);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            out.toFile().delete();
            err.toFile().delete();
        }
    }

    private static Path tempFile(String suffix) {
        try {
            return Files.createTempFile("mortar-client-", "." + suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<unreadable: " + e.getMessage() + ">";
        }
    }
}
