package io.mortar.crawler.discovery;

import java.util.HashMap;
import java.util.Map;

/**
 * The size figures Glue's crawler writes into table and partition parameters: {@code objectCount}, {@code sizeKey}
 * (bytes), {@code recordCount} (estimated: exact for columnar files, scaled from a sample for text) and
 * {@code averageRecordSize} (bytes per record).
 */
record FileStats(long objects, long bytes, long records) {
    static final FileStats NONE = new FileStats(0, 0, 0);

    FileStats plus(FileStats other) {
        return new FileStats(objects + other.objects, bytes + other.bytes, records + other.records);
    }

    Map<String, String> parameters() {
        Map<String, String> out = new HashMap<>();
        out.put("objectCount", Long.toString(objects));
        out.put("sizeKey", Long.toString(bytes));
        out.put("recordCount", Long.toString(records));
        out.put("averageRecordSize", Long.toString(records == 0 ? 0 : bytes / records));
        return out;
    }
}
