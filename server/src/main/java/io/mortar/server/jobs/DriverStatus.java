package io.mortar.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The server's half of the run-status protocol: what a driver last wrote to {@code status.json} in its run
 * directory ({@code RUNNING} once its script starts, then {@code SUCCEEDED}, or {@code FAILED} with the job's own
 * error; a succeeded run's job bookmark comes with its SUCCEEDED). The driver replaces the file atomically, so a read
 * sees a whole document or none.
 */
record DriverStatus(String state, String error, Optional<Bookmark> bookmark) {
    /** The job bookmark a succeeded run hands over: its document, built on the bookmark at {@code baseVersion}. */
    record Bookmark(int baseVersion, String document) {}

    static final String FILE_NAME = "status.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Optional<DriverStatus> read(Path runDir) {
        try {
            JsonNode doc = JSON.readTree(Files.readAllBytes(runDir.resolve(FILE_NAME)));
            String state = doc.path("state").asText(null);
            if (state == null) {
                return Optional.empty();
            }
            JsonNode bookmark = doc.path("bookmark");
            return Optional.of(new DriverStatus(state, doc.path("error").asText(null), bookmark.isObject()
                    ? Optional.of(new Bookmark(bookmark.path("baseVersion").asInt(), bookmark.path("document")
                            .asText()))
                    : Optional.empty()));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // the driver has not started its script yet
        } catch (IOException e) {
            return Optional.empty(); // unreadable: treated like no report at all
        }
    }

    boolean started() {
        return state.equals("RUNNING") || isFinal();
    }

    boolean isFinal() {
        return state.equals("SUCCEEDED") || state.equals("FAILED");
    }
}
