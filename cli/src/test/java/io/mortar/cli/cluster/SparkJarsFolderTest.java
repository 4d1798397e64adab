package io.mortar.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.server.config.ConfigException;
import io.mortar.server.config.JobsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code mortar cluster} takes its jars from: the flag, else the environment, else where the server looks
 * ({@link JobsConfig#findSparkJars}, whose search of the source tree {@code ConfigLoaderTest} covers; here its
 * build-time property stands for it).
 */
class SparkJarsFolderTest {
    @TempDir
    Path tree;

    private String buildProperty;

    @BeforeEach
    void clearTheBuildsProperty() {
        buildProperty = System.clearProperty(JobsConfig.SPARK_JARS_PROPERTY);
    }

    @AfterEach
    void restoreTheBuildsProperty() {
        if (buildProperty == null) {
            System.clearProperty(JobsConfig.SPARK_JARS_PROPERTY);
        } else {
            System.setProperty(JobsConfig.SPARK_JARS_PROPERTY, buildProperty);
        }
    }

    @Test
    void theFlagWinsThenTheEnvironmentThenWhereTheServerLooks() throws IOException {
        Path inTree = Files.createDirectories(tree.resolve("runtime/target/jars"));
        Map<String, String> environment = Map.of("MORTAR_SPARK_JARS", "/opt/jars");

        assertThat(SparkJarsFolder.locate(Path.of("/flag/jars"), environment)).isEqualTo(Path.of("/flag/jars"));
        assertThat(SparkJarsFolder.locate(null, environment)).isEqualTo(Path.of("/opt/jars"));
        System.setProperty(JobsConfig.SPARK_JARS_PROPERTY, inTree.toString());
        assertThat(SparkJarsFolder.locate(null, Map.of())).isEqualTo(inTree);
    }

    @Test
    void noFolderAnywhereSaysHowToGetOne() {
        System.setProperty(JobsConfig.SPARK_JARS_PROPERTY, tree.resolve("x").toString());

        assertThatThrownBy(() -> SparkJarsFolder.locate(null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--spark-jars DIR")
                .hasMessageContaining("MORTAR_SPARK_JARS")
                .hasMessageContaining("mvn -pl runtime -am package -DskipTests");
    }
}
