package io.mortar.runtime.tagging;

import io.mortar.tagging.Tagger;
import java.util.Arrays;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.Platform;

/**
 * Writes a row's tags as an {@code array<string>} in Spark's own binary layout ({@link UnsafeArrayData}) into a
 * buffer reused from row to row, so producing the output allocates nothing: Spark copies the array into the output
 * row before asking for the next one. The layout: the element count (8 bytes), the null bits (none here, a word per
 * 64 elements), one word per element holding its data's offset (from the array's start) and length, then each
 * tag's UTF-8 bytes padded to a word.
 */
final class TagArrayWriter {
    private final byte[][] tagBytes;
    private final UnsafeArrayData array = new UnsafeArrayData();
    private byte[] buffer = new byte[256];

    TagArrayWriter(byte[][] tagBytes) {
        this.tagBytes = tagBytes;
    }

    /** The first {@code count} tags the matching found, as an array valid until the next call. */
    ArrayData write(Tagger.Matching matching, int count) {
        int header = UnsafeArrayData.calculateHeaderPortionInBytes(count);
        int fixed = header + 8 * count;
        int size = fixed;
        for (int k = 0; k < count; k++) {
            size += padded(tagBytes[matching.tag(k)].length);
        }
        if (size > buffer.length) {
            buffer = new byte[Math.max(size, buffer.length * 2)];
        }
        byte[] out = buffer;
        Arrays.fill(out, 0, header, (byte) 0); // count word and null bits
        Platform.putLong(out, Platform.BYTE_ARRAY_OFFSET, count);
        int cursor = fixed;
        for (int k = 0; k < count; k++) {
            byte[] tag = tagBytes[matching.tag(k)];
            int length = tag.length;
            Platform.putLong(out, Platform.BYTE_ARRAY_OFFSET + header + 8L * k, ((long) cursor << 32) | length);
            System.arraycopy(tag, 0, out, cursor, length);
            int end = cursor + padded(length);
            Arrays.fill(out, cursor + length, end, (byte) 0); // zeroed padding: equal arrays, equal bytes
            cursor = end;
        }
        array.pointTo(out, Platform.BYTE_ARRAY_OFFSET, size);
        return array;
    }

    private static int padded(int length) {
        return (length + 7) & ~7;
    }
}
