package io.mortar.cli.cluster;

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
 * every Spark JVM started with plain {@code java} needs these opens; they are Spark's own list
 * ({@code org.apache.spark.launcher.JavaModuleOptions} in Spark 4.1), copied because the CLI does not have Spark on its class
 * path. Also used by tests that launch a driver with {@code java ... SparkSubmit}.
 */
public final class SparkJvm {
    private static final List<String> MODULE_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dio.netty.allocator.type=pooled",
            "-Dio.netty.handler.ssl.defaultEndpointVerificationAlgorithm=NONE",
            "--enable-native-access=ALL-UNNAMED");

    private SparkJvm() {}

    /** The JVM options Spark needs on Java 17+. */
    public static List<String> moduleOptions() {
        return MODULE_OPTIONS;
    }

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

    /** {@code <javaHome>/bin/java}. */
    public static Path java(Path javaHome) {
        return javaHome.resolve("bin").resolve("java");
    }

    /**
     * {@code java <heap> <module options> <extra options> -cp '<jars>/*' <mainClass> <args>}: the class path is the
     * jar folder as a wildcard, which the JVM expands itself.
     */
    public static List<String> command(Path javaHome, Path jars, String heap, List<String> jvmOptions,
            String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java(javaHome).toString());
        command.add("-Xmx" + heap);
        command.addAll(MODULE_OPTIONS);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(jars.toAbsolutePath() + "/*");
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
