package io.mortar.runtime.frame;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The metadata that marks a Spark struct as a choice, and the checks that read it back. */
public final class ChoiceMarker {
    /** On the field that holds a choice. */
    public static final String CHOICE_KEY = "mortar.choice";
    /** On every member field inside a choice struct. */
    public static final String MEMBER_KEY = "mortar.choiceMember";

    private ChoiceMarker() {}

    public static boolean isChoiceField(StructField field) {
        return field.dataType() instanceof StructType struct && (flag(field.metadata(), CHOICE_KEY) || isChoiceStruct(struct));
    }

    /** A struct is a choice when every member says so; empty structs never are. */
    public static boolean isChoiceStruct(DataType type) {
        if (!(type instanceof StructType struct) || struct.fields().length == 0) {
            return false;
        }
        for (StructField member : struct.fields()) {
            if (!flag(member.metadata(), MEMBER_KEY)) {
                return false;
            }
        }
        return true;
    }

    public static Metadata choiceField(Metadata base) {
        return new MetadataBuilder().withMetadata(base).putBoolean(CHOICE_KEY, true).build();
    }

    public static Metadata member() {
        return new MetadataBuilder().putBoolean(MEMBER_KEY, true).build();
    }

    /** The metadata without either marker (a resolved choice is an ordinary struct or column). */
    public static Metadata without(Metadata base) {
        return new MetadataBuilder().withMetadata(base).remove(CHOICE_KEY).remove(MEMBER_KEY).build();
    }

    private static boolean flag(Metadata metadata, String key) {
        return metadata.contains(key) && metadata.getBoolean(key);
    }
}
