package io.mortar.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.config.JobsConfig;
import io.mortar.server.testing.PythonLibs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * pyspark and py4j are installed from PyPI at pom.xml's {@code spark.version} and {@code py4j.version}
 * (bin/lib/python-libs.sh): the Python side of the gateway must be the py4j the drivers' class path holds, and
 * pyspark the Spark it runs. A Spark upgrade that brings another py4j fails here until the pin follows it.
 */
class PythonLibsVersionTest {
    private static final String SPARK = System.getProperty("mortar.sparkVersion");
    private static final String PY4J = System.getProperty("mortar.py4jVersion");

    @Test
    void theDriversClassPathHoldsThePinnedPy4jAndSpark() {
        Path jars = JobsConfig.findSparkJars(System.getenv());

        assertThat(jars.resolve("py4j-" + PY4J + ".jar")).as("pom.xml's py4j.version is the py4j Spark ships")
                .isRegularFile();
        assertThat(jars.resolve("spark-core_2.13-" + SPARK + ".jar")).isRegularFile();
    }

    @Test
    void theInstalledPythonLibrariesAreAtThoseVersions() {
        Path libs = PythonLibs.require();

        assertThat(libs.resolve("pyspark-" + SPARK + ".dist-info")).isDirectory();
        assertThat(libs.resolve("py4j-" + PY4J + ".dist-info")).isDirectory();
        assertThat(libs.resolve("pyspark").resolve("jars")).as("unused: drivers run Spark from the jar folder")
                .doesNotExist();
        assertThat(Files.isDirectory(libs.resolve("pyspark").resolve("sql"))).isTrue();
    }
}
