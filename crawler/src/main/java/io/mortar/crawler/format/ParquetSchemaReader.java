package io.mortar.crawler.format;

import io.mortar.crawler.schema.Column;
import io.mortar.crawler.schema.GlueType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet file's schema and row count from its footer only, and maps Parquet types to Glue's the way Hive
 * and Spark do: INT32 {@code int} (or {@code tinyint}/{@code smallint}/{@code date}/{@code decimal}), INT64
 * {@code bigint} (or {@code timestamp}/{@code decimal}), INT96 {@code timestamp}, strings, enums and JSON
 * {@code string}, other binaries {@code binary}, groups {@code struct}, LIST {@code array}, MAP {@code map}.
 */
public final class ParquetSchemaReader {
    public record Result(List<Column> columns, long rows) {
    }

    private static final ParquetReadOptions OPTIONS = ParquetReadOptions.builder().build();

    public Result read(FileSystem fs, Path path, long length) throws IOException {
        InputFile file = new InputFile() {
            @Override
            public long getLength() {
                return length;
            }

            @Override
            public SeekableInputStream newStream() throws IOException {
                return HadoopStreams.wrap(fs.open(path));
            }
        };
        // The footer alone: opening a ParquetFileReader also prepares row groups for reading (7 ms a file).
        try (SeekableInputStream in = file.newStream()) {
            ParquetMetadata footer = ParquetFileReader.readFooter(file, OPTIONS, in);
            MessageType schema = footer.getFileMetaData().getSchema();
            long rows = footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
            return new Result(structOf(schema).columns(), rows);
        }
    }

    static GlueType typeOf(Type type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (type.isPrimitive()) {
            GlueType element = primitive(type.asPrimitiveType());
            // a repeated primitive outside a LIST group is a list of that primitive
            return type.isRepetition(Type.Repetition.REPEATED) ? new GlueType.Array(element) : element;
        }
        GroupType group = type.asGroupType();
        if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && group.getFieldCount() == 1) {
            Type repeated = group.getType(0);
            if (repeated.isPrimitive()) {
                return new GlueType.Array(primitive(repeated.asPrimitiveType()));
            }
            GroupType repeatedGroup = repeated.asGroupType();
            // the three-level form (list → element); the legacy two-level forms hold the element itself
            boolean threeLevel = repeatedGroup.getFieldCount() == 1 && !repeated.getName().equals("array")
                    && !repeated.getName().equals(group.getName() + "_tuple");
            return new GlueType.Array(threeLevel ? typeOf(repeatedGroup.getType(0)) : structOf(repeatedGroup));
        }
        if ((logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
                && group.getFieldCount() == 1 && !group.getType(0).isPrimitive()) {
            GroupType kv = group.getType(0).asGroupType();
            GlueType key = typeOf(kv.getType(0));
            GlueType value = kv.getFieldCount() > 1 ? typeOf(kv.getType(1)) : GlueType.STRING;
            return new GlueType.MapType(key, value);
        }
        GlueType struct = structOf(group);
        return type.isRepetition(Type.Repetition.REPEATED) ? new GlueType.Array(struct) : struct;
    }

    private static GlueType.Struct structOf(GroupType group) {
        List<GlueType.Field> fields = new ArrayList<>();
        for (Type f : group.getFields()) {
            fields.add(new GlueType.Field(f.getName().toLowerCase(Locale.ROOT), typeOf(f)));
        }
        return new GlueType.Struct(fields);
    }

    private static GlueType primitive(PrimitiveType p) {
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            return GlueType.decimal(d.getPrecision(), d.getScale());
        }
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return GlueType.DATE;
        }
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
            return GlueType.TIMESTAMP;
        }
        if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i) {
            return switch (i.getBitWidth()) {
                case 8 -> GlueType.TINYINT;
                case 16 -> GlueType.SMALLINT;
                case 32 -> i.isSigned() ? GlueType.INT : GlueType.BIGINT;
                default -> i.isSigned() ? GlueType.BIGINT : GlueType.decimal(20, 0);
            };
        }
        if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
            return GlueType.STRING;
        }
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> GlueType.BOOLEAN;
            case INT32 -> GlueType.INT;
            case INT64 -> GlueType.BIGINT;
            case INT96 -> GlueType.TIMESTAMP;
            case FLOAT -> GlueType.FLOAT;
            case DOUBLE -> GlueType.DOUBLE;
            case BINARY, FIXED_LEN_BYTE_ARRAY -> GlueType.BINARY;
        };
    }
}
