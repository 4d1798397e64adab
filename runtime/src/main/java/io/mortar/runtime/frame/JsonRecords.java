package io.mortar.runtime.frame;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mortar.runtime.frame.DynamicType.Struct;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Reads JSON lines into a dynamic frame, typing every record on its own: one pass infers each record's type and
 * merges them ({@link TypeMerger}; a field seen as a number and as a string becomes a choice), a second converts
 * the records to rows of the merged type. A line that is not a JSON object becomes an error record.
 */
public final class JsonRecords {
    /** Thread-safe once configured; one per executor JVM. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonRecords() {}

    /** Parses any JSON value into plain Java values (maps, lists, numbers, strings, booleans, null). */
    public static Object parse(String text) throws IOException {
        return MAPPER.readValue(text, Object.class);
    }

    static Map<?, ?> parseObject(String line) throws IOException {
        Object value = parse(line);
        if (!(value instanceof Map<?, ?> map)) {
            String what = value == null ? "null" : value instanceof List ? "an array" : "a " + RecordValues.typeOf(value).render();
            throw new IOException("expected a JSON object, got " + what);
        }
        return map;
    }

    /** The merged type of every parseable record; records that fail to parse are ignored here. */
    static Struct inferRecordType(Dataset<String> lines) {
        DynamicType merged = TypeMerger.mergeAll(lines.toJavaRDD().mapPartitions(JsonRecords::inferPartition).collect());
        return merged instanceof Struct struct ? struct : new Struct(List.of());
    }

    private static Iterator<DynamicType> inferPartition(Iterator<String> lines) {
        DynamicType merged = DynamicType.Null.INSTANCE;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line == null || line.isBlank()) {
                continue;
            }
            try {
                merged = TypeMerger.merge(merged, RecordValues.typeOf(parseObject(line)));
            } catch (IOException | RuntimeException malformed) {
                // counted as an error record by the conversion pass
            }
        }
        return List.of(merged).iterator();
    }

    static DynamicFrame read(Dataset<String> lines, String name, TransformOptions options) {
        Struct type = inferRecordType(lines);
        StructType schema = type.toSpark();
        int width = schema.fields().length;
        MapPartitionsFunction<String, Row> convert = partition -> new Iterator<>() {
            private Row next = advance();

            private Row advance() {
                while (partition.hasNext()) {
                    String line = partition.next();
                    if (line == null || line.isBlank()) {
                        continue;
                    }
                    try {
                        Row row = (Row) RecordValues.toSpark(parseObject(line), type);
                        return ErrorRecords.good(rowValues(row));
                    } catch (IOException | RuntimeException e) {
                        return ErrorRecords.bad(width, line, e);
                    }
                }
                return null;
            }

            public boolean hasNext() {
                return next != null;
            }

            public Row next() {
                Row out = next;
                next = advance();
                return out;
            }
        };
        StructType taggedSchema = ErrorRecords.tagged(schema);
        Dataset<Row> tagged = Columns.withSchema(lines.mapPartitions(convert, Encoders.row(taggedSchema)), taggedSchema);
        String stage = options.stageName(name);
        ErrorRecords.Split split = ErrorRecords.split(tagged, stage, options);
        return DynamicFrame.create(split.data(), name, List.of(), List.of(new ErrorBatch(stage, split.errors())), options);
    }

    static Object[] rowValues(Row row) {
        Object[] values = new Object[row.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        return values;
    }
}
