package io.mortar.runtime.python;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs python3 with Mortar's own Python package ({@code src/main/python}) on its path, from the runtime module's
 * directory (where Maven runs its tests), for the tests that check the Python layer.
 */
public final class PythonTestProcess {
    /** A guard against a hung interpreter, not a performance bound: the suites run in well under a second. */
    private static final long GIVE_UP_MINUTES = 5;

    public record Result(int exitCode, String output) {}

    private PythonTestProcess() {}

    public static Path moduleDir() {
        Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("src/main/python/awsglue"))) {
            throw new IllegalStateException("not the runtime module's directory (no src/main/python/awsglue): " + dir);
        }
        return dir;
    }

    /** Runs {@code python3 args…} with {@code stdin}, stdout and stderr merged into the result's output. */
    public static Result run(String stdin, String... args) {
        Path dir = moduleDir();
        List<String> command = new ArrayList<>();
        command.add("python3");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", dir.resolve("src/main/python").toString());
        // No __pycache__ folders written into the source tree.
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        try {
            Process process = builder.start();
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(GIVE_UP_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("python3 " + String.join(" ", args) + " did not end");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run python3 (the Python layer of Glue scripts needs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
