package io.mortar.runtime.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.runtime.sql.TableReferences.Name;
import io.mortar.runtime.testing.SharedSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class TableReferencesTest {
    private final SparkSession spark = SharedSpark.get();

    private TableReferences refs(String sql) {
        return TableReferences.of(SparkCalls.parse(spark, sql));
    }

    @Test
    void tablesAnywhereInAQuery() {
        TableReferences r = refs("""
                WITH recent AS (SELECT * FROM sales.orders WHERE y > 2020)
                SELECT * FROM recent r JOIN crm.customers c ON r.id = c.id
                WHERE r.id IN (SELECT id FROM sales.returns) AND EXISTS (SELECT 1 FROM local_t)
                """);
        assertThat(r.tables()).containsExactlyInAnyOrder(new Name("sales", "orders"), new Name("crm", "customers"),
                new Name("sales", "returns"), new Name(null, "local_t"));
        assertThat(r.databases()).containsExactlyInAnyOrder("sales", "crm");
        assertThat(r.written()).isNull();
    }

    @Test
    void writtenTables() {
        TableReferences ctas = refs("CREATE TABLE out.t USING parquet PARTITIONED BY (y) AS SELECT * FROM src.s");
        assertThat(ctas.written()).isEqualTo(new Name("out", "t"));
        assertThat(ctas.tables()).containsExactly(new Name("src", "s"));
        assertThat(ctas.databases()).contains("out", "src");

        TableReferences insert = refs("INSERT INTO out.t SELECT * FROM src.s");
        assertThat(insert.written()).isEqualTo(new Name("out", "t"));
        assertThat(insert.tables()).contains(new Name("out", "t"), new Name("src", "s"));
    }

    @Test
    void namespacesOfCommands() {
        assertThat(refs("USE sales").databases()).containsExactly("sales");
        assertThat(refs("SHOW TABLES IN crm").databases()).containsExactly("crm");
        assertThat(refs("DESCRIBE TABLE sales.orders").tables()).containsExactly(new Name("sales", "orders"));
    }
}
