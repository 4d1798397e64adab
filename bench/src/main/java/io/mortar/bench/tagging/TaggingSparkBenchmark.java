package io.mortar.bench.tagging;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.mortar.bench.LoadAverage;
import io.mortar.bench.jobs.Medians;
import io.mortar.runtime.tagging.RegexTagging;
import io.mortar.runtime.tagging.TagOptions;
import io.mortar.tagging.TagRule;
import io.mortar.tagging.Tagger;
import io.mortar.tagging.samples.TicketGenerator;
import io.mortar.tagging.samples.Workload;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Regex tagging end to end on Spark: read rows of three ~100-character text columns from Parquet, tag each row with
 * every matching rule of R realistic rules, and write the rows with their tags as Parquet, for each case of a
 * workload and a rule count ({@link TaggingCase}): the sparse workload ({@code SampleTickets}: keywords with word
 * boundaries, case-insensitive alternations, identifiers with character classes, anchors, e-mail and URL shapes,
 * rules without a literal; a row matches a few rules) at R = 10, 100, 1000 and the dense one ({@code DenseTickets}:
 * rules over a few hundred product, complaint and technology words and the shapes of e-mails, phones, cards, IPs,
 * UUIDs, dates, IBANs, URLs and files; a row matches one rule in twelve) at R = 100, 1000, 5000 — through
 *
 * <ul>
 *   <li>{@code mortar}: Mortar's transform ({@link RegexTagging}: one multi-pattern matcher, Spark's internal rows);
 *   <li>{@code naive}: one Spark UDF per rule, calling that rule's precompiled {@code java.util.regex} pattern's
 *       {@code find()} on each of its columns, the UDFs' tags combined into the array (nulls dropped, distinct);
 *   <li>{@code rlike}: Spark's built-in {@code rlike} per rule ({@code when(c1 rlike r OR c2 rlike r, tag)}),
 *       combined the same way (rlike is also {@code java.util.regex} {@code find()});
 *   <li>{@code copy}: the same read and write without tagging, the floor every variant stands on;
 *   <li>{@code mortar-udf} (on request): Mortar's matcher called from a Spark UDF over the columns, to show what the
 *       internal-row path saves.
 * </ul>
 *
 * All variants read the same Parquet files (generated once per workload from a seed) in the same session, in rounds
 * that alternate their order; each round's outputs are checked to hold the same tags (row count, total tags and an
 * XOR of per-row hashes of id and tags). Mortar's ratios are each round's baseline time over Mortar's, the median
 * over the rounds. The baselines, which take up to a second per row at large R, run on at most
 * {@code --baseline-rule-rows} / R of the first rows (rules × rows: 100,000,000 for the sparse workload, 10,000,000
 * for the dense one, whose rows cost a per-rule regex several times more) and their times are scaled to the full
 * row count (said in the output); their warm-up rounds run on at most 100,000 rows.
 *
 * <p>Run from the repository root (bench/README.md has the line with Spark's {@code --add-opens}):
 * {@code java $OPTS -Xmx6g -cp 'bench/target/mortar-bench.jar:runtime/target/jars/*'
 * io.mortar.bench.tagging.TaggingSparkBenchmark [--rows 1000000] [--cases sparse:10,...,dense:5000 | --workload
 * sparse,dense --rules 100,1000] [--rounds 3] [--warmup 1] [--baseline-rule-rows N]
 * [--variants mortar,naive,rlike,copy] [--output write|aggregate] [--data DIR]}.
 */
public final class TaggingSparkBenchmark {
    private static final int FILES = 8;
    private static final long WARMUP_ROWS = 100_000;
    private static final String[] CHECK = {"count(*) AS n", "sum(size(tags)) AS tags",
        "bit_xor(xxhash64(id, array_join(tags, '|'))) AS hash"};

    private TaggingSparkBenchmark() {}

    /** @param baselineRuleRows rules × rows the baselines run on at most (null: the workload's default) */
    private record Settings(long rows, List<TaggingCase> cases, int rounds, int warmup, Long baselineRuleRows,
                            List<String> variants, boolean write, Path data) {
        /** The rows the baselines run on in a counted round of a case. */
        long baselineRows(TaggingCase c) {
            long budget = baselineRuleRows != null ? baselineRuleRows
                    : c.workload() == Workload.DENSE ? 10_000_000L : 100_000_000L;
            return Math.max(1, Math.min(rows, budget / c.rules()));
        }
    }

    public static void main(String[] args) throws Exception {
        long rows = 1_000_000;
        String cases = null;
        String workloads = null;
        String ruleCounts = null;
        int rounds = 3;
        int warmup = 1;
        Long baselineRuleRows = null;
        List<String> variants = List.of("mortar", "naive", "rlike", "copy");
        boolean write = true;
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--cases" -> cases = args[++i];
                case "--workload" -> workloads = args[++i];
                case "--rules" -> ruleCounts = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--baseline-rule-rows" -> baselineRuleRows = Long.valueOf(args[++i].replace("_", ""));
                case "--variants" -> variants = List.of(args[++i].split(","));
                case "--output" -> write = switch (args[++i]) {
                    case "write" -> true;
                    case "aggregate" -> false;
                    default -> throw new IllegalArgumentException("--output write|aggregate");
                };
                case "--data" -> data = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: TaggingSparkBenchmark [--rows N] [--cases " + TaggingCase.DEFAULT_CASES
                            + " | --workload sparse,dense --rules 100,1000] [--rounds N] [--warmup N]"
                            + " [--baseline-rule-rows N] [--variants mortar,naive,rlike,copy[,mortar-udf]]"
                            + " [--output write|aggregate] [--data DIR]");
                    System.exit(2);
                }
            }
        }
        if (!variants.contains("mortar")) {
            throw new IllegalArgumentException("--variants must include mortar: the others are measured against it");
        }
        run(new Settings(rows, TaggingCase.of(cases, workloads, ruleCounts, "100,1000"), rounds, warmup,
                baselineRuleRows, variants, write, data));
        System.exit(0);
    }

    /** The counted rounds of one variant in one case. */
    private static final class Timings {
        final List<Double> seconds = new ArrayList<>();
        final List<Double> scaledSeconds = new ArrayList<>(); // to the full row count
        final List<Double> ratios = new ArrayList<>();        // this variant's scaled time over Mortar's, per round
        double firstSeconds = Double.NaN;                     // the first (warm-up) run in this JVM
        long rowsTimed;
        double tagsPerRow;
        String check = "";
    }

    /** A workload's rows as Parquet, and their size. */
    private record DataSet(Workload workload, Path full, long rows, long textBytes, long parquetBytes,
                           double charsPerColumn, Map<Long, Path> firstRows) {
        /** The first {@code n} rows (all of them when n is the row count), written once. */
        Path first(SparkSession spark, long n) {
            if (n >= rows) {
                return full;
            }
            return firstRows.computeIfAbsent(n, k -> {
                Path sample = full.resolveSibling(full.getFileName() + "-first-" + k);
                if (!Files.exists(sample.resolve("_SUCCESS"))) {
                    spark.read().parquet(full.toString()).where("id < " + k).repartition(2)
                            .write().mode(SaveMode.Overwrite).parquet(sample.toString());
                }
                return sample;
            });
        }
    }

    private static DataSet dataSet(SparkSession spark, Path data, Workload workload, long rows) throws IOException {
        Path full = data.resolve(workload.label() + "-rows-" + rows);
        if (!Files.exists(full.resolve("_SUCCESS"))) {
            System.err.printf("generating %,d rows x 3 text columns of ~100 characters (%s workload, seeded) as Parquet"
                    + " in %s%n", rows, workload.label(), full);
            generate(spark, workload, rows).write().mode(SaveMode.Overwrite).parquet(full.toString());
        }
        List<String> columns = workload.columns();
        Row size = spark.read().parquet(full.toString()).selectExpr("count(*)",
                "sum(" + String.join(" + ", columns.stream().map(c -> "octet_length(" + c + ")").toList()) + ")",
                "avg(" + String.join(" + ", columns.stream().map(c -> "length(" + c + ")").toList()) + ") / "
                        + columns.size()).first();
        return new DataSet(workload, full, size.getLong(0), size.getLong(1), folderBytes(full), size.getDouble(2),
                new HashMap<>());
    }

    private static void run(Settings s) throws Exception {
        String loadAtStart = LoadAverage.now();
        Path work = Files.createTempDirectory("mortar-tagging-bench");
        SparkSession spark = SparkSession.builder().master("local[2]").appName("tagging-bench")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        int cores = 2;

        Path data = s.data() != null ? s.data() : work.resolve("data");
        Map<Workload, DataSet> dataSets = new LinkedHashMap<>();
        for (TaggingCase c : s.cases()) {
            if (!dataSets.containsKey(c.workload())) {
                dataSets.put(c.workload(), dataSet(spark, data, c.workload(), s.rows()));
            }
        }

        Map<TaggingCase, Map<String, Timings>> results = new LinkedHashMap<>();
        Map<TaggingCase, String> matcherStats = new LinkedHashMap<>();
        for (TaggingCase c : s.cases()) {
            DataSet set = dataSets.get(c.workload());
            List<TagRule> rules = c.workload().generator(42).rules(c.rules());
            long t0 = System.nanoTime();
            Tagger tagger = Tagger.compile(rules, c.workload().columns(), Tagger.Options.DEFAULTS);
            matcherStats.put(c, String.format("%s: compiled in %.0f ms; %d rules prefiltered by literals (%d of them"
                    + " decided at the literal hits), %d decided by the lazy DFA", c, (System.nanoTime() - t0) / 1e6,
                    tagger.rulesWithLiterals(), tagger.rulesDecidedByLiterals(), tagger.rulesDecidedByAutomaton()));
            long baselineRows = s.baselineRows(c);
            Map<String, Timings> byVariant = new LinkedHashMap<>();
            s.variants().forEach(v -> byVariant.put(v, new Timings()));
            results.put(c, byVariant);
            for (int round = 1 - s.warmup(); round <= s.rounds(); round++) {
                List<String> order = new ArrayList<>(s.variants());
                if (round % 2 == 0) {
                    java.util.Collections.reverse(order);
                }
                Map<String, Row> checks = new LinkedHashMap<>();
                Map<String, Double> scaled = new LinkedHashMap<>();
                // the baselines warm up on at most WARMUP_ROWS rows (the JIT needs no million rows)
                long baselineRowsNow = round < 1 ? Math.min(baselineRows, WARMUP_ROWS) : baselineRows;
                for (String variant : order) {
                    long rowsIn = isBaseline(variant) ? baselineRowsNow : set.rows();
                    Path input = set.first(spark, rowsIn);
                    Path out = work.resolve("out").resolve(variant);
                    FileUtils.deleteDirectory(out.toFile());
                    long start = System.nanoTime();
                    Row aggregate = runVariant(spark, variant, c.workload(), rules, input, out, s.write());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (!variant.equals("copy")) {
                        checks.put(variant, aggregate != null ? aggregate
                                : spark.read().parquet(out.toString()).selectExpr(CHECK).first());
                    }
                    double scaledSeconds = seconds * set.rows() / rowsIn;
                    scaled.put(variant, scaledSeconds);
                    Timings t = byVariant.get(variant);
                    t.rowsTimed = rowsIn;
                    if (Double.isNaN(t.firstSeconds)) {
                        t.firstSeconds = scaledSeconds;
                    }
                    if (round >= 1) {
                        t.seconds.add(seconds);
                        t.scaledSeconds.add(scaledSeconds);
                    }
                    System.err.printf("%s %s %d: %-10s %8.2f s on %,d rows%s%n", c, round < 1 ? "warm-up" : "round",
                            round < 1 ? round + s.warmup() : round, variant, seconds, rowsIn,
                            rowsIn < set.rows() ? String.format(" (%.1f s scaled to %,d rows)", scaledSeconds,
                                    set.rows()) : "");
                }
                // the same tags from every variant: baselines on the first rows against Mortar's rows of those
                Row mortar = checks.get("mortar");
                Row mortarOnSample = baselineRowsNow < set.rows() ? (s.write()
                        ? spark.read().parquet(work.resolve("out").resolve("mortar").toString())
                                .where("id < " + baselineRowsNow).selectExpr(CHECK).first()
                        : aggregate(RegexTagging.apply(spark.read().parquet(set.first(spark, baselineRowsNow)
                                .toString()), rules, TagOptions.defaults()))) : mortar;
                for (Map.Entry<String, Row> e : checks.entrySet()) {
                    Timings t = byVariant.get(e.getKey());
                    boolean onSample = baselineRowsNow < set.rows() && isBaseline(e.getKey());
                    Row expected = onSample ? mortarOnSample : mortar;
                    boolean same = e.getValue().equals(expected);
                    if (round >= 1) {
                        t.tagsPerRow = e.getValue().getLong(1) / (double) e.getValue().getLong(0);
                    }
                    if (!same) {
                        System.err.printf("%s %s: tags differ from Mortar's: %s, Mortar %s%n", c, e.getKey(),
                                e.getValue(), expected);
                        if (s.write()) {
                            showDifferences(spark, work, c.workload(), e.getKey(),
                                    onSample ? baselineRowsNow : set.rows());
                        }
                    }
                    t.check = e.getKey().equals("mortar") ? "" : same ? (t.check.equals("DIFFERENT") ? t.check
                            : "same tags") : "DIFFERENT";
                    if (round >= 1 && !e.getKey().equals("mortar")) {
                        t.ratios.add(scaled.get(e.getKey()) / scaled.get("mortar"));
                    }
                }
                if (round >= 1 && s.variants().contains("copy")) {
                    byVariant.get("copy").ratios.add(scaled.get("copy") / scaled.get("mortar"));
                }
            }
        }

        System.out.println();
        System.out.println("=== Mortar regex tagging, end to end on Spark ===");
        System.out.printf("machine: %d cores, Java %s; Spark %s local[%d]; load average %s at start, %s at end%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), spark.version(), cores,
                loadAtStart, LoadAverage.now());
        for (DataSet set : dataSets.values()) {
            System.out.printf("data, %s: %,d rows x 3 text columns (%s; %.1f characters each on average), %,d bytes"
                    + " of text, %,d bytes of Parquet in %d files%n", set.workload().label(), set.rows(),
                    String.join(", ", set.workload().columns()), set.charsPerColumn(), set.textBytes(),
                    set.parquetBytes(), FILES);
        }
        System.out.printf("job: read the Parquet, tag, %s; %d warm-up and %d counted rounds per case, the variants in"
                + " alternating order%n", s.write()
                ? "write every row with its tags as Parquet (all columns + array<string> tags)"
                : "aggregate count, total tags and a hash of every row's tags (nothing written)",
                s.warmup(), s.rounds());
        matcherStats.values().forEach(line -> System.out.println("matcher " + line));
        System.out.println();
        System.out.printf("%-8s %5s  %-11s %12s %11s %12s %11s %10s  %s%n", "workload", "rules", "variant",
                "rows timed", "median s", "s at " + shortCount(s.rows()), "MB/s/core", "tags/row", "check");
        for (Map.Entry<TaggingCase, Map<String, Timings>> byCase : results.entrySet()) {
            long textBytes = dataSets.get(byCase.getKey().workload()).textBytes();
            for (Map.Entry<String, Timings> e : byCase.getValue().entrySet()) {
                Timings t = e.getValue();
                double scaledMedian = Medians.of(t.scaledSeconds);
                System.out.printf("%-8s %5d  %-11s %12s %11.2f %12.2f %11s %10s  %s%n",
                        byCase.getKey().workload().label(), byCase.getKey().rules(), label(e.getKey()),
                        String.format("%,d", t.rowsTimed), Medians.of(t.seconds), scaledMedian,
                        MatcherThroughput.megabytes(textBytes / 1e6 / scaledMedian / cores),
                        e.getKey().equals("copy") ? "-" : String.format("%.2f", t.tagsPerRow),
                        e.getKey().equals("copy") ? "(no tags)" : e.getKey().equals("mortar") ? "reference"
                                : t.check + " as Mortar");
            }
        }
        System.out.println();
        System.out.println("--- Mortar against the baselines (each round's baseline time over Mortar's, median;"
                + " higher is better) ---");
        System.out.printf("%-8s %5s %14s %14s %14s %14s  %s%n", "workload", "rules", "vs naive UDF", "vs rlike",
                "vs mortar-udf", "copy/Mortar", "target");
        for (Map.Entry<TaggingCase, Map<String, Timings>> byCase : results.entrySet()) {
            TaggingCase c = byCase.getKey();
            Map<String, Timings> v = byCase.getValue();
            double naive = v.containsKey("naive") ? Medians.of(v.get("naive").ratios) : Double.NaN;
            double target = c.workload() != Workload.SPARSE ? Double.NaN
                    : c.rules() == 100 ? 10 : c.rules() == 1000 ? 50 : Double.NaN;
            String verdict = Double.isNaN(target) ? "" : String.format(">= %.0fx the naive UDF: %s", target,
                    Double.isNaN(naive) ? "not measured" : naive >= target ? "met" : "NOT met");
            System.out.printf("%-8s %5d %14s %14s %14s %14s  %s%n", c.workload().label(), c.rules(),
                    ratio(v, "naive"), ratio(v, "rlike"), ratio(v, "mortar-udf"), ratio(v, "copy"), verdict);
        }
        System.out.println();
        System.out.println("Mortar's first run per case in this JVM (rules compiled and broadcast, each thread's lazy"
                + " DFA built, JIT still compiling), seconds:");
        for (Map.Entry<TaggingCase, Map<String, Timings>> byCase : results.entrySet()) {
            System.out.printf("  %s: %.2f (counted rounds: median %.2f)%n", byCase.getKey(),
                    byCase.getValue().get("mortar").firstSeconds, Medians.of(byCase.getValue().get("mortar").seconds));
        }
        for (TaggingCase c : s.cases()) {
            long baselineRows = s.baselineRows(c);
            if (baselineRows < s.rows() && (s.variants().contains("naive") || s.variants().contains("rlike"))) {
                System.out.printf("(%s: the naive UDF and rlike ran on the first %,d rows and their times are scaled by"
                        + " %.0f to %,d rows; their tags were checked against Mortar's for those rows)%n", c,
                        baselineRows, s.rows() / (double) baselineRows, s.rows());
            }
        }
        System.out.println("(MB/s/core: bytes of text over the scaled median time over 2 cores; copy/Mortar: the share"
                + " of Mortar's time that reading and writing alone take)");
        FileUtils.deleteDirectory(work.toFile());
    }

    private static String ratio(Map<String, Timings> v, String variant) {
        if (!v.containsKey(variant) || v.get(variant).ratios.isEmpty()) {
            return "-";
        }
        double median = Medians.of(v.get(variant).ratios);
        return variant.equals("copy") ? String.format("%.2f", median) : String.format("%.1fx", median);
    }

    private static String label(String variant) {
        return switch (variant) {
            case "naive" -> "naive UDF";
            case "rlike" -> "Spark rlike";
            default -> variant;
        };
    }

    private static String shortCount(long rows) {
        return rows % 1_000_000 == 0 ? rows / 1_000_000 + "M" : rows % 1000 == 0 ? rows / 1000 + "k" : "N";
    }

    private static boolean isBaseline(String variant) {
        return variant.equals("naive") || variant.equals("rlike");
    }

    /** One variant's job; returns the check aggregate when nothing is written. */
    private static Row runVariant(SparkSession spark, String variant, Workload workload, List<TagRule> rules,
                                  Path input, Path out, boolean write) {
        Dataset<Row> in = spark.read().parquet(input.toString());
        List<String> columns = workload.columns();
        Dataset<Row> result = switch (variant) {
            case "mortar" -> RegexTagging.apply(in, rules, TagOptions.defaults());
            case "naive" -> in.withColumn("tags", combined(naiveColumns(rules)));
            case "rlike" -> in.withColumn("tags", combined(rlikeColumns(rules)));
            case "mortar-udf" -> in.withColumn("tags", MatcherUdf.column(rules, columns));
            case "copy" -> in;
            default -> throw new IllegalArgumentException("unknown variant " + variant);
        };
        if (!write) {
            return variant.equals("copy") // the texts read, as the others read them
                    ? result.selectExpr("sum(" + String.join(" + ", columns.stream().map(c -> "octet_length(" + c + ")")
                            .toList()) + ")").first()
                    : aggregate(result);
        }
        result.write().mode(SaveMode.ErrorIfExists).parquet(out.toString());
        return null;
    }

    private static Row aggregate(Dataset<Row> tagged) {
        return tagged.selectExpr(CHECK).first();
    }

    /** The rules' tag columns (each a tag or null) as one array: nulls dropped, first occurrences kept. */
    private static Column combined(List<Column> tagOrNull) {
        return array_distinct(array_compact(array(tagOrNull.toArray(Column[]::new))));
    }

    /** Naive: per rule, a UDF running its precompiled pattern's find() on each of its columns. */
    private static List<Column> naiveColumns(List<TagRule> rules) {
        List<Column> out = new ArrayList<>();
        for (TagRule rule : rules) {
            RuleUdf f = new RuleUdf(rule.tag(), Pattern.compile(rule.regex(), rule.flags()));
            Column[] columns = rule.columns().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
            UserDefinedFunction udf = switch (columns.length) {
                case 1 -> org.apache.spark.sql.functions.udf((UDF1<String, String>) f::call1, DataTypes.StringType);
                case 2 -> org.apache.spark.sql.functions.udf((UDF2<String, String, String>) f::call2,
                        DataTypes.StringType);
                case 3 -> org.apache.spark.sql.functions.udf((UDF3<String, String, String, String>) f::call3,
                        DataTypes.StringType);
                default -> throw new IllegalArgumentException("rules here read 1 to 3 columns");
            };
            out.add(udf.apply(columns));
        }
        return out;
    }

    /** One rule as a UDF: its tag when its pattern finds a match in any of its columns, else null. */
    static final class RuleUdf implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String tag;
        private final Pattern pattern; // compiled on the driver; Java serialization compiles it again, once per task

        RuleUdf(String tag, Pattern pattern) {
            this.tag = tag;
            this.pattern = pattern;
        }

        private boolean find(String text) {
            return text != null && pattern.matcher(text).find();
        }

        String call1(String a) {
            return find(a) ? tag : null;
        }

        String call2(String a, String b) {
            return find(a) || find(b) ? tag : null;
        }

        String call3(String a, String b, String c) {
            return find(a) || find(b) || find(c) ? tag : null;
        }
    }

    /** Spark's rlike per rule: {@code when(c1 rlike r OR c2 rlike r, tag)}; flags become inline flags. */
    private static List<Column> rlikeColumns(List<TagRule> rules) {
        List<Column> out = new ArrayList<>();
        for (TagRule rule : rules) {
            String regex = inline(rule.regex(), rule.flags());
            Column any = null;
            for (String c : rule.columns()) {
                Column test = col(c).rlike(regex);
                any = any == null ? test : any.or(test);
            }
            out.add(when(any, lit(rule.tag())));
        }
        return out;
    }

    private static String inline(String regex, int flags) {
        if ((flags & Pattern.LITERAL) != 0) {
            return inline(Pattern.quote(regex), flags & ~Pattern.LITERAL);
        }
        StringBuilder letters = new StringBuilder();
        int[] bits = {Pattern.CASE_INSENSITIVE, Pattern.MULTILINE, Pattern.DOTALL, Pattern.COMMENTS,
            Pattern.UNICODE_CASE, Pattern.UNIX_LINES, Pattern.UNICODE_CHARACTER_CLASS};
        String names = "imsxudU";
        for (int k = 0; k < bits.length; k++) {
            if ((flags & bits[k]) != 0) {
                letters.append(names.charAt(k));
            }
        }
        return letters.isEmpty() ? regex : "(?" + letters + ")" + regex;
    }

    /** Mortar's matcher from a plain Spark UDF over the three columns (strings decoded and arrays built by Spark). */
    static final class MatcherUdf implements UDF3<String, String, String, String[]> {
        private static final long serialVersionUID = 1L;
        private static final Map<List<String>, Compiled> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();
        private final ArrayList<String> spec = new ArrayList<>(); // the row's columns, then per rule: tag, columns,
                                                                  // regex, flags
        private transient Compiled compiled;

        private record Compiled(Tagger tagger, ThreadLocal<Tagger.Matching> matchings) {}

        MatcherUdf(List<TagRule> rules, List<String> columns) {
            spec.add(String.join(",", columns));
            for (TagRule r : rules) {
                spec.addAll(List.of(r.tag(), String.join(",", r.columns()), r.regex(), String.valueOf(r.flags())));
            }
        }

        static Column column(List<TagRule> rules, List<String> columns) {
            if (columns.size() != 3) {
                throw new IllegalArgumentException("the UDF reads three columns, not " + columns);
            }
            return org.apache.spark.sql.functions.udf(new MatcherUdf(rules, columns),
                    DataTypes.createArrayType(DataTypes.StringType)).apply(col(columns.get(0)), col(columns.get(1)),
                    col(columns.get(2)));
        }

        @Override
        public String[] call(String first, String second, String third) {
            if (compiled == null) {
                compiled = COMPILED.computeIfAbsent(spec, s -> {
                    List<TagRule> rules = new ArrayList<>();
                    for (int k = 1; k < s.size(); k += 4) {
                        rules.add(new TagRule(s.get(k), List.of(s.get(k + 1).split(",")), s.get(k + 2),
                                Integer.parseInt(s.get(k + 3))));
                    }
                    Tagger t = Tagger.compile(rules, List.of(s.get(0).split(",")), Tagger.Options.DEFAULTS);
                    return new Compiled(t, ThreadLocal.withInitial(t::newMatching));
                });
            }
            Tagger.Matching m = compiled.matchings().get();
            m.set(0, first);
            m.set(1, second);
            m.set(2, third);
            int n = m.matchRow();
            String[] out = new String[n];
            for (int k = 0; k < n; k++) {
                out[k] = compiled.tagger().tags().get(m.tag(k));
            }
            return out;
        }
    }

    /** The rows of the two outputs whose tags differ (the first few), for a failed check. */
    private static void showDifferences(SparkSession spark, Path work, Workload workload, String variant,
                                        long rows) {
        List<String> columns = new ArrayList<>(List.of("id", "tags AS theirs"));
        columns.addAll(workload.columns());
        Dataset<Row> a = spark.read().parquet(work.resolve("out").resolve(variant).toString())
                .selectExpr(columns.toArray(String[]::new));
        Dataset<Row> b = spark.read().parquet(work.resolve("out").resolve("mortar").toString())
                .where("id < " + rows).selectExpr("id", "tags AS mortar");
        a.join(b, "id").where("theirs <> mortar").orderBy("id").limit(5).collectAsList()
                .forEach(row -> System.err.println("  " + row));
    }

    /** Rows of three ~100-character texts of the workload, seeded by each partition's first id. */
    private static Dataset<Row> generate(SparkSession spark, Workload workload, long rows) {
        StructType schema = new StructType().add("id", DataTypes.LongType);
        for (String c : workload.columns()) {
            schema = schema.add(c, DataTypes.StringType);
        }
        return spark.range(0, rows, 1, FILES).mapPartitions((MapPartitionsFunction<Long, Row>) ids -> {
            List<Row> out = new ArrayList<>();
            TicketGenerator corpus = null;
            while (ids.hasNext()) {
                long id = ids.next();
                if (corpus == null) {
                    corpus = workload.generator(1_000_003L * id + 17);
                }
                String[] texts = corpus.row(100);
                out.add(RowFactory.create(id, texts[0], texts[1], texts[2]));
            }
            return out.iterator();
        }, Encoders.row(schema));
    }

    private static long folderBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
