package io.mortar.cli.demo;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRunnerTest {
    @TempDir
    Path jars;

    @Test
    void aRuntimeJarWithTheDemosJobsIsReady() throws IOException {
        jar("io/mortar/runtime/demo/GenerateTickets.class");

        assertThatCode(() -> JobRunner.requireRuntime(jars, GenerateStep.JOB_CLASS)).doesNotThrowAnyException();
    }

    @Test
    void aMissingOrOlderRuntimeSaysHowToBuildIt() throws IOException {
        assertThatThrownBy(() -> JobRunner.requireRuntime(jars, GenerateStep.JOB_CLASS))
                .isInstanceOf(StepFailure.class)
                .hasMessageStartingWith("the job runtime " + jars.resolve("mortar-runtime.jar") + " is missing;")
                .hasMessageContaining("mvn -pl runtime -am package");

        jar("io/mortar/runtime/Other.class");

        assertThatThrownBy(() -> JobRunner.requireRuntime(jars, GenerateStep.JOB_CLASS))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("predates mortar demo (it has no io.mortar.runtime.demo.GenerateTickets)");
    }

    private void jar(String entry) throws IOException {
        try (OutputStream file = Files.newOutputStream(jars.resolve(JobRunner.RUNTIME_JAR));
             ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.closeEntry();
        }
    }
}
