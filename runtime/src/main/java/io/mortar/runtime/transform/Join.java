package io.mortar.runtime.transform;

import io.mortar.runtime.frame.Columns;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.TransformOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * Glue's Join: an inner equi-join, {@code keys1} of the first frame equal to {@code keys2} of the second. The
 * result has all fields of both frames, keys of both sides included; where a key has the same name on both sides
 * it appears once (the values are equal). Any other field present in both frames is refused, naming it: rename
 * one side first (RenameField), as Glue scripts do.
 */
public final class Join {
    private static final String RIGHT_PREFIX = "__mortar_r_";

    private Join() {}

    public static DynamicFrame apply(DynamicFrame frame1, DynamicFrame frame2, List<String> keys1, List<String> keys2,
                                     TransformOptions options) {
        if (keys1 == null || keys1.isEmpty() || keys2 == null || keys1.size() != keys2.size()) {
            throw new IllegalArgumentException("Join needs the same, non-zero number of keys on both sides, got "
                    + keys1 + " and " + keys2);
        }
        Dataset<Row> left = frame1.toDF();
        Dataset<Row> right = frame2.toDF();
        Set<String> leftNames = names(left);
        Set<String> rightNames = names(right);
        requireKeys(keys1, leftNames, frame1);
        requireKeys(keys2, rightNames, frame2);
        Set<String> sharedKeys = new HashSet<>();
        for (int i = 0; i < keys1.size(); i++) {
            if (keys1.get(i).equals(keys2.get(i))) {
                sharedKeys.add(keys2.get(i));
            }
        }
        List<String> clashes = new ArrayList<>();
        for (String name : rightNames) {
            if (leftNames.contains(name) && !sharedKeys.contains(name)) {
                clashes.add(name);
            }
        }
        if (!clashes.isEmpty()) {
            throw new IllegalArgumentException("Join: fields " + clashes + " are in both '" + frame1.name() + "' and '"
                    + frame2.name() + "'; rename them on one side first");
        }
        // Renaming every right column gives it a fresh identity, so joining a frame with its own descendant works.
        List<Column> renamed = new ArrayList<>();
        for (StructField f : right.schema().fields()) {
            renamed.add(Columns.top(f.name()).as(RIGHT_PREFIX + f.name(), f.metadata()));
        }
        Dataset<Row> r = right.select(renamed.toArray(Column[]::new));
        Column condition = null;
        for (int i = 0; i < keys1.size(); i++) {
            Column eq = left.col(Columns.quoted(keys1.get(i))).equalTo(r.col(Columns.quoted(RIGHT_PREFIX + keys2.get(i))));
            condition = condition == null ? eq : condition.and(eq);
        }
        Dataset<Row> joined = left.join(r, condition, "inner");
        List<Column> output = new ArrayList<>();
        for (StructField f : left.schema().fields()) {
            output.add(left.col(Columns.quoted(f.name())));
        }
        for (StructField f : right.schema().fields()) {
            if (!sharedKeys.contains(f.name())) {
                output.add(r.col(Columns.quoted(RIGHT_PREFIX + f.name())).as(f.name(), f.metadata()));
            }
        }
        return DynamicFrame.combine(List.of(frame1, frame2), joined.select(output.toArray(Column[]::new)),
                options.stageName(frame1.name()), options);
    }

    private static Set<String> names(Dataset<Row> df) {
        return new java.util.LinkedHashSet<>(List.of(df.schema().fieldNames()));
    }

    private static void requireKeys(List<String> keys, Set<String> names, DynamicFrame frame) {
        for (String key : keys) {
            if (!names.contains(key)) {
                throw new IllegalArgumentException("Join: no key field '" + key + "' in frame '" + frame.name()
                        + "'; its fields are " + names);
            }
        }
    }
}
