package io.mortar.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mortar.runtime.bookmark.JobBookmarks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The driver's half of the run-status protocol: {@code status.json} in the run directory the server created
 * ({@code MORTAR_RUN_DIR}). It is replaced atomically (temp file, then rename), so the server never reads a
 * half-written document: first {@code RUNNING} once the script starts, then {@code SUCCEEDED} or
 * {@code FAILED} with the job's own error. Without a run directory (a driver started by hand) nothing is written.
 */
public final class RunStatusFile {
    public static final String FILE_NAME = "status.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runDir;
    private final long startedAt = System.currentTimeMillis();

    RunStatusFile(Path runDir) {
        this.runDir = runDir;
    }

    public static RunStatusFile fromEnvironment() {
        String dir = System.getenv("MORTAR_RUN_DIR");
        return new RunStatusFile(dir == null || dir.isBlank() ? null : Path.of(dir));
    }

    public void running() {
        write(document("RUNNING"));
    }

    public void succeeded() {
        succeeded(Optional.empty());
    }

    /**
     * Succeeded, handing over the job bookmark the run committed: the server stores it (by compare-and-set on
     * {@code baseVersion}) as it records the success, so the two happen together or not at all.
     */
    public void succeeded(Optional<JobBookmarks.Staged> bookmark) {
        ObjectNode doc = document("SUCCEEDED");
        doc.put("completedAt", System.currentTimeMillis());
        bookmark.ifPresent(b -> doc.putObject("bookmark").put("baseVersion", b.baseVersion())
                .put("document", b.document()));
        write(doc);
    }

    public void failed(Throwable failure) {
        Throwable cause = JobFailures.rootCause(failure);
        ObjectNode doc = document("FAILED");
        doc.put("completedAt", System.currentTimeMillis());
        doc.put("error", JobFailures.describe(cause));
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        doc.put("stackTrace", trace.toString());
        write(doc);
    }

    private ObjectNode document(String state) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("state", state);
        doc.put("pid", ProcessHandle.current().pid());
        doc.put("startedAt", startedAt);
        return doc;
    }

    private void write(ObjectNode doc) {
        if (runDir == null) {
            return;
        }
        try {
            Path temp = Files.createTempFile(runDir, FILE_NAME, ".tmp");
            Files.write(temp, JSON.writeValueAsBytes(doc));
            Files.move(temp, runDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the run status to " + runDir, e);
        }
    }
}
