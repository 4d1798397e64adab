package io.mortar.crawler;

import io.mortar.crawler.io.CountingInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A view of a file system whose opened streams count the bytes they deliver: the classifier reads a file through
 * it, and so do the libraries (ORC, Parquet) that open files themselves. Closing it does not close the file system
 * it wraps.
 */
final class CountingFileSystem extends FilterFileSystem {
    private final AtomicLong counter;

    CountingFileSystem(FileSystem fs, AtomicLong counter) {
        super(fs);
        this.counter = counter;
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        return CountingInputStream.wrap(fs.open(f, bufferSize), counter);
    }

    @Override
    public FSDataInputStream open(Path f) throws IOException {
        return CountingInputStream.wrap(fs.open(f), counter);
    }

    @Override
    public void close() {
        // the wrapped file system belongs to the caller
    }
}
