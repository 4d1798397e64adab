package io.mortar.runtime.frame;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mortar.runtime.frame.DynamicType.Array;
import io.mortar.runtime.frame.DynamicType.Atomic;
import io.mortar.runtime.frame.DynamicType.Choice;
import io.mortar.runtime.frame.DynamicType.Field;
import io.mortar.runtime.frame.DynamicType.MapOf;
import io.mortar.runtime.frame.DynamicType.Null;
import io.mortar.runtime.frame.DynamicType.Struct;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;

/**
 * A frame's schema as JSON in the dialect of Glue's Python {@code awsglue.gluetypes}, which
 * {@code DynamicFrame.schema()} in Python parses: every node is {@code {"dataType": name, "properties": {}}}; a
 * struct adds {@code fields} ({@code [{"name", "container", "properties"}]}), an array {@code elementType}, a map
 * {@code valueType}, a choice {@code choices}, a decimal {@code precision} and {@code scale}.
 */
public final class GlueSchemaJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GlueSchemaJson() {}

    /** Called from Python through py4j. */
    public static String of(DynamicFrame frame) {
        return of(frame.schema());
    }

    public static String of(DynamicSchema schema) {
        return node(schema.type()).toString();
    }

    static ObjectNode node(DynamicType type) {
        if (type instanceof Struct struct) {
            ObjectNode node = named("struct");
            ArrayNode fields = node.putArray("fields");
            for (Field f : struct.fields()) {
                ObjectNode field = fields.addObject().put("name", f.name());
                field.set("container", node(f.type()));
                field.putObject("properties");
            }
            return node;
        }
        if (type instanceof Array array) {
            ObjectNode node = named("array");
            node.set("elementType", node(array.element()));
            return node;
        }
        if (type instanceof MapOf map) {
            // Glue's maps name no key type (their keys are strings); a Spark map's key type has no place here.
            ObjectNode node = named("map");
            node.set("valueType", node(map.value()));
            return node;
        }
        if (type instanceof Choice choice) {
            ObjectNode node = named("choice");
            ArrayNode members = node.putArray("choices");
            choice.members().forEach(m -> members.add(node(m)));
            return node;
        }
        if (type instanceof Null) {
            return named("null");
        }
        DataType atomic = ((Atomic) type).type();
        ObjectNode node = named(atomicName(atomic));
        if (atomic instanceof DecimalType decimal) {
            node.put("precision", decimal.precision()).put("scale", decimal.scale());
        }
        return node;
    }

    /** The atomic names gluetypes has a class for, as {@link DynamicType#atomicName} spells Glue's type names. */
    private static final Set<String> GLUE_ATOMIC_NAMES = Set.of("int", "long", "double", "float", "short", "byte",
            "decimal", "boolean", "string", "binary", "date", "timestamp");

    /**
     * gluetypes' names: Glue's type names ({@link DynamicType#atomicName}), but {@code timestampntz} (its class
     * {@code TimestampNTZType}). Spark types Glue has no class for (intervals, variants) are {@code unknown}, which
     * every reader of the dialect accepts.
     */
    private static String atomicName(DataType type) {
        String name = DynamicType.atomicName(type);
        if (name.equals("timestamp_ntz")) {
            return "timestampntz";
        }
        return GLUE_ATOMIC_NAMES.contains(name) ? name : "unknown";
    }

    private static ObjectNode named(String dataType) {
        ObjectNode node = JSON.createObjectNode().put("dataType", dataType);
        node.putObject("properties");
        return node;
    }
}
