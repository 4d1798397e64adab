package io.mortar.crawler.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaMergerTest {
    private static GlueType struct(GlueType.Field... fields) {
        return new GlueType.Struct(List.of(fields));
    }

    private static GlueType.Field f(String name, GlueType type) {
        return new GlueType.Field(name, type);
    }

    @Test
    void numbersWidenIntBigintDoubleThenString() {
        assertThat(SchemaMerger.merge(GlueType.INT, GlueType.BIGINT)).isEqualTo(GlueType.BIGINT);
        assertThat(SchemaMerger.merge(GlueType.BIGINT, GlueType.DOUBLE)).isEqualTo(GlueType.DOUBLE);
        assertThat(SchemaMerger.merge(GlueType.INT, GlueType.FLOAT)).isEqualTo(GlueType.DOUBLE);
        assertThat(SchemaMerger.merge(GlueType.SMALLINT, GlueType.TINYINT)).isEqualTo(GlueType.SMALLINT);
        assertThat(SchemaMerger.merge(GlueType.DOUBLE, GlueType.STRING)).isEqualTo(GlueType.STRING);
        assertThat(SchemaMerger.merge(GlueType.BOOLEAN, GlueType.INT)).isEqualTo(GlueType.STRING);
        assertThat(SchemaMerger.merge(GlueType.DATE, GlueType.TIMESTAMP)).isEqualTo(GlueType.TIMESTAMP);
        assertThat(SchemaMerger.merge(null, GlueType.INT)).isEqualTo(GlueType.INT);
        assertThat(SchemaMerger.merge(GlueType.decimal(10, 2), GlueType.decimal(5, 4)))
                .isEqualTo(GlueType.decimal(12, 4));
    }

    @Test
    void structsMergeFieldWiseAndArraysElementWise() {
        GlueType a = struct(f("id", GlueType.INT), f("tags", new GlueType.Array(GlueType.INT)),
                f("inner", struct(f("x", GlueType.INT))));
        GlueType b = struct(f("id", GlueType.BIGINT), f("extra", GlueType.STRING),
                f("tags", new GlueType.Array(GlueType.DOUBLE)), f("inner", struct(f("y", GlueType.BOOLEAN))));
        GlueType merged = SchemaMerger.merge(a, b);
        assertThat(merged.glueName()).isEqualTo(
                "struct<id:bigint,tags:array<double>,inner:struct<x:int,y:boolean>,extra:string>");
        assertThat(SchemaMerger.merge(b, a).glueName()).isEqualTo(
                "struct<id:bigint,extra:string,tags:array<double>,inner:struct<y:boolean,x:int>>");
        assertThat(SchemaMerger.merge(struct(f("a", GlueType.INT)), new GlueType.Array(GlueType.INT)))
                .isEqualTo(GlueType.STRING);
    }

    @Test
    void columnsMergeByName() {
        List<Column> merged = SchemaMerger.mergeColumns(
                List.of(new Column("a", GlueType.INT), new Column("b", GlueType.STRING)),
                List.of(new Column("c", GlueType.DOUBLE), new Column("a", GlueType.DOUBLE)));
        assertThat(merged).containsExactly(new Column("a", GlueType.DOUBLE), new Column("b", GlueType.STRING),
                new Column("c", GlueType.DOUBLE));
    }

    @Test
    void similarityIsTheShareOfCompatibleColumns() {
        List<Column> base = List.of(new Column("a", GlueType.INT), new Column("b", GlueType.STRING),
                new Column("c", GlueType.DOUBLE), new Column("d", GlueType.BOOLEAN));
        assertThat(SchemaSimilarity.similarity(base, base)).isEqualTo(1.0);
        List<Column> widened = List.of(new Column("a", GlueType.BIGINT), new Column("b", GlueType.STRING),
                new Column("c", GlueType.DOUBLE), new Column("d", GlueType.BOOLEAN));
        assertThat(SchemaSimilarity.similarity(base, widened)).isEqualTo(1.0);
        List<Column> oneNew = List.of(new Column("a", GlueType.INT), new Column("b", GlueType.STRING),
                new Column("c", GlueType.DOUBLE), new Column("d", GlueType.BOOLEAN), new Column("e", GlueType.INT));
        assertThat(SchemaSimilarity.similarity(base, oneNew)).isEqualTo(0.8);
        assertThat(SchemaSimilarity.similarEnoughForPartitions(base, oneNew)).isTrue();
        List<Column> retyped = List.of(new Column("a", GlueType.BOOLEAN), new Column("b", GlueType.STRING),
                new Column("x", GlueType.DOUBLE), new Column("d", GlueType.BOOLEAN));
        // a is incompatible, c and x are each only on one side: 2 of 5
        assertThat(SchemaSimilarity.similarity(base, retyped)).isEqualTo(0.4);
        assertThat(SchemaSimilarity.similarity(retyped, base)).isEqualTo(0.4);
        assertThat(SchemaSimilarity.similarEnoughForPartitions(base, retyped)).isFalse();
        assertThat(SchemaSimilarity.similarity(List.of(), List.of())).isEqualTo(1.0);
    }
}
