package io.mortar.crawler.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A column type as Glue writes it into a table ({@code bigint}, {@code struct<a:int>}, {@code array<string>},
 * {@code decimal(10,2)}): a tree, so that schemas from different files can be merged field by field before they are
 * printed with {@link #glueName()}.
 */
public sealed interface GlueType {

    String glueName();

    /** A leaf type: {@code int}, {@code bigint}, {@code double}, {@code string}, {@code decimal(10,2)}, … */
    record Primitive(String name) implements GlueType {
        public Primitive {
            requireNonNull(name, "name");
        }

        @Override
        public String glueName() {
            return name;
        }
    }

    record Field(String name, GlueType type) {
        public Field {
            requireNonNull(name, "name");
            requireNonNull(type, "type");
        }
    }

    record Struct(List<Field> fields) implements GlueType {
        public Struct {
            fields = List.copyOf(fields);
        }

        /** The fields as a table's columns (a file's top-level struct is its schema). */
        public List<Column> columns() {
            return fields.stream().map(f -> new Column(f.name(), f.type())).toList();
        }

        @Override
        public String glueName() {
            return fields.stream().map(f -> f.name() + ":" + f.type().glueName())
                    .collect(Collectors.joining(",", "struct<", ">"));
        }
    }

    record Array(GlueType element) implements GlueType {
        public Array {
            requireNonNull(element, "element");
        }

        @Override
        public String glueName() {
            return "array<" + element.glueName() + ">";
        }
    }

    record MapType(GlueType key, GlueType value) implements GlueType {
        public MapType {
            requireNonNull(key, "key");
            requireNonNull(value, "value");
        }

        @Override
        public String glueName() {
            return "map<" + key.glueName() + "," + value.glueName() + ">";
        }
    }

    GlueType BOOLEAN = new Primitive("boolean");
    GlueType TINYINT = new Primitive("tinyint");
    GlueType SMALLINT = new Primitive("smallint");
    GlueType INT = new Primitive("int");
    GlueType BIGINT = new Primitive("bigint");
    GlueType FLOAT = new Primitive("float");
    GlueType DOUBLE = new Primitive("double");
    GlueType STRING = new Primitive("string");
    GlueType BINARY = new Primitive("binary");
    GlueType DATE = new Primitive("date");
    GlueType TIMESTAMP = new Primitive("timestamp");

    static GlueType decimal(int precision, int scale) {
        return new Primitive(String.format(Locale.ROOT, "decimal(%d,%d)", precision, scale));
    }
}
