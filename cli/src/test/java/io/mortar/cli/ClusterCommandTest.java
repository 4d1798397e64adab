package io.mortar.cli;

import static io.mortar.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.config.JobsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mortar cluster} as typed: its help, its refusal of unusable flags (exit 2, naming the flag) and how it
 * reports a cluster that cannot start (exit 1 with the failing process's log). A real cluster runs in the it
 * module's {@code StandaloneClusterTest}.
 */
class ClusterCommandTest {
    @TempDir
    Path dir;

    @Test
    void helpListsEveryFlagWithItsDefaultInEightyColumns() {
        CliRun run = run(Map.of(), "cluster", "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Spark standalone cluster", "Ctrl-C",
                "--workers", "default 2", "--cores", "default 1", "--memory", "default 1g",
                "--port", "default 7077", "--webui-port", "default 8080", "--spark-jars", "MORTAR_SPARK_JARS",
                "--work-dir", "--java-home").doesNotContain("--endpoint");
        assertThat(run.out().lines()).allMatch(line -> line.length() <= 80);
        assertThat(run(Map.of(), "--help").out()).contains("cluster");
    }

    @Test
    void unusableFlagsExitTwoNamingTheFlag() throws IOException {
        String jars = fakeJarFolder().toString();

        assertThat(run(Map.of(), "cluster", "--spark-jars", jars, "--workers", "0"))
                .isEqualTo(new CliRun(2, "", "error: --workers must be at least 1, not 0\n"));
        assertThat(run(Map.of(), "cluster", "--spark-jars", jars, "--cores", "0").err())
                .isEqualTo("error: --cores must be at least 1, not 0\n");
        assertThat(run(Map.of(), "cluster", "--spark-jars", jars, "--memory", "lots").err())
                .isEqualTo("error: --memory must be a size such as 512m or 2g, not 'lots'\n");
        assertThat(run(Map.of(), "cluster", "--spark-jars", jars, "--port", "70000").err())
                .isEqualTo("error: --port must be between 0 (any free port) and 65535, not 70000\n");
        assertThat(run(Map.of(), "cluster", "--spark-jars", dir.toString()).err())
                .startsWith("error: --spark-jars " + dir + " is not a Spark jar folder");
        String buildProperty = System.clearProperty(JobsConfig.SPARK_JARS_PROPERTY); // the build's wins over it
        try {
            assertThat(run(Map.of("MORTAR_SPARK_JARS", dir.toString()), "cluster").err())
                    .as("the environment variable is read").startsWith("error: --spark-jars " + dir + " is not");
        } finally {
            if (buildProperty != null) {
                System.setProperty(JobsConfig.SPARK_JARS_PROPERTY, buildProperty);
            }
        }
        assertThat(run(Map.of(), "cluster", "--spark-jars", jars, "--java-home", dir.toString()).err())
                .isEqualTo("error: --java-home " + dir + " has no bin/java\n");
        assertThat(run(Map.of(), "cluster", "--workers", "two").exit()).isEqualTo(2);

        Path java25 = fakeJava("java25", "exit 0");
        Files.writeString(java25.resolve("release"), "IMPLEMENTOR=\"Someone\"\nJAVA_VERSION=\"25.0.3\"\n");
        assertThat(run(Map.of(), "cluster", "--spark-jars", jars, "--java-home", java25.toString()).err())
                .isEqualTo("error: --java-home " + java25 + " is Java 25; Spark 4.1 runs on Java 17 or 21: point"
                        + " --java-home at one of those\n");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMasterThatDiesOnStartIsReportedWithTheEndOfItsLog() throws IOException {
        Path javaHome = fakeJava("broken-java", "echo \"this java cannot run: $*\"\nexit 3");
        Path workDir = dir.resolve("work");

        CliRun run = run(Map.of(), "cluster", "--spark-jars", fakeJarFolder().toString(), "--java-home",
                javaHome.toString(), "--port", "0", "--webui-port", "0", "--work-dir", workDir.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: Spark master (pid ")
                .contains("log " + workDir.resolve("master.log"), "exited with code 3 while the cluster was starting")
                .contains("this java cannot run:", "org.apache.spark.deploy.master.Master", "--host 127.0.0.1");
        assertThat(workDir.resolve("spark-home")).isDirectory();
    }

    /** A Java home whose bin/java is a shell script. */
    private Path fakeJava(String name, String script) throws IOException {
        Path home = dir.resolve(name);
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private Path fakeJarFolder() throws IOException {
        Path jars = Files.createDirectories(dir.resolve("jars"));
        Files.write(jars.resolve("spark-core_2.13-4.1.3.jar"), new byte[0]);
        return jars;
    }
}
