package io.mortar.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.commons.io.FileUtils;

/**
 * A runnable Mortar server: {@code mortar-cli.jar} and {@code lib/}, as {@code mvn package -pl cli -am} leaves
 * them in {@code cli/target}, built from the working tree or from a git revision. Both are built by the same
 * command, so the two servers of a before/after comparison differ only in their code.
 *
 * @param description what was built, for the report
 * @param cliBuild the folder holding {@code mortar-cli.jar} and {@code lib/}
 */
record ServerBuild(String description, Path cliBuild) {
    static final List<String> MAVEN = List.of("mvn", "-q", "-B", "-ntp", "-DskipTests", "package", "-pl", "cli", "-am");

    /** Builds the working tree under {@code root} as it is, uncommitted changes included. */
    static ServerBuild ofWorkingTree(Path root) {
        String head = ExternalCommand.output(root, "git", "rev-parse", "--short=12", "HEAD");
        boolean changed = !ExternalCommand.output(root, "git", "status", "--porcelain").isEmpty();
        String description = "working tree at " + head + (changed ? " with uncommitted changes" : "");
        Log.info("current: building the %s (%s)", description, String.join(" ", MAVEN));
        ExternalCommand.run(root, MAVEN);
        return new ServerBuild(description, root.resolve("cli").resolve("target"));
    }

    /**
     * The build of a revision, made in a temporary git worktree of the repository at {@code root} and kept under
     * {@code cache/<full commit hash>}; a later run for the same commit reuses it.
     */
    static ServerBuild ofRevision(Path root, String revision, Path cache) {
        String commit = ExternalCommand.output(root, "git", "rev-parse", "--verify", "--end-of-options",
                revision + "^{commit}");
        String description = "revision " + ExternalCommand.output(root, "git", "log", "-1", "--format=%h %s", commit);
        Path built = cache.resolve(commit);
        if (Files.isRegularFile(built.resolve("mortar-cli.jar"))) {
            Log.info("baseline: reusing the build of %s in %s", commit, built);
        } else {
            build(root, commit, built);
        }
        return new ServerBuild(description, built);
    }

    private static void build(Path root, String commit, Path built) {
        try {
            Files.createDirectories(built.getParent());
            Path worktree = Files.createTempDirectory("mortar-baseline-");
            try {
                Log.info("baseline: building %s in a temporary worktree %s", commit, worktree);
                ExternalCommand.run(root, List.of("git", "worktree", "add", "--detach", worktree.toString(), commit));
                ExternalCommand.run(worktree, MAVEN);
                // copied aside and renamed into place, so a build stopped half-way is never taken for a whole one
                Path staging = Files.createTempDirectory(built.getParent(), commit + ".partial-");
                Path target = worktree.resolve("cli").resolve("target");
                Files.copy(target.resolve("mortar-cli.jar"), staging.resolve("mortar-cli.jar"),
                        StandardCopyOption.COPY_ATTRIBUTES);
                FileUtils.copyDirectory(target.resolve("lib").toFile(), staging.resolve("lib").toFile());
                try {
                    Files.move(staging, built, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException builtMeanwhile) {
                    FileUtils.deleteDirectory(staging.toFile());
                }
            } finally {
                removeWorktree(root, worktree);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("building " + commit + ": " + e.getMessage(), e);
        }
        Log.info("baseline: built %s into %s", commit, built);
    }

    private static void removeWorktree(Path root, Path worktree) throws IOException {
        try {
            ExternalCommand.run(root, List.of("git", "worktree", "remove", "--force", worktree.toString()));
        } catch (RuntimeException notAWorktree) {
            // git worktree add failed, or left a half-made folder: remove it and what git knows of it
            FileUtils.deleteDirectory(worktree.toFile());
            ExternalCommand.run(root, List.of("git", "worktree", "prune"));
        }
    }
}
