package io.mortar.crawler;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedOutputStream;

/** Compresses test content the ways files arrive in a data lake. */
enum Compressors {
    GZIP("gz") {
        @Override
        byte[] compress(byte[] data) throws IOException {
            return stream(data, GZIPOutputStream::new);
        }
    },
    BZIP2("bz2") {
        @Override
        byte[] compress(byte[] data) throws IOException {
            return stream(data, BZip2CompressorOutputStream::new);
        }
    },
    ZSTD("zst") {
        @Override
        byte[] compress(byte[] data) throws IOException {
            return stream(data, ZstdOutputStream::new);
        }
    },
    LZ4_FRAME("lz4") {
        @Override
        byte[] compress(byte[] data) throws IOException {
            return stream(data, LZ4FrameOutputStream::new);
        }
    },
    LZ4_HADOOP("lz4") {
        @Override
        byte[] compress(byte[] data) throws IOException {
            LZ4Compressor lz4 = LZ4Factory.fastestJavaInstance().fastCompressor();
            return hadoopBlocks(data, chunk -> lz4.compress(chunk));
        }
    },
    SNAPPY_FRAMED("snappy") {
        @Override
        byte[] compress(byte[] data) throws IOException {
            return stream(data, SnappyFramedOutputStream::new);
        }
    },
    SNAPPY_HADOOP("snappy") {
        @Override
        byte[] compress(byte[] data) throws IOException {
            return hadoopBlocks(data, Snappy::compress);
        }
    };

    final String extension;

    Compressors(String extension) {
        this.extension = extension;
    }

    abstract byte[] compress(byte[] data) throws IOException;

    String glueName() {
        return switch (this) {
            case GZIP -> "gzip";
            case BZIP2 -> "bzip2";
            case ZSTD -> "zstd";
            case LZ4_FRAME, LZ4_HADOOP -> "lz4";
            case SNAPPY_FRAMED, SNAPPY_HADOOP -> "snappy";
        };
    }

    interface StreamFactory {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    interface ChunkCompressor {
        byte[] compress(byte[] chunk) throws IOException;
    }

    private static byte[] stream(byte[] data, StreamFactory factory) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = factory.wrap(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** Hadoop's BlockCompressorStream layout: per 64 KiB block, its length, then one compressed chunk. */
    private static byte[] hadoopBlocks(byte[] data, ChunkCompressor compressor) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        int block = 64 * 1024;
        for (int off = 0; off < data.length; off += block) {
            byte[] chunk = Arrays.copyOfRange(data, off, Math.min(data.length, off + block));
            byte[] compressed = compressor.compress(chunk);
            out.writeInt(chunk.length);
            out.writeInt(compressed.length);
            out.write(compressed);
        }
        out.flush();
        return bytes.toByteArray();
    }
}
