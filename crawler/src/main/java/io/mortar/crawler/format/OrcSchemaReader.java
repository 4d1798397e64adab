package io.mortar.crawler.format;

import io.mortar.crawler.schema.Column;
import io.mortar.crawler.schema.GlueType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.TypeDescription;

/** Reads an ORC file's schema and row count from its tail (postscript, footer, metadata) only. */
public final class OrcSchemaReader {
    public record Result(List<Column> columns, long rows) {
    }

    public Result read(FileSystem fs, Path path, long length, Configuration conf) throws IOException {
        try (Reader reader = OrcFile.createReader(path, OrcFile.readerOptions(conf).filesystem(fs).maxLength(length))) {
            TypeDescription schema = reader.getSchema();
            List<Column> columns = schema.getCategory() == TypeDescription.Category.STRUCT
                    ? structOf(schema).columns()
                    : List.of(new Column("_col0", typeOf(schema)));
            return new Result(columns, reader.getNumberOfRows());
        }
    }

    static GlueType typeOf(TypeDescription t) {
        return switch (t.getCategory()) {
            case BOOLEAN -> GlueType.BOOLEAN;
            case BYTE -> GlueType.TINYINT;
            case SHORT -> GlueType.SMALLINT;
            case INT -> GlueType.INT;
            case LONG -> GlueType.BIGINT;
            case FLOAT -> GlueType.FLOAT;
            case DOUBLE -> GlueType.DOUBLE;
            case STRING -> GlueType.STRING;
            case CHAR -> new GlueType.Primitive("char(" + t.getMaxLength() + ")");
            case VARCHAR -> new GlueType.Primitive("varchar(" + t.getMaxLength() + ")");
            case BINARY -> GlueType.BINARY;
            case DATE -> GlueType.DATE;
            case TIMESTAMP, TIMESTAMP_INSTANT -> GlueType.TIMESTAMP;
            case DECIMAL -> GlueType.decimal(t.getPrecision(), t.getScale());
            case LIST -> new GlueType.Array(typeOf(t.getChildren().get(0)));
            case MAP -> new GlueType.MapType(typeOf(t.getChildren().get(0)), typeOf(t.getChildren().get(1)));
            case STRUCT -> structOf(t);
            case UNION -> new GlueType.Primitive("uniontype<" + String.join(",",
                    t.getChildren().stream().map(c -> typeOf(c).glueName()).toList()) + ">");
            default -> new GlueType.Primitive(t.toString());
        };
    }

    private static GlueType.Struct structOf(TypeDescription struct) {
        List<GlueType.Field> fields = new ArrayList<>();
        for (int i = 0; i < struct.getFieldNames().size(); i++) {
            fields.add(new GlueType.Field(struct.getFieldNames().get(i).toLowerCase(Locale.ROOT),
                    typeOf(struct.getChildren().get(i))));
        }
        return new GlueType.Struct(fields);
    }
}
