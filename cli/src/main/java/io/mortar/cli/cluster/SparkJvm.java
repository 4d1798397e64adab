package io.mortar.cli.cluster;

import io.mortar.server.config.JobsConfig;
import io.mortar.server.jobs.SparkJavaOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How to start a JVM that runs Spark without Spark's launch scripts: the java binary and the JVM options
 * {@code spark-class} would add. Spark 4 on Java 17 reaches into JDK internals (direct buffers, unsafe access), so
 * every Spark JVM started with plain {@code java} needs these opens; the list is {@link SparkJavaOptions}.
 * Also used by tests that launch a driver with {@code java ... SparkSubmit}.
 */
public final class SparkJvm {
    private SparkJvm() {}

    /**
     * The Java feature version (17, 21, ...) from {@code <javaHome>/release}; empty when the file is missing or
     * unreadable, as in some stripped runtimes.
     */
    public static Optional<Integer> featureVersion(Path javaHome) {
        try (Stream<String> lines = Files.lines(javaHome.resolve("release"))) {
            return lines.filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                    .map(version -> version.split("[.+-]")[0])
                    .filter(major -> major.matches("[0-9]+"))
                    .map(Integer::valueOf)
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code java <heap> <module options> <extra options> -cp '<jars>/*' <mainClass> <args>}: the class path is the
     * jar folder as a wildcard, which the JVM expands itself.
     */
    public static List<String> command(Path javaHome, Path jars, String heap, List<String> jvmOptions,
            String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(JobsConfig.javaExecutable(javaHome).toString());
        command.add("-Xmx" + heap);
        command.addAll(SparkJavaOptions.MODULE_OPTIONS);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(jars.toAbsolutePath() + "/*");
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
