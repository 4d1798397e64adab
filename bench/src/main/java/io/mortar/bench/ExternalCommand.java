package io.mortar.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A program run to its end in a directory (git, Maven). Its messages go to stderr with the benchmark's progress,
 * never to the results on stdout; a failure stops the benchmark, which cannot go on without it.
 */
final class ExternalCommand {
    private ExternalCommand() {}

    static void run(Path dir, List<String> command) {
        finish(dir, command, System.err);
    }

    /** Runs the command and returns its standard output, trimmed. */
    static String output(Path dir, String... command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        finish(dir, List.of(command), out);
        return out.toString(StandardCharsets.UTF_8).trim();
    }

    private static void finish(Path dir, List<String> command, OutputStream stdout) {
        String shown = String.join(" ", command) + " (in " + dir + ")";
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (InputStream in = process.getInputStream()) {
                in.transferTo(stdout);
            }
            int code = process.waitFor();
            if (code != 0) {
                throw new IllegalStateException(shown + " failed with exit code " + code + "; see its messages above");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(shown + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + shown, e);
        }
    }
}
