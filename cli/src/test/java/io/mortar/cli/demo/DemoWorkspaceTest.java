package io.mortar.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo directory before any step: whose it is, who uses it, what is left of a previous demo; and its release. */
class DemoWorkspaceTest {
    @TempDir
    Path dir;

    private final StringWriter printed = new StringWriter();
    private final DemoOutput out = new DemoOutput(new PrintWriter(printed, true));

    @Test
    void aPreviousDemosDataIsRemovedAndTheRestKept() throws IOException {
        DemoLayout layout = new DemoLayout(dir);
        DemoWorkspace.prepare(layout, out).close();
        Files.createDirectories(layout.s3Dir().resolve("data/demo/raw"));
        Files.writeString(layout.s3Dir().resolve("data/demo/raw/part-0.parquet"), "old");
        Files.createDirectories(layout.mortarDir());
        Files.writeString(dir.resolve("notes.txt"), "mine");

        DemoWorkspace.prepare(layout, out).close();

        assertThat(layout.s3Dir()).doesNotExist();
        assertThat(layout.mortarDir()).doesNotExist();
        assertThat(dir.resolve("notes.txt")).hasContent("mine");
        assertThat(printed.toString()).isEqualTo("(the previous demo's data in " + dir + " was removed)\n");
    }

    @Test
    void aFolderWithoutTheMarkerIsNotTouched() throws IOException {
        Files.writeString(dir.resolve("precious.txt"), "keep me");

        assertThatThrownBy(() -> DemoWorkspace.prepare(new DemoLayout(dir), out)).isInstanceOf(StepFailure.class)
                .hasMessage(dir + " is not empty and holds no .mortar-demo file, so it is not a demo directory;"
                        + " choose another --dir (the demo replaces what is in it)");
        assertThat(dir.resolve(DemoWorkspace.MARKER_FILE)).doesNotExist();
    }

    @Test
    void oneDemoAtATimeUsesADirectoryAndCloseLetsTheNextIn() {
        DemoLayout layout = new DemoLayout(dir);
        DemoWorkspace first = DemoWorkspace.prepare(layout, out);

        assertThatThrownBy(() -> DemoWorkspace.prepare(layout, out)).isInstanceOf(StepFailure.class)
                .hasMessage("another mortar demo is using " + dir + " (stop it, or choose another --dir)");

        first.close();
        DemoWorkspace.prepare(layout, out).close();
    }

    @Test
    void theEnvironmentReleasesTheDirectoryAndTheLogLevelsOnceClosed() {
        DemoRun.Settings settings = new DemoRun.Settings(1, 1, 42, 1, dir, Optional.empty(), false, Map.of());
        DemoEnvironment environment = new DemoEnvironment(settings, new DemoLayout(dir), out,
                new PrintWriter(new StringWriter()));
        Level before = LogManager.getLogger("io.mortar").getLevel();
        environment.prepareWorkspace();
        environment.quietLogs();
        assertThat(LogManager.getLogger("io.mortar").getLevel()).isEqualTo(Level.WARN);

        environment.close();
        environment.close();

        assertThat(LogManager.getLogger("io.mortar").getLevel()).isEqualTo(before);
        DemoWorkspace.prepare(new DemoLayout(dir), out).close();
    }
}
