package io.mortar.server.jobs;

import io.mortar.store.jobs.StoredJobRun;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Each run's driver log, {@code <dataDir>/runs/<runId>/driver.log}: where it is, and its last lines. */
final class RunLogs {
    static final String LOG_FILE = "driver.log";
    private static final int TAIL_BYTES = 16 * 1024;

    private final Path runsDir;

    RunLogs(Path dataDir) {
        this.runsDir = dataDir.resolve("runs");
    }

    Path runDir(String runId) {
        return runsDir.resolve(runId);
    }

    /** Where a run's driver ran: the directory recorded at launch, else where this server would launch it. */
    Path runDir(StoredJobRun run) {
        return run.runDir() != null ? Path.of(run.runDir()) : runDir(run.id());
    }

    Path logFile(StoredJobRun run) {
        return runDir(run).resolve(LOG_FILE);
    }

    /** The last {@code lines} lines of a log (fewer if it is shorter), or an empty list when it cannot be read. */
    static List<String> tail(Path log, int lines) {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, TAIL_BYTES);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            List<String> nonBlank = all.stream().filter(line -> !line.isBlank()).toList();
            return nonBlank.subList(Math.max(0, nonBlank.size() - lines), nonBlank.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}
