package io.mortar.runtime.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.runtime.MortarContext;
import io.mortar.runtime.testing.SharedSpark;
import io.mortar.tagging.InvalidRuleException;
import io.mortar.tagging.TagRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tagging transform on the shared session: tags row by row (several rules over several columns, nulls, a tag
 * two rules give, first match only, per column), agreement with every rule's own {@code java.util.regex}
 * {@code find()} over thousands of generated rows in several partitions, Spark strings that are not well-formed
 * UTF-8, guard trips, and the errors: a regex that does not compile, a missing or non-string column, an output
 * column that exists.
 */
class TaggingTest {
    private static final StructType TICKETS = new StructType().add("id", DataTypes.IntegerType)
            .add("subject", DataTypes.StringType).add("body", DataTypes.StringType)
            .add("notes", DataTypes.StringType);
    private static final List<TagRule> RULES = List.of(
            new TagRule("refund", List.of("subject", "body"), "\\b(?:refund|chargeback)s?\\b", 0),
            new TagRule("order", List.of("body", "notes"), "ORD-\\d{6}", 0),
            new TagRule("urgent", List.of("subject"), "^(?:URGENT|ASAP)\\b", Pattern.CASE_INSENSITIVE),
            new TagRule("refund", List.of("notes"), "money back", 0), // a second rule with the same tag
            new TagRule("email", List.of("body"), "[\\w.]+@[\\w.]+\\.(?:com|org)", 0),
            new TagRule("café", List.of("subject", "notes"), "(?i)café|cafe\\b", 0),
            new TagRule("digits", List.of("notes"), "^\\d+$", 0));

    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path dir;

    private Dataset<Row> tickets() {
        return spark.createDataFrame(List.of(
                RowFactory.create(1, "Refund please", "I want a refund for ORD-123456", null),
                RowFactory.create(2, "urgent: login", "write to ann.lee@example.com", "asked for money back"),
                RowFactory.create(3, null, null, null),
                RowFactory.create(4, "nothing here", "ORD-12345 is too short", "12345"),
                RowFactory.create(5, "Un CAFÉ au Café", "chargebacks and refunds", "see ORD-999999"),
                RowFactory.create(6, "ASAPx", "refunded", "12a")), TICKETS);
    }

    @Test
    void tagsEachRowWithEveryMatchingRuleInRuleOrder() {
        Dataset<Row> tagged = RegexTagging.apply(tickets(), RULES, TagOptions.defaults());

        assertThat(tagged.schema().fieldNames()).containsExactly("id", "subject", "body", "notes", "tags");
        assertThat(tagged.schema().apply("tags").dataType())
                .isEqualTo(new ArrayType(DataTypes.StringType, false));
        assertThat(tagged.schema().apply("tags").nullable()).isFalse();
        assertThat(tagsById(tagged, "tags")).containsExactly(
                Map.entry(1, List.of("refund", "order")),
                Map.entry(2, List.of("urgent", "refund", "email")),
                Map.entry(3, List.of()),
                Map.entry(4, List.of("digits")),
                Map.entry(5, List.of("refund", "order", "café")),
                Map.entry(6, List.of()));
        // the other columns come through untouched
        assertThat(tagged.orderBy("id").select("subject", "notes").collectAsList().get(1).toString())
                .isEqualTo("[urgent: login,asked for money back]");
    }

    @Test
    void firstMatchOnlyAndPerColumn() {
        assertThat(tagsById(RegexTagging.apply(tickets(), RULES, TagOptions.defaults().withFirstMatchOnly(true)
                .withOutputColumn("first")), "first")).containsExactly(
                Map.entry(1, List.of("refund")), Map.entry(2, List.of("urgent")), Map.entry(3, List.of()),
                Map.entry(4, List.of("digits")), Map.entry(5, List.of("refund")), Map.entry(6, List.of()));

        Dataset<Row> perColumn = RegexTagging.apply(tickets(), RULES, TagOptions.defaults().withPerColumn(true));
        assertThat(perColumn.schema().fieldNames()).containsExactly("id", "subject", "body", "notes",
                "subject_tags", "body_tags", "notes_tags");
        assertThat(tagsById(perColumn, "subject_tags")).containsExactly(
                Map.entry(1, List.of()), Map.entry(2, List.of("urgent")), Map.entry(3, List.of()),
                Map.entry(4, List.of()), Map.entry(5, List.of("café")), Map.entry(6, List.of()));
        assertThat(tagsById(perColumn, "body_tags")).containsExactly(
                Map.entry(1, List.of("refund", "order")), Map.entry(2, List.of("email")), Map.entry(3, List.of()),
                Map.entry(4, List.of()), Map.entry(5, List.of("refund")), Map.entry(6, List.of()));
        assertThat(tagsById(perColumn, "notes_tags")).containsExactly(
                Map.entry(1, List.of()), Map.entry(2, List.of("refund")), Map.entry(3, List.of()),
                Map.entry(4, List.of("digits")), Map.entry(5, List.of("order")), Map.entry(6, List.of()));

        Dataset<Row> firstPerColumn = RegexTagging.apply(tickets(), RULES,
                TagOptions.defaults().withPerColumn(true).withFirstMatchOnly(true));
        assertThat(tagsById(firstPerColumn, "body_tags")).containsEntry(1, List.of("refund"));
    }

