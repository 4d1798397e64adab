package io.mortar.runtime.transform;

import io.mortar.runtime.frame.Columns;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.DynamicSchema;
import io.mortar.runtime.frame.DynamicType;
import io.mortar.runtime.frame.ErrorRecords;
import io.mortar.runtime.frame.FieldPath;
import io.mortar.runtime.frame.JsonRecords;
import io.mortar.runtime.frame.RecordValues;
import io.mortar.runtime.frame.TransformOptions;
import io.mortar.runtime.frame.TypeMerger;
import io.mortar.runtime.transform.FieldRewriter.NewField;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Glue's Unbox for JSON: parses a string field holding JSON into its value (a struct, usually), typed like
 * {@link DynamicFrame#fromJsonLines}: every value on its own, several kinds making a choice. Null and empty strings
 * stay null; a value that is not JSON makes its record an error record.
 */
public final class Unbox {
    private static final String PARSED = "__mortar_unboxed";

    private Unbox() {}

    public static DynamicFrame apply(DynamicFrame frame, String path, String format, TransformOptions options) {
        String f = format == null ? "json" : format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("json")) {
            throw new IllegalArgumentException("Unbox: format '" + format + "' is not supported; only json is");
        }
        FieldPath fieldPath = FieldPath.parse(path);
        Dataset<Row> df = frame.toDF();
        DynamicType current = DynamicSchema.of(df.schema()).typeAt(path).orElseThrow(() -> new IllegalArgumentException(
                "Unbox: no field '" + path + "' in frame '" + frame.name() + "'"));
        if (!(current instanceof DynamicType.Atomic a && a.type().equals(DataTypes.StringType))
                || fieldPath.segments().stream().anyMatch(s -> s instanceof FieldPath.Elements)) {
            throw new IllegalArgumentException("Unbox: field '" + path + "' must be a string outside arrays, it is "
                    + current.render());
        }
        org.apache.spark.sql.Column source = null;
        for (FieldPath.Segment s : fieldPath.segments()) {
            String n = ((FieldPath.Name) s).name();
            source = source == null ? Columns.top(n) : source.getField(n);
        }
        Dataset<Row> withText = df.withColumn(PARSED, source);
        int textIndex = withText.schema().fieldIndex(PARSED);
        DynamicType parsedType = inferType(withText.select(Columns.top(PARSED)).as(Encoders.STRING()));
        // The text column is replaced, in place, by its parsed value.
        StructField[] fields = withText.schema().fields().clone();
        fields[textIndex] = new StructField(PARSED, parsedType.toSpark(), true, Columns.metadataFor(parsedType));
        StructType output = new StructType(fields);
        Dataset<Row> tagged = PerRecord.run(withText, output, row -> {
            Object[] in = PerRecord.values(row);
            Object[] out = java.util.Arrays.copyOf(in, in.length);
            String text = row.getString(textIndex);
            out[textIndex] = text == null || text.isBlank() ? null : RecordValues.toSpark(JsonRecords.parse(text), parsedType);
            return out;
        });
        String stage = options.stageName("Unbox");
        ErrorRecords.Split split = ErrorRecords.split(tagged, stage, options);
        Dataset<Row> replaced = FieldRewriter.rewrite(split.data(), fieldPath, (value, field) -> List.of(new NewField(
                field.name(), parsedType.toSpark(), Columns.metadataFor(parsedType), Columns.top(PARSED))));
        return frame.derive(replaced.drop(PARSED), split.errors(), stage, options);
    }

    private static DynamicType inferType(Dataset<String> texts) {
        return TypeMerger.mergeAll(texts.toJavaRDD().mapPartitions((Iterator<String> it) -> {
            DynamicType type = DynamicType.Null.INSTANCE;
            while (it.hasNext()) {
                String text = it.next();
                if (text == null || text.isBlank()) {
                    continue;
                }
                try {
                    type = TypeMerger.merge(type, RecordValues.typeOf(JsonRecords.parse(text)));
                } catch (Exception malformed) {
                    // an error record in the conversion pass
                }
            }
            return List.of(type).iterator();
        }).collect());
    }
}
