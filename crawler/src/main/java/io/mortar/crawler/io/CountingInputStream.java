package io.mortar.crawler.io;

import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;

/**
 * A seekable stream over a Hadoop stream that adds every byte handed to its reader (sequential and positioned reads)
 * to a counter, so that a classification can report how many bytes of a file it actually read.
 */
public final class CountingInputStream extends FSInputStream {
    private final FSDataInputStream in;
    private final AtomicLong counter;

    public CountingInputStream(FSDataInputStream in, AtomicLong counter) {
        this.in = in;
        this.counter = counter;
    }

    /** A Hadoop stream (what Parquet and ORC expect) counting into {@code counter}. */
    public static FSDataInputStream wrap(FSDataInputStream in, AtomicLong counter) {
        return new FSDataInputStream(new CountingInputStream(in, counter));
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            counter.incrementAndGet();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            counter.addAndGet(n);
        }
        return n;
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(position, buffer, offset, length);
        if (n > 0) {
            counter.addAndGet(n);
        }
        return n;
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
        in.readFully(position, buffer, offset, length);
        counter.addAndGet(length);
    }

    @Override
    public void seek(long pos) throws IOException {
        in.seek(pos);
    }

    @Override
    public long getPos() throws IOException {
        return in.getPos();
    }

    @Override
    public boolean seekToNewSource(long targetPos) throws IOException {
        return in.seekToNewSource(targetPos);
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        long target = getPos() + n;
        try {
            in.seek(target);
        } catch (EOFException e) {
            return 0;
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