    /** The result is an ordinary DataFrame: filters, SQL, caching, a Parquet round trip. */
    @Test
    void theResultWorksLikeAnyDataFrame() {
        Dataset<Row> tagged = new MortarContextProbe(spark).tag(tickets().repartition(3), RULES);
        assertThat(tagged.where("array_contains(tags, 'refund')").count()).isEqualTo(3);
        tagged.createOrReplaceTempView("tagged_tickets");
        try {
            assertThat(spark.sql("SELECT tag, count(*) AS n FROM tagged_tickets LATERAL VIEW explode(tags) t AS tag "
                    + "GROUP BY tag ORDER BY tag").collectAsList()).extracting(Row::toString)
                    .containsExactly("[café,1]", "[digits,1]", "[email,1]", "[order,2]", "[refund,3]", "[urgent,1]");
        } finally {
            spark.catalog().dropTempView("tagged_tickets");
        }
        Dataset<Row> cached = tagged.cache();
        assertThat(cached.count()).isEqualTo(6);
        assertThat(cached.count()).isEqualTo(6);
        cached.unpersist();
        String out = dir.resolve("tagged").toString();
        tagged.write().parquet(out);
        assertThat(tagsById(spark.read().parquet(out), "tags")).containsEntry(5, List.of("refund", "order", "café"))
                .containsEntry(3, List.of());
    }

    /** Tagging by {@link MortarContext#tag}, with the rules in a DataFrame. */
    private static final class MortarContextProbe {
        private final SparkSession spark;

        MortarContextProbe(SparkSession spark) {
            this.spark = spark;
        }

        Dataset<Row> tag(Dataset<Row> data, List<TagRule> rules) {
            List<Row> rows = new ArrayList<>();
            for (TagRule r : rules) {
                rows.add(RowFactory.create(r.tag(), String.join(",", r.columns()), r.regex(),
                        (r.flags() & Pattern.CASE_INSENSITIVE) != 0 ? "i" : null));
            }
            StructType schema = new StructType().add("tag", DataTypes.StringType)
                    .add("columns", DataTypes.StringType).add("regex", DataTypes.StringType)
                    .add("flags", DataTypes.StringType);
            return MortarContext.create(spark).tag(data, spark.createDataFrame(rows, schema), TagOptions.defaults());
        }
    }

    /** Thousands of generated rows in four partitions: exactly what each rule's own find() says, row by row. */
    @Test
    void agreesWithEachRulesOwnRegexOnGeneratedRows() {
        Random random = new Random(7);
        List<TagRule> rules = generatedRules();
        List<Row> rows = new ArrayList<>();
        for (int id = 0; id < 4_000; id++) {
            rows.add(RowFactory.create(id, random.nextInt(10) == 0 ? null : text(random),
                    random.nextInt(10) == 0 ? null : text(random), random.nextInt(10) == 0 ? null : text(random)));
        }
        Dataset<Row> data = spark.createDataFrame(rows, TICKETS).repartition(4);
        for (TagOptions options : List.of(TagOptions.defaults(), TagOptions.defaults().withFirstMatchOnly(true))) {
            Map<Integer, List<String>> got = tagsById(RegexTagging.apply(data, rules, options), "tags");
            Pattern[] patterns = rules.stream().map(r -> Pattern.compile(r.regex(), r.flags())).toArray(Pattern[]::new);
            int withTags = 0;
            for (Row row : rows) {
                List<String> expected = naiveTags(rules, patterns, row, options.firstMatchOnly());
                assertThat(got.get(row.getInt(0))).as("row %s", row).containsExactlyElementsOf(expected);
                withTags += expected.isEmpty() ? 0 : 1;
            }
            assertThat(withTags).as("the rules do match the generated texts").isGreaterThan(2_000);
        }
    }

