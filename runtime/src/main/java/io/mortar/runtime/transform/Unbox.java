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
import io.mortar.runtime.transform.FieldRewriter.NewField;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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
                || fieldPath.hasElements()) {
            throw new IllegalArgumentException("Unbox: field '" + path + "' must be a string outside arrays, it is "
                    + current.render());
        }
        Dataset<Row> withText = df.withColumn(PARSED, Columns.at(fieldPath));
        int textIndex = withText.schema().fieldIndex(PARSED);
        DynamicType parsedType = RecordValues.inferType(withText.select(Columns.top(PARSED)).as(Encoders.STRING()),
                text -> text == null || text.isBlank() ? null : JsonRecords.parse(text));
        // The text column is replaced, in place, by its parsed value.
        StructField[] fields = withText.schema().fields().clone();
        fields[textIndex] = new StructField(PARSED, parsedType.toSpark(), true, Columns.metadataFor(parsedType));
        StructType output = new StructType(fields);
        Dataset<Row> tagged = ErrorRecords.tagEach(withText, output, row -> {
            Object[] out = new Object[row.length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = row.get(i);
            }
            String text = row.getString(textIndex);
            out[textIndex] = text == null || text.isBlank() ? null : RecordValues.toSpark(JsonRecords.parse(text), parsedType);
            return RowFactory.create(out);
        });
        Dataset<Row> replaced = FieldRewriter.rewrite(tagged, fieldPath, (value, field) -> List.of(new NewField(
                field.name(), parsedType.toSpark(), Columns.metadataFor(parsedType), Columns.top(PARSED))));
        return frame.deriveTagged(replaced.drop(PARSED), "Unbox", options);
    }
}
