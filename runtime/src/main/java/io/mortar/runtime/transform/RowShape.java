package io.mortar.runtime.transform;

import java.math.BigDecimal;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Checks a function's result row against the schema before Spark's encoder sees it: a mismatch there would fail
 * the whole task, here it fails only the record, with a message naming the field.
 */
final class RowShape {
    private RowShape() {}

    static void check(Row row, StructType schema) {
        StructField[] fields = schema.fields();
        if (row.length() != fields.length) {
            throw new IllegalArgumentException("the row has " + row.length() + " values, the schema " + fields.length
                    + " fields " + java.util.Arrays.toString(schema.fieldNames()));
        }
        for (int i = 0; i < fields.length; i++) {
            checkValue(row.get(i), fields[i].dataType(), fields[i].name());
        }
    }

    private static void checkValue(Object value, DataType type, String path) {
        if (value == null) {
            return;
        }
        boolean fits;
        if (type instanceof StructType struct) {
            if (!(value instanceof Row row)) {
                throw misfit(value, type, path);
            }
            StructField[] fields = struct.fields();
            if (row.length() != fields.length) {
                throw new IllegalArgumentException("field '" + path + "' has " + row.length() + " values, its type "
                        + fields.length + " fields");
            }
            for (int i = 0; i < fields.length; i++) {
                checkValue(row.get(i), fields[i].dataType(), path + "." + fields[i].name());
            }
            return;
        } else if (type instanceof ArrayType) {
            fits = value instanceof scala.collection.Seq || value.getClass().isArray();
        } else if (type instanceof StringType) {
            fits = value instanceof String;
        } else if (type instanceof IntegerType) {
            fits = value instanceof Integer;
        } else if (type instanceof LongType) {
            fits = value instanceof Long;
        } else if (type instanceof DoubleType) {
            fits = value instanceof Double;
        } else if (type instanceof FloatType) {
            fits = value instanceof Float;
        } else if (type instanceof ShortType) {
            fits = value instanceof Short;
        } else if (type instanceof ByteType) {
            fits = value instanceof Byte;
        } else if (type instanceof BooleanType) {
            fits = value instanceof Boolean;
        } else if (type instanceof DecimalType) {
            fits = value instanceof BigDecimal || value instanceof org.apache.spark.sql.types.Decimal;
        } else if (type instanceof DateType) {
            fits = value instanceof java.sql.Date || value instanceof java.time.LocalDate;
        } else if (type instanceof TimestampType) {
            fits = value instanceof java.sql.Timestamp || value instanceof java.time.Instant;
        } else if (type instanceof BinaryType) {
            fits = value instanceof byte[];
        } else {
            fits = true;
        }
        if (!fits) {
            throw misfit(value, type, path);
        }
    }

    private static IllegalArgumentException misfit(Object value, DataType type, String path) {
        return new IllegalArgumentException("field '" + path + "' holds a " + value.getClass().getSimpleName()
                + ", its type is " + type.simpleString());
    }
}
