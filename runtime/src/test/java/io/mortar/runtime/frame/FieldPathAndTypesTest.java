package io.mortar.runtime.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.runtime.frame.DynamicType.Array;
import io.mortar.runtime.frame.DynamicType.Atomic;
import io.mortar.runtime.frame.DynamicType.Field;
import io.mortar.runtime.frame.DynamicType.Struct;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class FieldPathAndTypesTest {
    private static final Atomic INT = new Atomic(DataTypes.IntegerType);
    private static final Atomic LONG = new Atomic(DataTypes.LongType);
    private static final Atomic DOUBLE = new Atomic(DataTypes.DoubleType);
    private static final Atomic STRING = new Atomic(DataTypes.StringType);

    @Test
    void pathsUseDotsBracketsAndBackTicks() {
        assertThat(FieldPath.parse("a.b").segments())
                .containsExactly(new FieldPath.Name("a"), new FieldPath.Name("b"));
        assertThat(FieldPath.parse("items[].price").segments())
                .containsExactly(new FieldPath.Name("items"), new FieldPath.Elements(), new FieldPath.Name("price"));
        assertThat(FieldPath.parse("`order.id`.x").segments())
                .containsExactly(new FieldPath.Name("order.id"), new FieldPath.Name("x"));
        assertThat(FieldPath.parse("`a``b`").segments()).containsExactly(new FieldPath.Name("a`b"));
        assertThat(FieldPath.parse("`order.id`.x").toString()).isEqualTo("`order.id`.x");
        assertThat(FieldPath.parse("m[][]").toString()).isEqualTo("m[][]");
        assertThatThrownBy(() -> FieldPath.parse("a..b")).hasMessageContaining("'a..b'");
        assertThatThrownBy(() -> FieldPath.parse("`a")).hasMessageContaining("unclosed back-tick");
        assertThatThrownBy(() -> FieldPath.parse("a.")).hasMessageContaining("ends with a dot");
        assertThatThrownBy(() -> FieldPath.parse("[]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numbersWidenAndKindsMakeChoices() {
        assertThat(TypeMerger.merge(INT, LONG)).isEqualTo(LONG);
        assertThat(TypeMerger.merge(LONG, DOUBLE)).isEqualTo(DOUBLE);
        assertThat(TypeMerger.merge(STRING, INT).render()).isEqualTo("choice<int,string>");
        assertThat(TypeMerger.merge(TypeMerger.merge(STRING, INT), LONG).render()).isEqualTo("choice<long,string>");
        assertThat(TypeMerger.merge(DynamicType.Null.INSTANCE, STRING)).isEqualTo(STRING);
        Struct a = new Struct(List.of(new Field("x", INT)));
        Struct b = new Struct(List.of(new Field("y", STRING), new Field("x", STRING)));
        assertThat(TypeMerger.merge(a, b).render()).isEqualTo("struct<x:choice<int,string>,y:string>");
        assertThat(TypeMerger.merge(new Array(INT), new Array(STRING)).render()).isEqualTo("array<choice<int,string>>");
        assertThat(TypeMerger.merge(a, new Array(INT)).render()).isEqualTo("choice<struct<x:int>,array<int>>");
        assertThat(TypeMerger.merge(new Atomic(DataTypes.createDecimalType(5, 2)), LONG).render()).isEqualTo("decimal(22,2)");
    }

    @Test
    void sparkTypesRoundTripWithTheirChoiceMarkers() {
        Struct type = new Struct(List.of(new Field("v", TypeMerger.merge(INT, STRING)),
                new Field("l", new Array(TypeMerger.merge(INT, STRING)))));
        assertThat(DynamicType.of(type.toSpark())).isEqualTo(type);
        assertThat(ChoiceMarker.isChoiceField(type.toSpark().apply("v"))).isTrue();
    }
}
