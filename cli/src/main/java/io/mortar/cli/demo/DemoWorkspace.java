package io.mortar.cli.demo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;

/**
 * The demo directory, made ready for a run: ours (it holds the marker file, or held nothing), locked against a
 * second demo in it, the previous demo's data removed. {@link #close()} releases the lock.
 */
final class DemoWorkspace implements AutoCloseable {
    static final String MARKER_FILE = ".mortar-demo";

    private final FileChannel lockChannel;
    private final FileLock lock;

    private DemoWorkspace(FileChannel lockChannel, FileLock lock) {
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Prepares the directory; says so when it removed a previous demo's data.
     *
     * @throws StepFailure for a directory that is not a demo's, one another demo is using, or an I/O failure
     */
    static DemoWorkspace prepare(DemoLayout layout, DemoOutput out) {
        Path dir = layout.dir();
        try {
            Files.createDirectories(dir);
            Path marker = dir.resolve(MARKER_FILE);
            if (!Files.exists(marker)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new StepFailure(dir + " is not empty and holds no " + MARKER_FILE + " file, so it is"
                                + " not a demo directory; choose another --dir (the demo replaces what is in it)");
                    }
                }
            }
            Files.writeString(marker, "A mortar demo's directory: `mortar demo` replaces what is in it.\n");
            DemoWorkspace workspace = lock(dir);
            boolean previous = Files.exists(layout.s3Dir()) || Files.exists(layout.mortarDir());
            try {
                FileUtils.deleteDirectory(layout.s3Dir().toFile());
                FileUtils.deleteDirectory(layout.mortarDir().toFile());
            } catch (IOException e) {
                workspace.close();
                throw e;
            }
            if (previous) {
                out.println("(the previous demo's data in " + dir + " was removed)");
            }
            return workspace;
        } catch (IOException e) {
            throw new StepFailure("cannot prepare " + dir + ": " + e.getMessage());
        }
    }

    private static DemoWorkspace lock(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this JVM: another demo run in-process
        }
        if (lock == null) {
            channel.close();
            throw new StepFailure("another mortar demo is using " + dir + " (stop it, or choose another --dir)");
        }
        return new DemoWorkspace(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // released with the process anyway
        }
    }
}
