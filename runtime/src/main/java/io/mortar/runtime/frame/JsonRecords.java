package io.mortar.runtime.frame;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mortar.runtime.frame.DynamicType.Struct;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
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

    static DynamicFrame read(Dataset<String> lines, String name, TransformOptions options) {
        DynamicType merged = RecordValues.inferType(lines, line -> line == null || line.isBlank() ? null : parseObject(line));
        Struct type = merged instanceof Struct struct ? struct : new Struct(List.of());
        StructType schema = type.toSpark();
        Dataset<Row> tagged = ErrorRecords.tagEach(lines, schema,
                line -> line == null || line.isBlank() ? null : (Row) RecordValues.toSpark(parseObject(line), type));
        String stage = options.stageName(name);
        ErrorRecords.Split split = ErrorRecords.split(tagged, stage, options);
        return DynamicFrame.create(split.data(), name, List.of(), List.of(new ErrorBatch(split.errors())), options);
    }
}
