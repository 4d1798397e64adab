package io.mortar.crawler.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The decompressed head of a text file, read lazily: classifiers look at the first {@code initialBytes} and may ask
 * for more ({@link #extendTo}), never beyond what they asked for. {@link #truncated()} says whether the file goes on.
 */
public final class TextSample {
    private final InputStream in;
    private byte[] bytes = new byte[0];
    private boolean ended;
    /** {@link #text()} of the current bytes, decoded once: each classifier in turn asks for it. */
    private String text;

    public TextSample(InputStream decompressed, int initialBytes) {
        this.in = decompressed;
        extendTo(initialBytes);
    }

    public static TextSample of(String text) {
        TextSample sample = new TextSample(InputStream.nullInputStream(), 0);
        sample.bytes = text.getBytes(StandardCharsets.UTF_8);
        sample.ended = true;
        return sample;
    }

    /** Reads until {@code limit} bytes are held or the file ends. */
    public void extendTo(int limit) {
        if (ended || bytes.length >= limit) {
            return;
        }
        try {
            byte[] more = in.readNBytes(limit - bytes.length);
            byte[] grown = Arrays.copyOf(bytes, bytes.length + more.length);
            System.arraycopy(more, 0, grown, bytes.length, more.length);
            bytes = grown;
            text = null;
            if (bytes.length < limit) {
                ended = true;
            } else {
                // peek one byte so that a file of exactly `limit` bytes is not called truncated
                ended = peekEnd();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean peekEnd() throws IOException {
        int b = in.read();
        if (b < 0) {
            return true;
        }
        bytes = Arrays.copyOf(bytes, bytes.length + 1);
        bytes[bytes.length - 1] = (byte) b;
        return false;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int size() {
        return bytes.length;
    }

    public boolean truncated() {
        return !ended;
    }

    /** The sample as UTF-8 text, without a byte order mark (which would otherwise join the first column's name). */
    public String text() {
        if (text == null) {
            String decoded = new String(bytes, StandardCharsets.UTF_8);
            text = decoded.startsWith("\ufeff") ? decoded.substring(1) : decoded;
        }
        return text;
    }

    /**
     * The sample's complete lines (without terminators) — the last one only if the file ended there — at most
     * {@code maxLines}.
     */
    public List<String> lines(int maxLines) {
        List<String> lines = new ArrayList<>();
        String text = text();
        int start = 0;
        while (start < text.length() && lines.size() < maxLines) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                if (!truncated()) {
                    lines.add(stripCr(text.substring(start)));
                }
                break;
            }
            lines.add(stripCr(text.substring(start, nl)));
            start = nl + 1;
        }
        return lines;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** Whether the head looks like binary rather than text: NUL bytes or many control characters. */
    public boolean looksBinary() {
        int n = Math.min(bytes.length, 8192);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xff;
            if (b == 0) {
                return true;
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != 0x01 && b != 0x0c) {
                control++;
            }
        }
        return n > 0 && control * 20 > n;
    }
}
