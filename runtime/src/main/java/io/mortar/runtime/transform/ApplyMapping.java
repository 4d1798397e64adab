package io.mortar.runtime.transform;

import io.mortar.runtime.frame.Columns;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.DynamicSchema;
import io.mortar.runtime.frame.DynamicType;
import io.mortar.runtime.frame.FieldPath;
import io.mortar.runtime.frame.TransformOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Glue's ApplyMapping: the output has exactly the mapped fields. Each mapping names a source path and type and a
 * target path and type; a dotted target nests ({@code address.city} builds a struct {@code address}); values are
 * cast to the target type (uncastable values become null); a choice source is first resolved to its source-type
 * member. A target type of {@code struct}, {@code array} or {@code map} keeps the value as it is. Source paths are
 * matched exactly; with {@code caseSensitive} false (Python's default, and what generated Scala scripts pass) a
 * source name that matches no field exactly matches one that differs only in case.
 */
public final class ApplyMapping {
    public record Mapping(String source, String sourceType, String target, String targetType) {
        public Mapping {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
        }
    }

    public static Mapping mapping(String source, String sourceType, String target, String targetType) {
        return new Mapping(source, sourceType, target, targetType);
    }

    private ApplyMapping() {}

    public static DynamicFrame apply(DynamicFrame frame, List<Mapping> mappings, TransformOptions options) {
        return apply(frame, mappings, true, options);
    }

    public static DynamicFrame apply(DynamicFrame frame, List<Mapping> mappings, boolean caseSensitive,
                                     TransformOptions options) {
        if (mappings == null || mappings.isEmpty()) {
            throw new IllegalArgumentException("ApplyMapping needs at least one mapping");
        }
        DynamicSchema schema = frame.schema();
        Node root = new Node();
        for (Mapping m : mappings) {
            FieldPath named = FieldPath.parse(m.source());
            if (named.hasElements()) {
                throw new IllegalArgumentException("ApplyMapping: source '" + m.source()
                        + "' steps into an array; map the array as a whole or relationalize first");
            }
            FieldPath source = caseSensitive ? named : schema.spelledAsIn(named).orElse(named);
            DynamicType type = schema.typeAt(source.toString()).orElseThrow(() -> new IllegalArgumentException(
                    "ApplyMapping: no source field '" + m.source() + "' in frame '" + frame.name() + "'; its fields are "
                            + schema.fieldNames()));
            root.put(FieldPath.parse(m.target()), m, mapped(Columns.at(source), type, m));
        }
        List<Column> columns = new ArrayList<>();
        root.children.forEach((name, node) -> columns.add(node.column().as(name, node.metadata())));
        return frame.derive(frame.toDF().select(columns.toArray(Column[]::new)), options);
    }

    private record Typed(Column value, DataType type, Metadata metadata) {}

    private static Typed mapped(Column value, DynamicType type, Mapping m) {
        if (TypeNames.isGeneric(m.targetType())) {
            return new Typed(value, type.toSpark(), Columns.metadataFor(type));
        }
        DataType target = TypeNames.parse(m.targetType(), "as target type of mapping '" + m.source() + "' -> '" + m.target() + "'");
        if (type instanceof DynamicType.Choice choice) {
            // The member named by the source type wins; the others are cast too, so no value is lost silently.
            DataType preferred = m.sourceType() == null || TypeNames.isGeneric(m.sourceType()) ? null
                    : TypeNames.parse(m.sourceType(), "as source type of mapping '" + m.source() + "'");
            return new Typed(ResolveChoice.toOneType(value, choice, target, preferred), target, Metadata.empty());
        }
        return new Typed(Columns.castOrNull(value, type.toSpark(), target), target, Metadata.empty());
    }

    /** The targets as a tree, so that {@code a.b} and {@code a.c} build one struct {@code a}. */
    private static final class Node {
        final LinkedHashMap<String, Node> children = new LinkedHashMap<>();
        Typed leaf;

        void put(FieldPath target, Mapping m, Typed value) {
            Node node = this;
            for (FieldPath.Segment s : target.segments()) {
                if (!(s instanceof FieldPath.Name name)) {
                    throw new IllegalArgumentException("ApplyMapping: target '" + m.target() + "' cannot step into an array");
                }
                if (node.leaf != null) {
                    throw conflict(m);
                }
                node = node.children.computeIfAbsent(name.name(), k -> new Node());
            }
            if (node.leaf != null || !node.children.isEmpty()) {
                throw conflict(m);
            }
            node.leaf = value;
        }

        private static IllegalArgumentException conflict(Mapping m) {
            return new IllegalArgumentException("ApplyMapping: target '" + m.target() + "' is mapped twice or is both a "
                    + "field and a struct");
        }

        Column column() {
            if (leaf != null) {
                return leaf.value();
            }
            List<Column> fields = new ArrayList<>();
            children.forEach((name, node) -> fields.add(node.column().as(name)));
            return org.apache.spark.sql.functions.struct(fields.toArray(Column[]::new)).cast(type());
        }

        DataType type() {
            if (leaf != null) {
                return leaf.type();
            }
            List<StructField> fields = new ArrayList<>();
            children.forEach((name, node) -> fields.add(new StructField(name, node.type(), true, node.metadata())));
            return Columns.nullable(new StructType(fields.toArray(StructField[]::new)));
        }

        Metadata metadata() {
            return leaf != null ? leaf.metadata() : Metadata.empty();
        }
    }
}