    private static final String[] WORDS = {"refund", "Refund", "REFUNDS", "login", "timeout", "time out", "error",
        "ORD-123456", "ORD-12", "INV-0042", "café", "Café", "naïve", "straße", "İstanbul", "😀", "emoji😀x",
        "a.b@example.com", "http://x.org/help", "503", "42", "the", "and", "of", "_", "-", ".", ",", "\n", "Ünïcödé"};

    private static String text(Random random) {
        StringBuilder sb = new StringBuilder();
        int words = random.nextInt(12);
        for (int k = 0; k < words; k++) {
            sb.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(4) == 0 ? "" : " ");
        }
        return sb.toString();
    }

    private static List<TagRule> generatedRules() {
        String[] regexes = {"\\brefunds?\\b", "(?i)refund", "time ?out", "^error", "error$", "ORD-\\d{6}",
            "[A-Z]{3}-\\d+", "caf[eé]", "(?i)CAFÉ", "\\bthe\\b.*\\band\\b", "[\\w.]+@\\w+\\.com", "https?://\\S+",
            "\\d{3}", "^\\d+$", "😀", "\\p{L}+ß", "naïve|naive", "(?m)^and", "(?s)error.+the", "x\\b", "\\Bx",
            "İ", "(?iu)ünïcödé", "[^\\x00-\\x7F]{2}", "(login|timeout) (error|503)", "\\.\\s", "(a|b)\\1",
            "(?=.*login).*error", "\\Qa.b\\E", "of$|^of"};
        List<TagRule> rules = new ArrayList<>();
        List<List<String>> columnSets = List.of(List.of("subject"), List.of("subject", "body"),
                List.of("body", "notes"), List.of("subject", "body", "notes"));
        for (int k = 0; k < regexes.length; k++) {
            rules.add(new TagRule("t" + (k % 25), columnSets.get(k % columnSets.size()), regexes[k],
                    k % 7 == 3 ? Pattern.CASE_INSENSITIVE : 0));
        }
        return rules;
    }

    private static List<String> naiveTags(List<TagRule> rules, Pattern[] patterns, Row row, boolean firstOnly) {
        Set<String> tags = new LinkedHashSet<>();
        List<String> columns = List.of(TICKETS.fieldNames());
        for (int r = 0; r < rules.size(); r++) {
            for (String column : rules.get(r).columns()) {
                String value = row.getString(columns.indexOf(column));
                if (value != null && patterns[r].matcher(value).find()) {
                    tags.add(rules.get(r).tag());
                    break;
                }
            }
            if (firstOnly && !tags.isEmpty()) {
                break;
            }
        }
        return new ArrayList<>(tags);
    }

    /** Spark strings may hold bytes that are not UTF-8: the matcher sees what Java's decoder makes of them. */
    @Test
    void bytesThatAreNotUtf8AreDecodedAsJavaDecodesThem() {
        Dataset<Row> data = spark.sql("SELECT 1 AS id, cast(unhex('636166C3') AS string) AS subject, "
                + "cast(unhex('41ED' || 'A08042') AS string) AS body, 'ok é ü 😀' AS notes");
        List<TagRule> rules = List.of(
                new TagRule("truncated", List.of("subject"), "^caf\\uFFFD$", 0),
                new TagRule("surrogate-bytes", List.of("body"), "^A\\uFFFD+B$", 0),
                new TagRule("plain", List.of("notes"), "é ü 😀$", 0));
        Row row = RegexTagging.apply(data, rules, TagOptions.defaults()).collectAsList().get(0);
        assertThat(row.getList(4)).containsExactly("truncated", "surrogate-bytes", "plain");
        assertThat(Pattern.compile("^A\\uFFFD+B$").matcher(row.getString(2)).find()).isTrue();
    }

    @Test
    void confirmingMatchesPastTheirBudgetAreCounted() {
        Dataset<Row> data = spark.createDataFrame(List.of(
                RowFactory.create(1, "a".repeat(40) + "!bcd", "", ""), RowFactory.create(2, "xbcd", "", "")), TICKETS);
        RegexTagging.Result result = RegexTagging.run(data,
                List.of(new TagRule("slow", List.of("subject"), "(.*a){10}(?=b)bcd", 0),
                        new TagRule("bcd", List.of("subject"), "bcd", 0)), TagOptions.defaults());
        assertThat(result.data().count()).isEqualTo(2); // one job, each row tagged once
        assertThat(result.guardTrips().value()).isEqualTo(1);
        assertThat(tagsById(result.data(), "tags")).containsExactly(Map.entry(1, List.of("bcd")),
                Map.entry(2, List.of("bcd")));
        assertThat(result.tags()).containsExactly("slow", "bcd");
        assertThat(result.taggedColumns()).containsExactly("subject");
    }

    @Test
    void aRuleThatDoesNotCompileFailsAtOnceNamingTheRule() {
        List<TagRule> rules = List.of(new TagRule("ok", List.of("subject"), "fine"),
                new TagRule("broken", List.of("body"), "ORD-(\\d+", 0));
        assertThatThrownBy(() -> RegexTagging.apply(tickets(), rules, TagOptions.defaults()))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith("Rule 1 (tag 'broken', regex 'ORD-(\\d+'): the regex does not compile: "
                        + "Unclosed group");
    }

    @Test
    void columnsMustExistAndHoldStrings() {
        assertThatThrownBy(() -> RegexTagging.apply(tickets(), List.of(new TagRule("x", List.of("subject"), "a"),
                new TagRule("y", List.of("Body", "title"), "b")), TagOptions.defaults()))
                .hasMessage("Rule 1 (tag 'y') names the column 'title', which the input does not have; its columns"
                        + " are [id, subject, body, notes]");
        assertThatThrownBy(() -> RegexTagging.apply(tickets(), List.of(new TagRule("x", List.of("id"), "1")),
                TagOptions.defaults()))
                .hasMessage("Rule 0 (tag 'x') names the column 'id', which is int, not a string; cast it first");
        assertThatThrownBy(() -> RegexTagging.apply(tickets(), RULES, TagOptions.defaults().withOutputColumn("Notes")))
                .hasMessage("Regex tagging would add the column 'Notes', but the input has a column 'notes' already;"
                        + " choose another outputColumn");
        assertThatThrownBy(() -> RegexTagging.apply(tickets(), List.of(), TagOptions.defaults()))
                .hasMessageContaining("at least one rule");
        // names are matched as Spark matches them (case-insensitively by default)
        assertThat(tagsById(RegexTagging.apply(tickets(), List.of(new TagRule("r", List.of("SUBJECT"), "(?i)refund")),
                TagOptions.defaults()), "tags")).containsEntry(1, List.of("r")).containsEntry(2, List.of());
    }

    /**
     * Tagging a row allocates nothing: the decode buffers, the matcher's state and the output arrays are reused
     * (non-ASCII literals included: the literal automaton looks them up in sorted char arrays, unboxed).
     */
    @Test
    void taggingARowAllocatesNothing() throws Exception {
        List<TagRule> rules = generatedRules();
        assertThat(rules).as("some rule with a non-ASCII character").anyMatch(r -> r.regex().chars()
                .anyMatch(c -> c >= 128));
        RuleSet ruleSet = new RuleSet(rules, List.of("subject", "body", "notes"), false, 1_000);
        var broadcast = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(ruleSet);
        var trips = spark.sparkContext().longAccumulator();
        TaggingPartition partition = new TaggingPartition(broadcast, new int[] {1, 2, 3}, false, trips);
        // Spark's rows as a scan hands them over: UnsafeRows (copies, so the input itself allocates nothing)
        var toUnsafe = org.apache.spark.sql.catalyst.expressions.UnsafeProjection.create(TICKETS);
        Random random = new Random(3);
        List<org.apache.spark.sql.catalyst.InternalRow> rows = new ArrayList<>();
        for (int id = 0; id < 2_000; id++) {
            Object[] values = {id, utf8(text(random)), utf8(text(random)), random.nextInt(5) == 0 ? null
                : utf8(text(random))};
            rows.add(toUnsafe.apply(new org.apache.spark.sql.catalyst.expressions.GenericInternalRow(values)).copy());
        }
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tags = 0;
        long allocated = 0;
        for (int pass = 0; pass < 30; pass++) { // the first passes warm the JIT and the lazy DFA up
            long before = threads.getCurrentThreadAllocatedBytes();
            java.util.Iterator<org.apache.spark.sql.catalyst.InternalRow> out = partition.call(rows.iterator());
            while (out.hasNext()) {
                tags += out.next().getArray(4).numElements();
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertThat(tags).isPositive();
        // a pass makes one iterator (a few hundred bytes); 2,000 rows allocating would show as well over 20 KB
        assertThat(allocated).as("bytes allocated tagging 2,000 rows").isLessThan(4_000);
    }

    private static org.apache.spark.unsafe.types.UTF8String utf8(String s) {
        return org.apache.spark.unsafe.types.UTF8String.fromString(s);
    }

    static Map<Integer, List<String>> tagsById(Dataset<Row> tagged, String column) {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        for (Row row : tagged.orderBy("id").select("id", column).collectAsList()) {
            out.put(row.getInt(0), row.isNullAt(1) ? null : new ArrayList<>(row.<String>getList(1)));
        }
        return out;
    }
}
