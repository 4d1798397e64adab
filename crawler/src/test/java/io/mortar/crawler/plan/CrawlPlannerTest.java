package io.mortar.crawler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.crawler.StorageFormat;
import io.mortar.crawler.discovery.DiscoveredPartition;
import io.mortar.crawler.discovery.DiscoveredTable;
import io.mortar.crawler.plan.CrawlPolicy.DeleteBehavior;
import io.mortar.crawler.schema.Column;
import io.mortar.crawler.schema.GlueType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

class CrawlPlannerTest {
    private static final String LAKE = "s3://lake/";
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    /** The catalog as the planner sees it, built up by "applying" earlier plans the way the server does. */
    private static final class Catalog implements ExistingCatalog {
        final Map<String, Table> tables = new HashMap<>();
        final Map<String, Map<List<String>, Partition>> partitions = new HashMap<>();

        @Override
        public List<Table> tables() {
            return List.copyOf(tables.values());
        }

        @Override
        public List<Partition> partitions(String tableName) {
            return List.copyOf(partitions.getOrDefault(tableName, Map.of()).values());
        }

        void apply(CrawlPlan plan) {
            for (TablePlan t : plan.tables()) {
                switch (t.action()) {
                    case CREATE, UPDATE, DEPRECATE -> tables.put(t.name(), table(t.table()));
                    case DELETE -> {
                        tables.remove(t.name());
                        partitions.remove(t.name());
                    }
                    case UNCHANGED -> { }
                }
                Map<List<String>, Partition> parts = partitions.computeIfAbsent(t.name(), n -> new HashMap<>());
                t.deletePartitions().forEach(parts::remove);
                for (PartitionInput p : concat(t.createPartitions(), t.updatePartitions())) {
                    parts.put(p.values(), Partition.builder().values(p.values()).storageDescriptor(
                            p.storageDescriptor()).parameters(p.parameters()).build());
                }
            }
        }

