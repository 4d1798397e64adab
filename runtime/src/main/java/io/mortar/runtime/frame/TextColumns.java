package io.mortar.runtime.frame;

import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.mortar.runtime.frame.DynamicType.Atomic;
import io.mortar.runtime.frame.DynamicType.Choice;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * Types text columns (CSV read with every column a string) by content, all in Spark SQL expressions: each value is
 * classified as int, long, double, boolean or string (empty means null); one aggregation collects the kinds each
 * column holds; a column with one kind is cast, numbers widen, and a column with several kinds becomes a choice.
 */
final class TextColumns {
    private static final int INT = 1;
    private static final int LONG = 2;
    private static final int DOUBLE = 4;
    private static final int BOOLEAN = 8;
    private static final int STRING = 16;
    private static final String INTEGRAL = "^[+-]?[0-9]+$";
    private static final String DECIMAL = "^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$";

    private TextColumns() {}

    static DynamicFrame read(Dataset<Row> text, String name, TransformOptions options) {
        StructField[] fields = text.schema().fields();
        List<Integer> textColumns = new ArrayList<>();
        List<Column> kindMasks = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].dataType() instanceof StringType) {
                textColumns.add(i);
                kindMasks.add(bit_or(kindOf(Columns.top(fields[i].name()))));
            }
        }
        if (textColumns.isEmpty()) {
            return DynamicFrame.create(text, name, List.of(), List.of(), options);
        }
        Row masks = text.agg(kindMasks.get(0), kindMasks.subList(1, kindMasks.size()).toArray(Column[]::new)).first();
        List<Column> out = new ArrayList<>(fields.length);
        int next = 0;
        for (int i = 0; i < fields.length; i++) {
            String field = fields[i].name();
            if (next < textColumns.size() && textColumns.get(next) == i) {
                int mask = masks.isNullAt(next) ? 0 : masks.getInt(next);
                next++;
                out.add(typed(Columns.top(field), mask, field, fields[i].metadata()));
            } else {
                out.add(Columns.top(field));
            }
        }
        return DynamicFrame.create(text.select(out.toArray(Column[]::new)), name, List.of(), List.of(), options);
    }

    /** The kind bit of one text value, or null for null and empty values. */
    private static Column kindOf(Column v) {
        return when(v.isNull().or(v.equalTo("")), lit(null).cast(DataTypes.IntegerType))
                .when(v.rlike(INTEGRAL), when(v.try_cast(DataTypes.LongType).isNull(), lit(DOUBLE))
                        .when(v.try_cast(DataTypes.LongType).between(Integer.MIN_VALUE, Integer.MAX_VALUE), lit(INT))
                        .otherwise(lit(LONG)))
                .when(v.rlike(DECIMAL), lit(DOUBLE))
                .when(lower(v).isin("true", "false"), lit(BOOLEAN))
                .otherwise(lit(STRING));
    }

    private static Column typed(Column v, int mask, String name, Metadata metadata) {
        DataType number = (mask & DOUBLE) != 0 ? DataTypes.DoubleType
                : (mask & LONG) != 0 ? DataTypes.LongType
                : (mask & INT) != 0 ? DataTypes.IntegerType : null;
        List<DynamicType> members = new ArrayList<>();
        if ((mask & BOOLEAN) != 0) members.add(new Atomic(DataTypes.BooleanType));
        if (number != null) members.add(new Atomic(number));
        if ((mask & STRING) != 0 || members.isEmpty()) members.add(new Atomic(DataTypes.StringType));
        Column empty = v.isNull().or(v.equalTo(""));
        if (members.size() == 1) {
            DataType type = members.get(0).toSpark();
            return when(empty, lit(null).cast(type)).otherwise(v.try_cast(type)).as(name, metadata);
        }
        Choice choice = new Choice(members);
        Column kind = kindOf(v);
        List<Column> values = new ArrayList<>();
        for (DynamicType member : members) {
            DataType type = member.toSpark();
            Column matches = type.equals(DataTypes.BooleanType) ? kind.equalTo(BOOLEAN)
                    : type.equals(DataTypes.StringType) ? kind.equalTo(STRING)
                    : kind.isin(INT, LONG, DOUBLE);
            values.add(when(matches, v.try_cast(type)).as(member.memberName()));
        }
        Column value = when(empty, lit(null)).otherwise(struct(values.toArray(Column[]::new)));
        return value.cast(choice.toSpark()).as(name, ChoiceMarker.choiceField(metadata));
    }
}
