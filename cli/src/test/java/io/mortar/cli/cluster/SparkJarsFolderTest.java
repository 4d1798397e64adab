package io.mortar.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.server.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@code mortar cluster} takes its jars from: the flag, else the environment, else the source tree. */
class SparkJarsFolderTest {
    @TempDir
    Path tree;

    @Test
    void theFlagWinsThenTheEnvironmentThenTheSourceTreeTheCliJarIsIn() throws IOException {
        Path inTree = Files.createDirectories(tree.resolve("runtime/target/jars"));
        Optional<Path> cliJar = Optional.of(tree.resolve("cli/target/mortar-cli.jar"));
        Map<String, String> environment = Map.of("MORTAR_SPARK_JARS", "/opt/jars");

        assertThat(SparkJarsFolder.locate(Path.of("/flag/jars"), environment, cliJar)).isEqualTo(Path.of("/flag/jars"));
        assertThat(SparkJarsFolder.locate(null, environment, cliJar)).isEqualTo(Path.of("/opt/jars"));
        assertThat(SparkJarsFolder.locate(null, Map.of(), cliJar)).isEqualTo(inTree);
        assertThat(SparkJarsFolder.locate(null, Map.of(), Optional.of(tree.resolve("cli/target/classes"))))
                .as("run from the classes directory").isEqualTo(inTree);
    }

    @Test
    void noFolderAnywhereSaysHowToGetOne() {
        assertThatThrownBy(() -> SparkJarsFolder.locate(null, Map.of(), Optional.of(tree.resolve("x.jar"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--spark-jars DIR")
                .hasMessageContaining("MORTAR_SPARK_JARS")
                .hasMessageContaining("mvn -pl runtime -am package -DskipTests");
    }
}
