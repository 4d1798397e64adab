package io.mortar.cli.cluster;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Spark process of the cluster (the Master or a Worker) with its output in a log file. The output goes to the
 * file, not a pipe, so nobody has to drain it and a full pipe can never stall the process.
 */
final class SparkDaemon {
    private static final int TAIL_BYTES = 16 * 1024;

    private final String name;
    private final Process process;
    private final Path log;
    private volatile List<ProcessHandle> children = List.of();

    private SparkDaemon(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static SparkDaemon start(String name, List<String> command, Map<String, String> environment, Path directory,
            Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // The cluster is defined by its spec alone: SPARK_* variables of the calling shell (SPARK_WORKER_CORES,
        // SPARK_CONF_DIR, ...) would silently change it.
        builder.environment().keySet().removeIf(key -> key.startsWith("SPARK_"));
        builder.environment().putAll(environment);
        try {
            return new SparkDaemon(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Spark " + name + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    Process process() {
        return process;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Asks the process to stop (SIGTERM: a Worker then kills its executors itself). */
    void stop() {
        // Executors are children of a Worker; remember them in case the Worker has to be killed and cannot.
        children = process.descendants().toList();
        process.destroy();
    }

    /** Waits up to the deadline for the process to end, then kills it and whatever it started. */
    void awaitStopped(long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || !process.waitFor(left, TimeUnit.NANOSECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
    }

    /** The last lines of the log, for an error message. */
    String tail(int lines) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return "Spark " + name + " (pid " + process.pid() + ", log " + log + ")";
    }
}