        private static Table table(TableInput in) {
            return Table.builder().name(in.name()).description(in.description()).storageDescriptor(
                    in.storageDescriptor()).partitionKeys(in.partitionKeys()).tableType(in.tableType())
                    .parameters(in.parameters()).build();
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static CrawlPolicy policy(boolean update, DeleteBehavior delete) {
        return new CrawlPolicy("nightly", "", update, delete, false, true, null, true, false, List.of(LAKE), NOW);
    }

    private static Column col(String name, String type) {
        return new Column(name, new GlueType.Primitive(type));
    }

    private static DiscoveredTable sales(List<Column> columns, String... days) {
        List<DiscoveredPartition> parts = new ArrayList<>();
        for (String day : days) {
            parts.add(new DiscoveredPartition(List.of(day), LAKE + "sales/day=" + day + "/", columns,
                    StorageFormat.PARQUET, Map.of("classification", "parquet", "recordCount", "10")));
        }
        return new DiscoveredTable("sales", LAKE + "sales/", "parquet", columns, List.of("day"),
                StorageFormat.PARQUET, Map.of("classification", "parquet", "compressionType", "none",
                "recordCount", String.valueOf(10 * days.length)), Map.of(), parts, "folders below " + LAKE);
    }

    private static List<String> columnsOf(TableInput t) {
        return t.storageDescriptor().columns().stream().map(c -> c.name() + ":" + c.type()).toList();
    }

    @Test
    void aNewTableIsCreatedAsGluesCrawlerWritesIt() {
        Catalog catalog = new Catalog();
        CrawlPlan plan = CrawlPlanner.plan("db", List.of(sales(List.of(col("id", "bigint")), "1", "2")), catalog,
                policy(true, DeleteBehavior.DEPRECATE_IN_DATABASE));
        assertThat(plan.tables()).singleElement().satisfies(t -> {
            assertThat(t.action()).isEqualTo(TablePlan.Action.CREATE);
            assertThat(t.name()).isEqualTo("sales");
            assertThat(t.createIndex()).isTrue();
            assertThat(t.table().tableType()).isEqualTo("EXTERNAL_TABLE");
            assertThat(t.table().parameters()).containsEntry("UPDATED_BY_CRAWLER", "nightly")
                    .containsEntry("classification", "parquet").containsEntry("recordCount", "20");
            assertThat(t.table().partitionKeys()).singleElement().satisfies(k -> {
                assertThat(k.name()).isEqualTo("day");
                assertThat(k.type()).isEqualTo("string");
            });
            assertThat(t.table().storageDescriptor().serdeInfo().serializationLibrary())
                    .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
            assertThat(t.createPartitions()).extracting(PartitionInput::values)
                    .containsExactly(List.of("1"), List.of("2"));
            assertThat(t.createPartitions().get(1).storageDescriptor().location()).isEqualTo(LAKE + "sales/day=2/");
        });
    }

    @Test
    void aTakenNameGetsAHashOfTheLocation() {
        Catalog catalog = new Catalog();
        catalog.tables.put("sales", Table.builder().name("sales").storageDescriptor(StorageDescriptor.builder()
                .location("s3://elsewhere/sales/").build()).build());
        CrawlPlan plan = CrawlPlanner.plan("db", List.of(sales(List.of(col("id", "bigint")), "1")), catalog,
                policy(true, DeleteBehavior.LOG));
        assertThat(plan.tables()).singleElement().satisfies(t ->
                assertThat(t.name()).matches("sales_[0-9a-f]{8}"));
    }

    @Test
    void aChangedSchemaIsRewrittenUnderUpdateAndOnlyLoggedUnderLog() {
        Catalog catalog = new Catalog();
        catalog.apply(CrawlPlanner.plan("db", List.of(sales(List.of(col("id", "int")), "1")), catalog,
                policy(true, DeleteBehavior.LOG)));
        DiscoveredTable drifted = sales(List.of(col("id", "bigint"), col("note", "string")), "1", "2");

        CrawlPlan logged = CrawlPlanner.plan("db", List.of(drifted), catalog, policy(false, DeleteBehavior.LOG));
        assertThat(logged.tables()).singleElement().satisfies(t -> {
            assertThat(t.action()).isEqualTo(TablePlan.Action.UNCHANGED);
            assertThat(t.createPartitions()).as("new partitions are always added").extracting(PartitionInput::values)
                    .containsExactly(List.of("2"));
            assertThat(t.updatePartitions()).isEmpty();
        });
        assertThat(logged.log()).contains("sales: columns added: note — not applied (UpdateBehavior LOG)",
                "sales: columns retyped: id int → bigint — not applied (UpdateBehavior LOG)");

        CrawlPlan updated = CrawlPlanner.plan("db", List.of(drifted), catalog, policy(true, DeleteBehavior.LOG));
        assertThat(updated.tables()).singleElement().satisfies(t -> {
            assertThat(t.action()).isEqualTo(TablePlan.Action.UPDATE);
            assertThat(columnsOf(t.table())).containsExactly("id:bigint", "note:string");
            assertThat(t.details()).contains("columns added: note", "columns retyped: id int → bigint");
            assertThat(t.updatePartitions()).as("partitions inherit the table's new columns")
                    .singleElement().satisfies(p -> assertThat(columnsOf(TableInput.builder()
                            .storageDescriptor(p.storageDescriptor()).build())).containsExactly("id:bigint",
                            "note:string"));
        });
        catalog.apply(updated);
        assertThat(CrawlPlanner.plan("db", List.of(drifted), catalog, policy(true, DeleteBehavior.LOG)).tables())
                .as("a second crawl of the same data writes nothing")
                .allSatisfy(t -> assertThat(t.writesNothing()).isTrue());
    }

    @Test
    void mergeNewColumnsOnlyAddsAndKeepsWhatUsersWrote() {
        Catalog catalog = new Catalog();
        catalog.apply(CrawlPlanner.plan("db", List.of(sales(List.of(col("id", "int"), col("old", "string")), "1")),
                catalog, policy(true, DeleteBehavior.LOG)));
        Table t = catalog.tables.get("sales");
        Map<String, String> params = new HashMap<>(t.parameters());
        params.put("owner_team", "finance");
        catalog.tables.put("sales", t.toBuilder().description("curated").parameters(params).build());
        CrawlPolicy merge = new CrawlPolicy("nightly", "", true, DeleteBehavior.LOG, true, true, null, true, false,
                List.of(LAKE), NOW);
        CrawlPlan plan = CrawlPlanner.plan("db", List.of(sales(List.of(col("id", "bigint"), col("new", "double")),
                "1")), catalog, merge);
        TablePlan p = plan.tables().get(0);
        assertThat(columnsOf(p.table())).containsExactly("id:int", "old:string", "new:double");
        assertThat(p.table().description()).isEqualTo("curated");
        assertThat(p.table().parameters()).containsEntry("owner_team", "finance");
        assertThat(plan.log()).contains("sales: column id is now bigint, kept as int (MergeNewColumns)");
    }

    @Test
    void goneDataIsDeletedDeprecatedOrLogged() {
        for (DeleteBehavior behavior : DeleteBehavior.values()) {
            Catalog catalog = new Catalog();
            DiscoveredTable other = new DiscoveredTable("other", LAKE + "other/", "parquet", List.of(col("a", "int")),
                    List.of(), StorageFormat.PARQUET, Map.of("classification", "parquet"), Map.of(), List.of(), "r");
            catalog.apply(CrawlPlanner.plan("db", List.of(sales(List.of(col("id", "int")), "1", "2"), other),
                    catalog, policy(true, behavior)));
            CrawlPlan plan = CrawlPlanner.plan("db", List.of(sales(List.of(col("id", "int")), "1")), catalog,
                    policy(true, behavior));
            TablePlan salesPlan = plan.tables().stream().filter(t -> t.name().equals("sales")).findFirst()
                    .orElseThrow();
            switch (behavior) {
                case DELETE_FROM_DATABASE -> {
                    assertThat(salesPlan.deletePartitions()).containsExactly(List.of("2"));
                    assertThat(plan.tables()).anySatisfy(t -> {
                        assertThat(t.name()).isEqualTo("other");
                        assertThat(t.action()).isEqualTo(TablePlan.Action.DELETE);
                    });
                }
                case DEPRECATE_IN_DATABASE -> {
                    assertThat(salesPlan.updatePartitions()).singleElement().satisfies(p ->
                            assertThat(p.parameters()).containsEntry("DEPRECATED_BY_CRAWLER", NOW.toString()));
                    assertThat(plan.tables()).anySatisfy(t -> {
                        assertThat(t.action()).isEqualTo(TablePlan.Action.DEPRECATE);
                        assertThat(t.table().parameters()).containsEntry("DEPRECATED_BY_CRAWLER", NOW.toString());
                    });
                }
                case LOG -> {
                    assertThat(plan.tables()).allSatisfy(t -> assertThat(t.writesNothing()).isTrue());
                    assertThat(plan.log()).anyMatch(l -> l.startsWith("other: no data is left at " + LAKE + "other/"))
                            .anyMatch(l -> l.startsWith("sales: partition [2] is gone"));
                }
            }
        }
    }

    @Test
    void tablesOfOtherCrawlersAndOutsideTheIncludePathsAreNotTouched() {
        Catalog catalog = new Catalog();
        catalog.tables.put("hand", Table.builder().name("hand").storageDescriptor(StorageDescriptor.builder()
                .location(LAKE + "hand/").build()).parameters(Map.of("classification", "csv")).build());
        catalog.tables.put("far", Table.builder().name("far").storageDescriptor(StorageDescriptor.builder()
                .location("s3://far/x/").build()).parameters(Map.of("UPDATED_BY_CRAWLER", "nightly")).build());
        CrawlPlan plan = CrawlPlanner.plan("db", List.of(), catalog, policy(true, DeleteBehavior.DELETE_FROM_DATABASE));
        assertThat(plan.tables()).isEmpty();
    }

    @Test
    void aTableThresholdStopsACrawlThatWouldCreateTooMany() {
        CrawlPolicy limited = new CrawlPolicy("nightly", "raw_", true, DeleteBehavior.LOG, false, true, 1, true,
                false, List.of(LAKE), NOW);
        DiscoveredTable a = sales(List.of(col("id", "int")), "1");
        DiscoveredTable b = new DiscoveredTable("b", LAKE + "b/", "parquet", List.of(col("a", "int")), List.of(),
                StorageFormat.PARQUET, Map.of(), Map.of(), List.of(), "r");
        assertThatThrownBy(() -> CrawlPlanner.plan("db", List.of(a, b), new Catalog(), limited))
                .isInstanceOf(TableThresholdExceededException.class)
                .hasMessageContaining("(2) is greater than the TableThreshold (1)");
        assertThat(CrawlPlanner.plan("db", List.of(a), new Catalog(), limited).tables().get(0).name())
                .isEqualTo("raw_sales");
    }
}
