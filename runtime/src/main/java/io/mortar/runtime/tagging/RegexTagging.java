package io.mortar.runtime.tagging;

import static java.util.Objects.requireNonNull;

import io.mortar.tagging.InvalidRuleException;
import io.mortar.tagging.TagRule;
import io.mortar.tagging.Tagger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Regex tagging: each row gets the tags of every rule ({@link TagRule}: a tag, the columns it reads, a
 * {@code java.util.regex} pattern with {@code find()} semantics, flags) that matches any of the rule's columns, as
 * an {@code array<string>} column — distinct, in rule order, empty when none matches. {@link TagOptions} choose the
 * column's name, the first matching rule only, or one tag column per tagged column ({@code <column>_tags}).
 *
 * <p>The rules are compiled on the driver first, so a rule that cannot be used fails at once with
 * {@link InvalidRuleException} naming it; then broadcast, compiled once per executor JVM into one multi-pattern
 * matcher ({@link Tagger}) and matched by each task thread through its own reusable matching state. Rows are tagged
 * as Spark's internal rows: strings are decoded from their UTF-8 bytes into the matcher's buffers and the tag
 * arrays written in Spark's binary layout, so a row costs no allocation.
 *
 * <p>The result is a new plan over the input's rows (a {@code LogicalRDD}): filters and projections applied to the
 * result are not pushed into the input's scan, and an input with a shuffle (a join, an aggregation) runs that
 * shuffle when {@code apply} is called. Confirming matches given up on their step budget are counted
 * ({@link Result#guardTrips()}) and logged on the driver after each Spark job that had any.
 */
public final class RegexTagging {
    private RegexTagging() {}

    /**
     * A tagging's result.
     *
     * @param data the input's columns followed by the tag column(s)
     * @param tags the distinct tags the rules can give, in rule order
     * @param taggedColumns the input columns the rules read, in order of first mention
     * @param outputColumns the tag column(s) added
     * @param guardTrips confirming matches given up on their step budget (each counted as no match), summed over
     *     the tasks that have run
     */
    public record Result(Dataset<Row> data, List<String> tags, List<String> taggedColumns, List<String> outputColumns,
                         LongAccumulator guardTrips) {}

    /** The input with its tag column(s). @throws InvalidRuleException naming a rule that cannot be used */
    public static Dataset<Row> apply(Dataset<Row> input, List<TagRule> rules, TagOptions options) {
        return run(input, rules, options).data();
    }

    /** As {@link #apply}, with the tags, columns and guard-trip count beside the data. */
    public static Result run(Dataset<Row> input, List<TagRule> rules, TagOptions options) {
        requireNonNull(input, "input");
        requireNonNull(rules, "rules");
        requireNonNull(options, "options");
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("Regex tagging needs at least one rule, but the rule list is empty");
        }
        if (input.isStreaming()) {
            throw new IllegalArgumentException("Regex tagging takes a batch Dataset, not a streaming one");
        }
        if (!(input instanceof org.apache.spark.sql.classic.Dataset<Row> classic)) {
            throw new IllegalArgumentException("Regex tagging needs a classic Spark session's Dataset, not "
                    + input.getClass().getName() + " (Spark Connect)");
        }
        StructType schema = input.schema();
        boolean caseSensitive = Boolean.parseBoolean(input.sparkSession().conf().get("spark.sql.caseSensitive",
                "false"));

        // The rules over the input's own column names; the tagged columns in order of first mention.
        List<TagRule> resolved = new ArrayList<>(rules.size());
        Set<String> columns = new LinkedHashSet<>();
        List<Integer> ordinalList = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            TagRule rule = requireNonNull(rules.get(r), "rule " + r);
            Set<String> ruleColumns = new LinkedHashSet<>();
            for (String column : rule.columns()) {
                int ordinal = field(schema, column, caseSensitive, r, rule);
                String field = schema.fields()[ordinal].name();
                ruleColumns.add(field);
                if (columns.add(field)) {
                    ordinalList.add(ordinal);
                }
            }
            resolved.add(new TagRule(rule.tag(), List.copyOf(ruleColumns), rule.regex(), rule.flags()));
        }
        if (columns.size() > Tagger.MAX_COLUMNS) {
            throw new IllegalArgumentException("Regex tagging can read at most " + Tagger.MAX_COLUMNS
                    + " columns, but the rules name " + columns.size());
        }
        List<String> tagged = List.copyOf(columns);
        RuleSet ruleSet = new RuleSet(resolved, tagged, options.firstMatchOnly(), options.guardStepsPerChar());
        Tagger tagger = ruleSet.compile(); // a rule that cannot be used fails the job here, on the driver

        List<String> outputs = new ArrayList<>();
        if (options.perColumn()) {
            tagged.forEach(c -> outputs.add(c + TagOptions.PER_COLUMN_SUFFIX));
        } else {
            outputs.add(options.outputColumn());
        }
        StructType outputSchema = schema;
        for (String output : outputs) {
            for (String existing : schema.fieldNames()) {
                if (caseSensitive ? existing.equals(output) : existing.equalsIgnoreCase(output)) {
                    throw new IllegalArgumentException("Regex tagging would add the column '" + output
                            + "', but the input has a column '" + existing + "' already; "
                            + (options.perColumn() ? "rename it first" : "choose another outputColumn"));
                }
            }
            outputSchema = outputSchema.add(new StructField(output,
                    DataTypes.createArrayType(DataTypes.StringType, false), false, Metadata.empty()));
        }
        int[] ordinals = ordinalList.stream().mapToInt(Integer::intValue).toArray();

        CompiledRules.remember(ruleSet, tagger);
        SparkContext context = input.sparkSession().sparkContext();
        Broadcast<RuleSet> broadcast = JavaSparkContext.fromSparkContext(context).broadcast(ruleSet);
        String description = "Regex tagging into " + String.join(", ", outputs) + " (" + rules.size()
                + " rules over " + tagged + ")";
        LongAccumulator guardTrips = context.longAccumulator("mortar.tagging.guardTrips " + String.join(",", outputs));
        GuardTripLog.watch(context, guardTrips, description);

        RDD<InternalRow> rows = classic.queryExecution().toRdd();
        JavaRDD<InternalRow> taggedRows = rows.toJavaRDD()
                .mapPartitions(new TaggingPartition(broadcast, ordinals, options.perColumn(), guardTrips));
        Dataset<Row> data = classic.sparkSession().internalCreateDataFrame(taggedRows.rdd(), outputSchema, false);
        return new Result(data, tagger.tags(), tagged, List.copyOf(outputs), guardTrips);
    }

    /** The ordinal of the input's field that {@code column} names (by Spark's case rule): a string column. */
    private static int field(StructType schema, String column, boolean caseSensitive, int r, TagRule rule) {
        StructField[] fields = schema.fields();
        List<Integer> found = new ArrayList<>();
        for (int k = 0; k < fields.length; k++) {
            if (fields[k].name().equals(column)) {
                found.add(k);
            }
        }
        if (found.isEmpty() && !caseSensitive) {
            for (int k = 0; k < fields.length; k++) {
                if (fields[k].name().toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT))) {
                    found.add(k);
                }
            }
        }
        String ruleName = "Rule " + r + " (tag '" + rule.tag() + "')";
        if (found.isEmpty()) {
            throw new IllegalArgumentException(ruleName + " names the column '" + column + "', which the input does"
                    + " not have; its columns are " + List.of(schema.fieldNames()));
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException(ruleName + " names the column '" + column + "', which is ambiguous"
                    + " in the input: it has " + found.size() + " columns of that name");
        }
        StructField f = fields[found.get(0)];
        if (!(f.dataType() instanceof StringType)) {
            throw new IllegalArgumentException(ruleName + " names the column '" + f.name() + "', which is "
                    + f.dataType().simpleString() + ", not a string; cast it first");
        }
        return found.get(0);
    }
}
