package io.mortar.runtime.frame;

import io.mortar.runtime.frame.DynamicType.Array;
import io.mortar.runtime.frame.DynamicType.Choice;
import io.mortar.runtime.frame.DynamicType.Field;
import io.mortar.runtime.frame.DynamicType.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;

/**
 * A dynamic frame's schema as Glue shows it: choices as {@code choice<int,string>}, numbers named {@code int} and
 * {@code long}. {@link #toString()} is the tree {@code printSchema} prints.
 */
public final class DynamicSchema {
    private final StructType sparkType;
    private final Struct type;

    private DynamicSchema(StructType sparkType) {
        this.sparkType = Objects.requireNonNull(sparkType, "sparkType");
        this.type = DynamicType.of(sparkType);
    }

    public static DynamicSchema of(StructType sparkType) {
        return new DynamicSchema(sparkType);
    }

    public StructType sparkType() {
        return sparkType;
    }

    public Struct type() {
        return type;
    }

    public List<Field> fields() {
        return type.fields();
    }

    public List<String> fieldNames() {
        return type.fields().stream().map(Field::name).toList();
    }

    /** The type at a path ({@code a.b}, {@code items[].price}, back-ticks around names with dots). */
    public Optional<DynamicType> typeAt(String path) {
        DynamicType current = type;
        for (FieldPath.Segment segment : FieldPath.parse(path).segments()) {
            if (segment instanceof FieldPath.Name name && current instanceof Struct struct) {
                Field field = struct.field(name.name());
                if (field == null) {
                    return Optional.empty();
                }
                current = field.type();
            } else if (segment instanceof FieldPath.Elements && current instanceof Array array) {
                current = array.element();
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    /**
     * The path as this schema spells it, its names matched ignoring case where no name matches exactly (Glue's
     * {@code caseSensitive = false}: scripts name columns as the case-insensitive catalog does). Empty when a name
     * matches nothing.
     */
    public Optional<FieldPath> spelledAsIn(FieldPath path) {
        DynamicType current = type;
        List<FieldPath.Segment> spelled = new ArrayList<>();
        for (FieldPath.Segment segment : path.segments()) {
            if (segment instanceof FieldPath.Name name && current instanceof Struct struct) {
                Field field = struct.field(name.name());
                if (field == null) {
                    field = struct.fields().stream().filter(f -> f.name().equalsIgnoreCase(name.name()))
                            .findFirst().orElse(null);
                }
                if (field == null) {
                    return Optional.empty();
                }
                spelled.add(new FieldPath.Name(field.name()));
                current = field.type();
            } else if (segment instanceof FieldPath.Elements && current instanceof Array array) {
                spelled.add(segment);
                current = array.element();
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new FieldPath(spelled));
    }

    /** Paths of every choice, outermost first, in the notation {@code FieldPath} parses. */
    public List<String> choicePaths() {
        List<String> out = new ArrayList<>();
        collectChoices(type, FieldPath.ROOT, out);
        return out;
    }

    private static void collectChoices(DynamicType type, FieldPath at, List<String> out) {
        if (type instanceof Choice) {
            out.add(at.toString());
        } else if (type instanceof Struct struct) {
            for (Field f : struct.fields()) {
                collectChoices(f.type(), at.child(f.name()), out);
            }
        } else if (type instanceof Array array) {
            collectChoices(array.element(), at.elements(), out);
        }
    }

    /** One line: {@code struct<id:int,price:choice<int,string>>}. */
    public String simpleString() {
        return type.render();
    }

    /** The tree, like Spark's and Glue's {@code printSchema}. */
    public String treeString() {
        StringBuilder out = new StringBuilder("root\n");
        for (Field f : type.fields()) {
            appendField(out, f.name(), f.type(), 1);
        }
        return out.toString();
    }

    private static void appendField(StringBuilder out, String name, DynamicType type, int depth) {
        out.append(" |   ".repeat(depth - 1)).append(" |-- ").append(name).append(": ").append(heading(type)).append('\n');
        Struct nested = innerStruct(type);
        if (nested != null) {
            for (Field f : nested.fields()) {
                appendField(out, f.name(), f.type(), depth + 1);
            }
        }
    }

    /** Structs (also inside arrays) are listed as children; everything else is written inline. */
    private static String heading(DynamicType type) {
        if (type instanceof Struct) {
            return "struct";
        }
        if (type instanceof Array array && innerStruct(array) != null) {
            return "array<" + heading(array.element()) + ">";
        }
        return type.render();
    }

    private static Struct innerStruct(DynamicType type) {
        if (type instanceof Struct struct) {
            return struct;
        }
        if (type instanceof Array array) {
            return innerStruct(array.element());
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DynamicSchema other && other.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public String toString() {
        return treeString();
    }
}
