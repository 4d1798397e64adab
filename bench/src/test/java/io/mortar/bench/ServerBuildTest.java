package io.mortar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerBuildTest {
    @TempDir
    Path repo;

    @TempDir
    Path cache;

    @Test
    void aRevisionAlreadyBuiltIsReusedByItsFullCommitHash() throws Exception {
        String commit = commit("first version");
        Path built = cache.resolve(commit);
        Files.createDirectories(built.resolve("lib"));
        Files.writeString(built.resolve("mortar-cli.jar"), "built before");

        ServerBuild build = ServerBuild.ofRevision(repo, "HEAD", cache);

        assertThat(build.cliBuild()).isEqualTo(built);
        assertThat(build.description()).isEqualTo("revision " + commit.substring(0, 7) + " first version");
        assertThat(Files.readString(built.resolve("mortar-cli.jar"))).isEqualTo("built before");
    }

    @Test
    void anUnknownRevisionIsRefusedBeforeAnythingIsBuilt() throws Exception {
        commit("first version");

        assertThatThrownBy(() -> ServerBuild.ofRevision(repo, "no-such-branch", cache))
                .hasMessageContaining("git rev-parse");
        try (var files = Files.list(cache)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aRevisionThatFailsToBuildLeavesNoWorktreeAndNothingInTheCache() throws Exception {
        // no pom.xml: Maven fails, and the temporary worktree must be gone from git and from disk
        String commit = commit("not a Maven project");

        assertThatThrownBy(() -> ServerBuild.ofRevision(repo, commit, cache)).hasMessageContaining("mvn");
        assertThat(ExternalCommand.output(repo, "git", "worktree", "list").lines()).hasSize(1);
        assertThat(cache.resolve(commit)).doesNotExist();
    }

    private String commit(String message) throws Exception {
        git("init", "-q");
        Files.writeString(repo.resolve("README"), message);
        git("add", "README");
        git("-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", message);
        return ExternalCommand.output(repo, "git", "rev-parse", "HEAD");
    }

    private void git(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ExternalCommand.run(repo, command);
    }
}
