package io.mortar.runtime.frame;

import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The error records one step produced. Shared by every frame derived from that step, so the (costly) count is taken
 * at most once however many frames ask.
 */
final class ErrorBatch {
    private final Dataset<Row> records;
    private volatile Long count;

    ErrorBatch(Dataset<Row> records) {
        this.records = Objects.requireNonNull(records, "records");
    }

    Dataset<Row> records() {
        return records;
    }

    long count() {
        Long known = count;
        if (known == null) {
            known = records.count();
            count = known;
        }
        return known;
    }
}
