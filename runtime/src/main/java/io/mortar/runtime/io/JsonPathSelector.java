package io.mortar.runtime.io;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Glue's {@code jsonPath} format option, for the paths it is used with: {@code $.records[*]} picks the elements
 * of an array inside each document, {@code $.data} a nested object. Segments are {@code .name} and {@code [*]}.
 */
final class JsonPathSelector {
    private static final Pattern SEGMENT = Pattern.compile("\\.([A-Za-z0-9_$-]+)|\\['([^']+)']|\\[\\*]");
    private static final String VALUE = "__mortar_json_value";

    private final List<String> segments;

    private JsonPathSelector(List<String> segments) {
        this.segments = segments;
    }

    /** @param path e.g. {@code $.records[*]}; each segment is a field name or {@code *} for every element */
    static JsonPathSelector parse(String path) {
        String p = path.trim();
        if (!p.startsWith("$")) {
            throw new IllegalArgumentException("The format option 'jsonPath' must start with '$' but was '" + path + "'");
        }
        List<String> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(p);
        int at = 1;
        while (at < p.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("The format option 'jsonPath' '" + path
                        + "' is not supported at character " + at + ": use .name, ['name'] and [*] segments");
            }
            segments.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : "*");
            at = m.end();
        }
        return new JsonPathSelector(segments);
    }

    /** The selected values of whole documents (one row each, as Spark's multi-line reader gives), as JSON. */
    Dataset<String> select(Dataset<Row> documents) {
        Column[] all = java.util.Arrays.stream(documents.columns()).map(functions::col).toArray(Column[]::new);
        Dataset<Row> current = documents.select(functions.struct(all).as(VALUE));
        for (String segment : segments) {
            Column value = functions.col(VALUE);
            current = current.select(("*".equals(segment) ? functions.explode(value) : value.getField(segment))
                    .as(VALUE));
        }
        return current.where(functions.col(VALUE).isNotNull())
                .select(functions.to_json(functions.col(VALUE))).as(Encoders.STRING());
    }
}
