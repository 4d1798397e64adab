package io.mortar.runtime.frame;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.mortar.runtime.frame.DynamicType.Atomic;
import io.mortar.runtime.frame.DynamicType.Choice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Types text columns (CSV read with every column a string) by content, as a dynamic frame types CSV: one pass
 * learns which {@link TextKind kinds} each column holds; a column of one kind gets that type (numbers widen), a
 * column of several becomes a choice, and an empty value is a null.
 *
 * <p>The pass runs {@link TextKind} over Spark's rows in place. Text in memory is then cast column by column; text
 * in files is read again with the learned types ({@link #fromFiles}), like Spark's own {@code inferSchema}, so the
 * second pass costs what a typed read costs, and only a column that became a choice is read as text and split.
 */
final class TextColumns {
    private static final UserDefinedFunction KIND = functions.udf(
            (String value) -> value == null ? null : TextKind.of(UTF8String.fromString(value)), DataTypes.IntegerType);

    private TextColumns() {}

    static DynamicFrame read(Dataset<Row> text, String name, TransformOptions options) {
        Kinds kinds = Kinds.of(text);
        StructField[] fields = text.schema().fields();
        List<Column> out = new ArrayList<>(fields.length);
        for (int i = 0; i < fields.length; i++) {
            Column v = Columns.top(fields[i].name());
            out.add(kinds.isText(i) ? kinds.typed(i, v) : v);
        }
        return DynamicFrame.create(text.select(out.toArray(Column[]::new)), name, List.of(), List.of(), options);
    }

    /**
     * {@code text} learns the kinds; {@code typedRead} reads the same files again with the schema it is given
     * ({@code text}'s columns with a type each, choice columns still text) and may add columns of its own
     * (partition values), which are left as they are.
     */
    static DynamicFrame fromFiles(Dataset<Row> text, Function<StructType, Dataset<Row>> typedRead, String name,
                                  TransformOptions options) {
        Kinds kinds = Kinds.of(text);
        StructField[] fields = text.schema().fields();
        StructField[] readAs = new StructField[fields.length];
        for (int i = 0; i < fields.length; i++) {
            DataType type = kinds.isText(i) && !kinds.isChoice(i) ? kinds.members(i).get(0).toSpark()
                    : fields[i].dataType();
            readAs[i] = new StructField(fields[i].name(), type, true, fields[i].metadata());
        }
        Dataset<Row> typed = typedRead.apply(new StructType(readAs));
        Map<String, Integer> textIndex = new HashMap<>();
        for (int i = 0; i < fields.length; i++) {
            textIndex.put(fields[i].name(), i);
        }
        List<Column> out = new ArrayList<>();
        for (StructField f : typed.schema().fields()) {
            Integer i = textIndex.get(f.name());
            Column v = Columns.top(f.name());
            out.add(i != null && kinds.isText(i) && kinds.isChoice(i) ? kinds.typed(i, v) : v);
        }
        return DynamicFrame.create(typed.select(out.toArray(Column[]::new)), name, List.of(), List.of(), options);
    }

    /** The kinds each column holds, as {@link TextKind} bits ORed; -1 for a column that is not text. */
    private record Kinds(StructField[] fields, int[] masks) {
        static Kinds of(Dataset<Row> text) {
            StructField[] fields = text.schema().fields();
            int[] masks = new int[fields.length];
            List<Integer> textColumns = new ArrayList<>();
            for (int i = 0; i < fields.length; i++) {
                if (fields[i].dataType() instanceof StringType) {
                    textColumns.add(i);
                } else {
                    masks[i] = -1;
                }
            }
            if (!textColumns.isEmpty()) {
                int[] columns = textColumns.stream().mapToInt(Integer::intValue).toArray();
                for (int[] partition : text.queryExecution().toRdd().toJavaRDD()
                        .mapPartitions((Iterator<InternalRow> rows) -> List.of(kindsIn(rows, columns)).iterator())
                        .collect()) {
                    for (int k = 0; k < columns.length; k++) {
                        masks[columns[k]] |= partition[k];
                    }
                }
            }
            return new Kinds(fields, masks);
        }

        private static int[] kindsIn(Iterator<InternalRow> rows, int[] columns) {
            int[] found = new int[columns.length];
            while (rows.hasNext()) {
                InternalRow row = rows.next();
                for (int k = 0; k < columns.length; k++) {
                    if (!row.isNullAt(columns[k])) {
                        found[k] |= TextKind.of(row.getUTF8String(columns[k]));
                    }
                }
            }
            return found;
        }

        boolean isText(int i) {
            return masks[i] >= 0;
        }

        boolean isChoice(int i) {
            return members(i).size() > 1;
        }

        /** Boolean, then the widest number, then string; a column of only empty values is a string. */
        List<DynamicType> members(int i) {
            int mask = masks[i];
            DataType number = (mask & TextKind.DOUBLE) != 0 ? DataTypes.DoubleType
                    : (mask & TextKind.LONG) != 0 ? DataTypes.LongType
                    : (mask & TextKind.INT) != 0 ? DataTypes.IntegerType : null;
            List<DynamicType> members = new ArrayList<>();
            if ((mask & TextKind.BOOLEAN) != 0) members.add(new Atomic(DataTypes.BooleanType));
            if (number != null) members.add(new Atomic(number));
            if ((mask & TextKind.STRING) != 0 || members.isEmpty()) members.add(new Atomic(DataTypes.StringType));
            return members;
        }

        /** Text column {@code i}'s values {@code v} with their type: cast, or split into a choice by each one's kind. */
        Column typed(int i, Column v) {
            String name = fields[i].name();
            Metadata metadata = fields[i].metadata();
            List<DynamicType> members = members(i);
            Column empty = v.isNull().or(v.equalTo(""));
            if (members.size() == 1) {
                DataType type = members.get(0).toSpark();
                return when(empty, lit(null).cast(type)).otherwise(v.try_cast(type)).as(name, metadata);
            }
            Column kind = KIND.apply(v);
            List<Column> values = new ArrayList<>();
            for (DynamicType member : members) {
                DataType type = member.toSpark();
                Column matches = type.equals(DataTypes.BooleanType) ? kind.equalTo(TextKind.BOOLEAN)
                        : type.equals(DataTypes.StringType) ? kind.equalTo(TextKind.STRING)
                        : kind.isin(TextKind.INT, TextKind.LONG, TextKind.DOUBLE);
                values.add(when(matches, v.try_cast(type)).as(member.memberName()));
            }
            Column value = when(empty, lit(null)).otherwise(struct(values.toArray(Column[]::new)));
            return value.cast(new Choice(members).toSpark()).as(name, ChoiceMarker.choiceField(metadata));
        }
    }
}
