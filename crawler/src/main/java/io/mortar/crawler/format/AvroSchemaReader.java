package io.mortar.crawler.format;

import io.mortar.crawler.schema.Column;
import io.mortar.crawler.schema.GlueType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads an Avro container file's schema from its header (and the record count of its first block, for the
 * estimate), and maps Avro types to Glue's as Hive's AvroSerDe does: {@code long} → {@code bigint}, records →
 * {@code struct}, enums → {@code string}, a union with null → the other branch, logical dates, timestamps and
 * decimals → {@code date}, {@code timestamp}, {@code decimal(p,s)}.
 */
public final class AvroSchemaReader {
    public record Result(Schema schema, List<Column> columns, long firstBlockRecords) {
    }

    public Result read(InputStream in) throws IOException {
        try (DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
            Schema schema = stream.getSchema();
            long firstBlock = stream.hasNext() ? stream.getBlockCount() : 0;
            List<Column> columns = schema.getType() == Schema.Type.RECORD
                    ? structOf(schema).columns()
                    : List.of(new Column("col0", typeOf(schema)));
            return new Result(schema, columns, firstBlock);
        }
    }

    static GlueType typeOf(Schema s) {
        LogicalType logical = s.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal d) {
            return GlueType.decimal(d.getPrecision(), d.getScale());
        }
        if (logical instanceof LogicalTypes.Date) {
            return GlueType.DATE;
        }
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros
                || logical instanceof LogicalTypes.LocalTimestampMillis
                || logical instanceof LogicalTypes.LocalTimestampMicros) {
            return GlueType.TIMESTAMP;
        }
        return switch (s.getType()) {
            case BOOLEAN -> GlueType.BOOLEAN;
            case INT -> GlueType.INT;
            case LONG -> GlueType.BIGINT;
            case FLOAT -> GlueType.FLOAT;
            case DOUBLE -> GlueType.DOUBLE;
            case STRING, ENUM -> GlueType.STRING;
            case BYTES, FIXED -> GlueType.BINARY;
            case NULL -> GlueType.STRING;
            case ARRAY -> new GlueType.Array(typeOf(s.getElementType()));
            case MAP -> new GlueType.MapType(GlueType.STRING, typeOf(s.getValueType()));
            case RECORD -> structOf(s);
            case UNION -> {
                List<Schema> branches = s.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
                if (branches.size() == 1) {
                    yield typeOf(branches.get(0));
                }
                yield new GlueType.Primitive("uniontype<" + String.join(",",
                        branches.stream().map(b -> typeOf(b).glueName()).toList()) + ">");
            }
        };
    }

    private static GlueType.Struct structOf(Schema record) {
        List<GlueType.Field> fields = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            fields.add(new GlueType.Field(f.name().toLowerCase(Locale.ROOT), typeOf(f.schema())));
        }
        return new GlueType.Struct(fields);
    }
}
