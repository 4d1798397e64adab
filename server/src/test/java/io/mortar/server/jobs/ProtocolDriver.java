package io.mortar.server.jobs;

import io.mortar.server.config.DriverCapacity;
import io.mortar.server.config.JobsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Job drivers without Spark for tests of the queue, where hundreds of runs must end within seconds: a
 * {@code java} that is {@code protocol-driver.sh}, a process launched as a Spark driver is (same command line and
 * environment, its own session) that speaks the driver protocol and records its own lifetime. Everything from the
 * launch to the end of the run is the server's real path; only Spark is left out.
 */
public final class ProtocolDriver {
    private ProtocolDriver() {}

    /** Jobs settings launching protocol drivers from {@code dir}, with this capacity; each run lasts 0.2 s. */
    public static JobsConfig install(Path dir, DriverCapacity capacity) {
        return install(dir, capacity, 0.2);
    }

    /** Jobs settings launching protocol drivers from {@code dir}, with this capacity; each run lasts {@code seconds}. */
    public static JobsConfig install(Path dir, DriverCapacity capacity, double seconds) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("driver-seconds"), Double.toString(seconds));
            Path bin = Files.createDirectories(dir.resolve("java-home").resolve("bin"));
            try (InputStream script = ProtocolDriver.class.getResourceAsStream("protocol-driver.sh")) {
                Files.copy(script, bin.resolve("java"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Path jars = Files.createDirectories(dir.resolve("jars"));
            Files.writeString(jars.resolve(DriverLauncher.RUNTIME_JAR), ""); // what requireLaunchable looks for
            return new JobsConfig("local[1]", jars, dir.resolve("java-home"), null, Map.of(), Duration.ofSeconds(2),
                    Duration.ofSeconds(1), capacity);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One driver process's life as it recorded it: nanoseconds since the epoch, its pid and its run. */
    public record Lifetime(long start, long end, long pid, String runId) {}

    /** Every driver process that lived in this run directory (more than one would be a run launched twice). */
    public static List<Lifetime> lifetimes(Path runDir) {
        Path file = runDir.resolve("lifetime");
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<String[]> lines = Files.readAllLines(file).stream().map(line -> line.split(" ")).toList();
            List<Lifetime> out = new ArrayList<>();
            for (String[] start : lines) {
                if (start[0].equals("start")) {
                    long end = lines.stream().filter(l -> l[0].equals("end") && l[2].equals(start[2]))
                            .mapToLong(l -> Long.parseLong(l[1])).findFirst().orElse(Long.MAX_VALUE);
                    out.add(new Lifetime(Long.parseLong(start[1]), end, Long.parseLong(start[2]),
                            start.length > 3 ? start[3] : ""));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The most lifetimes that overlap at any instant. */
    static int mostAtOnce(List<Lifetime> lifetimes) {
        List<long[]> events = new ArrayList<>();
        for (Lifetime life : lifetimes) {
            events.add(new long[] {life.start(), 1});
            events.add(new long[] {life.end(), -1});
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1])); // ends first
        int live = 0;
        int most = 0;
        for (long[] event : events) {
            live += (int) event[1];
            most = Math.max(most, live);
        }
        return most;
    }
}
