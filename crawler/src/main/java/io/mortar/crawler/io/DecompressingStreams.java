package io.mortar.crawler.io;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedInputStream;

/**
 * Opens the decompressed view of a file's bytes. The compression is recognised from the first bytes (gzip, bzip2,
 * zstd, LZ4 frame and snappy framing magic numbers) and, for the magic-less Hadoop block framing of snappy and LZ4,
 * from the file's extension. Everything is pure Java or bundled JNI (no libhadoop needed).
 */
public final class DecompressingStreams {
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
    private static final byte[] BZIP2_MAGIC = {'B', 'Z', 'h'};
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
    private static final byte[] LZ4_FRAME_MAGIC = {0x04, 0x22, 0x4d, 0x18};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 0x03, 0x04};
    private static final byte[] SNAPPY_FRAMED_MAGIC = {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'};

    private DecompressingStreams() {
    }

    /** The detected compression and the stream of decompressed bytes. */
    public record Opened(Compression compression, InputStream stream) {
    }

    public static Opened open(InputStream raw, String fileName) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(16);
        byte[] head = in.readNBytes(10);
        in.reset();
        if (startsWith(head, GZIP_MAGIC)) {
            return new Opened(Compression.GZIP, new GZIPInputStream(in, 64 * 1024));
        }
        if (startsWith(head, BZIP2_MAGIC) && head.length >= 4 && head[3] >= '1' && head[3] <= '9') {
            return new Opened(Compression.BZIP2, new BZip2CompressorInputStream(in, true));
        }
        if (startsWith(head, ZSTD_MAGIC)) {
            return new Opened(Compression.ZSTD, new ZstdInputStream(in));
        }
        if (startsWith(head, LZ4_FRAME_MAGIC)) {
            return new Opened(Compression.LZ4, new LZ4FrameInputStream(in));
        }
        if (startsWith(head, ZIP_MAGIC)) {
            return new Opened(Compression.ZIP, singleEntry(in));
        }
        if (startsWith(head, SNAPPY_FRAMED_MAGIC)) {
            return new Opened(Compression.SNAPPY, new SnappyFramedInputStream(in));
        }
        Compression byName = Compression.fromFileName(fileName);
        if (byName == Compression.SNAPPY) {
            return new Opened(Compression.SNAPPY, new HadoopBlockInputStream(in, (chunk, size) -> Snappy.uncompress(chunk)));
        }
        if (byName == Compression.LZ4) {
            return new Opened(Compression.LZ4, new HadoopBlockInputStream(in, (chunk, size) -> {
                byte[] out = new byte[size];
                int n = LZ4Factory.fastestJavaInstance().safeDecompressor().decompress(chunk, 0, chunk.length, out, 0);
                return n == size ? out : Arrays.copyOf(out, n);
            }));
        }
        return new Opened(Compression.NONE, in);
    }

    /**
     * The one file of a single-file ZIP archive. Reading it to the end checks there is no second entry: an archive
     * of several files is refused (Glue reads single-file archives only).
     */
    private static InputStream singleEntry(InputStream in) throws IOException {
        ZipInputStream zip = new ZipInputStream(in);
        ZipEntry entry = zip.getNextEntry();
        while (entry != null && entry.isDirectory()) {
            entry = zip.getNextEntry();
        }
        if (entry == null) {
            throw new IOException("empty ZIP archive");
        }
        return new InputStream() {
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (ended) {
                    return -1;
                }
                int n = zip.read(b, off, len);
                if (n < 0) {
                    ended = true;
                    ZipEntry next = zip.getNextEntry();
                    if (next != null) {
                        throw new IOException("ZIP archive of more than one file (" + next.getName() + ")");
                    }
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                zip.close();
            }
        };
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    /** Decompresses one chunk of a Hadoop block given the chunk's bytes and at most how many bytes it yields. */
    @FunctionalInterface
    interface ChunkDecompressor {
        byte[] decompress(byte[] chunk, int maxSize) throws IOException;
    }

    /**
     * Hadoop's BlockCompressorStream framing (SnappyCodec, Lz4Codec): blocks of a 4-byte big-endian uncompressed
     * length followed by chunks, each a 4-byte compressed length and the compressed bytes, until the block's bytes
     * are produced.
     */
    static final class HadoopBlockInputStream extends InputStream {
        private final DataInputStream in;
        private final ChunkDecompressor decompressor;
        private byte[] buffer = new byte[0];
        private int position;
        private long blockRemaining;

        HadoopBlockInputStream(InputStream in, ChunkDecompressor decompressor) {
            this.in = new DataInputStream(in);
            this.decompressor = decompressor;
        }

        private boolean fill() throws IOException {
            while (position >= buffer.length) {
                if (blockRemaining == 0) {
                    int first = in.read();
                    if (first < 0) {
                        return false;
                    }
                    blockRemaining = ((long) first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8)
                            | in.readUnsignedByte();
                    if (blockRemaining < 0 || blockRemaining > 512L * 1024 * 1024) {
                        throw new IOException("not Hadoop block framing: block length " + blockRemaining);
                    }
                    continue;
                }
                int compressedLength = in.readInt();
                if (compressedLength <= 0 || compressedLength > 512 * 1024 * 1024) {
                    throw new IOException("not Hadoop block framing: chunk length " + compressedLength);
                }
                byte[] chunk = new byte[compressedLength];
                try {
                    in.readFully(chunk);
                } catch (EOFException e) {
                    throw new IOException("truncated Hadoop block", e);
                }
                buffer = decompressor.decompress(chunk, (int) blockRemaining);
                position = 0;
                blockRemaining -= buffer.length;
                if (blockRemaining < 0) {
                    throw new IOException("not Hadoop block framing: chunk longer than its block");
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? buffer[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, buffer.length - position);
            System.arraycopy(buffer, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
