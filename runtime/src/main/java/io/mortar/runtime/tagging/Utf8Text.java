package io.mortar.runtime.tagging;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.spark.unsafe.Platform;

/**
 * Decodes a Spark string's UTF-8 bytes (wherever they lie: a row's buffer, off-heap) into a matcher's char buffer
 * without allocating: eight ASCII bytes at a time, then well-formed multi-byte sequences by hand. Bytes that are
 * not well-formed UTF-8 are decoded by Java's decoder instead (replacement characters, as
 * {@code UTF8String.toString()} gives them), so the matcher always sees exactly the string a UDF would.
 */
final class Utf8Text {
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private Utf8Text() {}

    /**
     * Decodes {@code numBytes} bytes at {@code base + offset} into {@code out}, which holds at least
     * {@code numBytes} chars (UTF-16 never needs more units than UTF-8 bytes).
     *
     * @return the number of chars written
     */
    static int decode(Object base, long offset, int numBytes, char[] out) {
        int i = 0;
        if (LITTLE_ENDIAN) {
            while (i + 8 <= numBytes) {
                long word = Platform.getLong(base, offset + i);
                if ((word & HIGH_BITS) != 0) {
                    break;
                }
                out[i] = (char) (word & 0x7F);
                out[i + 1] = (char) ((word >>> 8) & 0x7F);
                out[i + 2] = (char) ((word >>> 16) & 0x7F);
                out[i + 3] = (char) ((word >>> 24) & 0x7F);
                out[i + 4] = (char) ((word >>> 32) & 0x7F);
                out[i + 5] = (char) ((word >>> 40) & 0x7F);
                out[i + 6] = (char) ((word >>> 48) & 0x7F);
                out[i + 7] = (char) ((word >>> 56) & 0x7F);
                i += 8;
            }
        }
        int n = i; // chars written; equals bytes read while everything is ASCII
        while (i < numBytes) {
            int b = Platform.getByte(base, offset + i);
            if (b >= 0) {
                out[n++] = (char) b;
                i++;
                continue;
            }
            b &= 0xFF;
            if (b >= 0xC2 && b <= 0xDF && i + 1 < numBytes) {
                int b1 = Platform.getByte(base, offset + i + 1) & 0xFF;
                if ((b1 & 0xC0) == 0x80) {
                    out[n++] = (char) (((b & 0x1F) << 6) | (b1 & 0x3F));
                    i += 2;
                    continue;
                }
            } else if (b >= 0xE0 && b <= 0xEF && i + 2 < numBytes) {
                int b1 = Platform.getByte(base, offset + i + 1) & 0xFF;
                int b2 = Platform.getByte(base, offset + i + 2) & 0xFF;
                if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80) {
                    int c = ((b & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
                    if (c >= 0x800 && !Character.isSurrogate((char) c)) {
                        out[n++] = (char) c;
                        i += 3;
                        continue;
                    }
                }
            } else if (b >= 0xF0 && b <= 0xF4 && i + 3 < numBytes) {
                int b1 = Platform.getByte(base, offset + i + 1) & 0xFF;
                int b2 = Platform.getByte(base, offset + i + 2) & 0xFF;
                int b3 = Platform.getByte(base, offset + i + 3) & 0xFF;
                if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && (b3 & 0xC0) == 0x80) {
                    int c = ((b & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
                    if (c >= 0x10000 && c <= Character.MAX_CODE_POINT) {
                        out[n++] = Character.highSurrogate(c);
                        out[n++] = Character.lowSurrogate(c);
                        i += 4;
                        continue;
                    }
                }
            }
            return decodeMalformed(base, offset, numBytes, out);
        }
        return n;
    }

    /** Not well-formed UTF-8: Java's decoder, with its replacement characters (allocates; rare). */
    private static int decodeMalformed(Object base, long offset, int numBytes, char[] out) {
        byte[] bytes = new byte[numBytes];
        Platform.copyMemory(base, offset, bytes, Platform.BYTE_ARRAY_OFFSET, numBytes);
        String s = new String(bytes, StandardCharsets.UTF_8);
        s.getChars(0, s.length(), out, 0); // a replacement char stands for at least one byte: it fits
        return s.length();
    }
}
