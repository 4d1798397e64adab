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
import io.mortar.tagging.samples.SampleTickets;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Regex tagging end to end on Spark: read 1,000,000 rows of three ~100-character text columns from Parquet, tag
 * each row with every matching rule of R realistic rules ({@link SampleTickets}: keywords with word boundaries,
 * case-insensitive alternations, identifiers with character classes, anchors, e-mail and URL shapes, rules without a
 * literal), and write the rows with their tags as Parquet — for R = 10, 100 and 1000, through
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
 * All variants read the same Parquet files (generated once from a seed) in the same session, in rounds that
 * alternate their order; each round's outputs are checked to hold the same tags (row count, total tags and an XOR of
 * per-row hashes of id and tags). Mortar's ratios are each round's baseline time over Mortar's, the median over the
 * rounds. At R ≥ {@code --sample-from} (1000) the baselines, which take about a second per row there, run on the
 * first {@code --sample-rows} (100,000) rows and their times are scaled to the full row count (said in the output);
 * their warm-up rounds always run on those rows.
 *
 * <p>Run from the repository root (bench/README.md has the line with Spark's {@code --add-opens}):
 * {@code java $OPTS -Xmx6g -cp 'bench/target/mortar-bench.jar:runtime/target/jars/*'
 * io.mortar.bench.tagging.TaggingSparkBenchmark [--rows 1000000] [--rules 10,100,1000] [--rounds 3] [--warmup 1]
 * [--sample-rows 100000] [--sample-from 1000] [--variants mortar,naive,rlike,copy] [--output write|aggregate]
 * [--data DIR]}.
 */
public final class TaggingSparkBenchmark {
    private static final StructType SCHEMA = new StructType().add("id", DataTypes.LongType)
            .add("subject", DataTypes.StringType).add("body", DataTypes.StringType).add("notes", DataTypes.StringType);
    private static final int FILES = 8;
    private static final String[] CHECK = {"count(*) AS n", "sum(size(tags)) AS tags",
        "bit_xor(xxhash64(id, array_join(tags, '|'))) AS hash"};

    private TaggingSparkBenchmark() {}

    private record Settings(long rows, List<Integer> ruleCounts, int rounds, int warmup, long sampleRows,
                            int sampleFrom, List<String> variants, boolean write, Path data) {}

    public static void main(String[] args) throws Exception {
        long rows = 1_000_000;
        List<Integer> ruleCounts = List.of(10, 100, 1000);
        int rounds = 3;
        int warmup = 1;
        long sampleRows = 100_000;
        int sampleFrom = 1000;
        List<String> variants = List.of("mortar", "naive", "rlike", "copy");
        boolean write = true;
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--rules" -> ruleCounts = Stream.of(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--sample-rows" -> sampleRows = Long.parseLong(args[++i]);
                case "--sample-from" -> sampleFrom = Integer.parseInt(args[++i]);
                case "--variants" -> variants = List.of(args[++i].split(","));
                case "--output" -> write = switch (args[++i]) {
                    case "write" -> true;
                    case "aggregate" -> false;
                    default -> throw new IllegalArgumentException("--output write|aggregate");
                };
                case "--data" -> data = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: TaggingSparkBenchmark [--rows N] [--rules 10,100,1000] [--rounds N]"
                            + " [--warmup N] [--sample-rows N] [--sample-from R] [--variants mortar,naive,rlike,copy"
                            + "[,mortar-udf]] [--output write|aggregate] [--data DIR]");
                    System.exit(2);
                }
            }
        }
        if (!variants.contains("mortar")) {
            throw new IllegalArgumentException("--variants must include mortar: the others are measured against it");
        }
        run(new Settings(rows, ruleCounts, rounds, warmup, Math.min(sampleRows, rows), sampleFrom, variants, write,
                data));
        System.exit(0);
    }

    /** The counted rounds of one variant at one R. */
    private static final class Timings {
        final List<Double> seconds = new ArrayList<>();
        final List<Double> scaledSeconds = new ArrayList<>(); // to the full row count
        final List<Double> ratios = new ArrayList<>();        // this variant's scaled time over Mortar's, per round
        double firstSeconds = Double.NaN;                     // the first (warm-up) run in this JVM
        long rowsTimed;
        double tagsPerRow;
        String check = "";
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
        Path full = data.resolve("rows-" + s.rows());
        if (!Files.exists(full.resolve("_SUCCESS"))) {
            System.err.printf("generating %,d rows x 3 text columns of ~100 characters (SampleTickets, seeded) as Parquet"
                    + " in %s%n", s.rows(), full);
            generate(spark, s.rows()).write().mode(SaveMode.Overwrite).parquet(full.toString());
        }
        Path sample = data.resolve("rows-" + s.rows() + "-first-" + s.sampleRows());
        if (s.sampleRows() < s.rows() && !Files.exists(sample.resolve("_SUCCESS"))) {
            spark.read().parquet(full.toString()).where("id < " + s.sampleRows()).repartition(cores)
                    .write().mode(SaveMode.Overwrite).parquet(sample.toString());
        }
        Row size = spark.read().parquet(full.toString()).selectExpr("count(*)",
                "sum(octet_length(subject) + octet_length(body) + octet_length(notes))",
                "avg(length(subject) + length(body) + length(notes)) / 3").first();
        long textBytes = size.getLong(1);
        long parquetBytes = folderBytes(full);

        Map<Integer, Map<String, Timings>> results = new LinkedHashMap<>();
        Map<Integer, String> matcherStats = new LinkedHashMap<>();
        for (int r : s.ruleCounts()) {
            List<TagRule> rules = new SampleTickets(42).rules(r);
            long t0 = System.nanoTime();
            Tagger tagger = Tagger.compile(rules, SampleTickets.COLUMNS, Tagger.Options.DEFAULTS);
            matcherStats.put(r, String.format("R=%d: compiled in %.0f ms; %d rules prefiltered by literals (%d of them"
                    + " decided at the literal hits), %d decided by the lazy DFA", r, (System.nanoTime() - t0) / 1e6,
                    tagger.rulesWithLiterals(), tagger.rulesDecidedByLiterals(), tagger.rulesDecidedByAutomaton()));
            boolean sampled = r >= s.sampleFrom() && s.sampleRows() < s.rows();
            Map<String, Timings> byVariant = new LinkedHashMap<>();
            s.variants().forEach(v -> byVariant.put(v, new Timings()));
            results.put(r, byVariant);
            for (int round = 1 - s.warmup(); round <= s.rounds(); round++) {
                List<String> order = new ArrayList<>(s.variants());
                if (round % 2 == 0) {
                    java.util.Collections.reverse(order);
                }
                Map<String, Row> checks = new LinkedHashMap<>();
                Map<String, Double> scaled = new LinkedHashMap<>();
                // the baselines warm up on the sample (the JIT needs no million rows), and run on it at R >= sampleFrom
                boolean baselinesOnSample = s.sampleRows() < s.rows() && (sampled || round < 1);
                for (String variant : order) {
                    boolean onSample = baselinesOnSample && isBaseline(variant);
                    Path input = onSample ? sample : full;
                    long rowsIn = onSample ? s.sampleRows() : s.rows();
                    Path out = work.resolve("out").resolve(variant);
                    FileUtils.deleteDirectory(out.toFile());
                    long start = System.nanoTime();
                    Row aggregate = runVariant(spark, variant, rules, input, out, s.write());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (!variant.equals("copy")) {
                        checks.put(variant, aggregate != null ? aggregate
                                : spark.read().parquet(out.toString()).selectExpr(CHECK).first());
                    }
                    double scaledSeconds = seconds * s.rows() / rowsIn;
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
                    System.err.printf("R=%d %s %d: %-10s %8.2f s on %,d rows%s%n", r, round < 1 ? "warm-up" : "round",
                            round < 1 ? round + s.warmup() : round, variant, seconds, rowsIn,
                            onSample ? String.format(" (%.1f s scaled to %,d rows)", scaledSeconds, s.rows()) : "");
                }
                // the same tags from every variant: baselines on the sample against Mortar's rows of the sample
                Row mortar = checks.get("mortar");
                Row mortarOnSample = baselinesOnSample ? (s.write()
                        ? spark.read().parquet(work.resolve("out").resolve("mortar").toString())
                                .where("id < " + s.sampleRows()).selectExpr(CHECK).first()
                        : aggregate(RegexTagging.apply(spark.read().parquet(sample.toString()), rules,
                                TagOptions.defaults()))) : mortar;
                for (Map.Entry<String, Row> e : checks.entrySet()) {
                    Timings t = byVariant.get(e.getKey());
                    boolean onSample = baselinesOnSample && isBaseline(e.getKey());
                    Row expected = onSample ? mortarOnSample : mortar;
                    boolean same = e.getValue().equals(expected);
                    if (round >= 1) {
                        t.tagsPerRow = e.getValue().getLong(1) / (double) e.getValue().getLong(0);
                    }
                    if (!same) {
                        System.err.printf("R=%d %s: tags differ from Mortar's: %s, Mortar %s%n", r, e.getKey(),
                                e.getValue(), expected);
                        if (s.write()) {
                            showDifferences(spark, work, e.getKey(), onSample ? s.sampleRows() : s.rows());
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
        System.out.printf("data: %,d rows x 3 text columns (subject, body, notes; %.1f characters each on average),"
                + " %,d bytes of text, %,d bytes of Parquet in %d files%n", size.getLong(0), size.getDouble(2),
                textBytes, parquetBytes, FILES);
        System.out.printf("job: read the Parquet, tag, %s; %d warm-up and %d counted rounds per R, the variants in"
                + " alternating order%n", s.write()
                ? "write every row with its tags as Parquet (all columns + array<string> tags)"
                : "aggregate count, total tags and a hash of every row's tags (nothing written)",
                s.warmup(), s.rounds());
        matcherStats.values().forEach(line -> System.out.println("matcher " + line));
        System.out.println();
        System.out.printf("%5s  %-11s %12s %11s %12s %11s %10s  %s%n", "rules", "variant", "rows timed", "median s",
                "s at " + shortCount(s.rows()), "MB/s/core", "tags/row", "check");
        for (Map.Entry<Integer, Map<String, Timings>> byR : results.entrySet()) {
            for (Map.Entry<String, Timings> e : byR.getValue().entrySet()) {
                Timings t = e.getValue();
                double scaledMedian = Medians.of(t.scaledSeconds);
                System.out.printf("%5d  %-11s %12s %11.2f %12.2f %11.2f %10s  %s%n", byR.getKey(), label(e.getKey()),
                        String.format("%,d", t.rowsTimed), Medians.of(t.seconds), scaledMedian,
                        textBytes / 1e6 / scaledMedian / cores,
                        e.getKey().equals("copy") ? "-" : String.format("%.2f", t.tagsPerRow),
                        e.getKey().equals("copy") ? "(no tags)" : e.getKey().equals("mortar") ? "reference"
                                : t.check + " as Mortar");
            }
        }
        System.out.println();
        System.out.println("--- Mortar against the baselines (each round's baseline time over Mortar's, median;"
                + " higher is better) ---");
        System.out.printf("%5s %14s %14s %14s %14s  %s%n", "rules", "vs naive UDF", "vs rlike", "vs mortar-udf",
                "copy/Mortar", "target");
        for (Map.Entry<Integer, Map<String, Timings>> byR : results.entrySet()) {
            int r = byR.getKey();
            Map<String, Timings> v = byR.getValue();
            double naive = v.containsKey("naive") ? Medians.of(v.get("naive").ratios) : Double.NaN;
            double target = r == 100 ? 10 : r == 1000 ? 50 : Double.NaN;
            String verdict = Double.isNaN(target) ? "" : String.format(">= %.0fx the naive UDF: %s", target,
                    Double.isNaN(naive) ? "not measured" : naive >= target ? "met" : "NOT met");
            System.out.printf("%5d %14s %14s %14s %14s  %s%n", r, ratio(v, "naive"), ratio(v, "rlike"),
                    ratio(v, "mortar-udf"), ratio(v, "copy"), verdict);
        }
        System.out.println();
        System.out.println("Mortar's first run per R in this JVM (rules compiled and broadcast, each thread's lazy DFA"
                + " built, JIT still compiling), seconds:");
        for (Map.Entry<Integer, Map<String, Timings>> byR : results.entrySet()) {
            System.out.printf("  R=%d: %.2f (counted rounds: median %.2f)%n", byR.getKey(),
                    byR.getValue().get("mortar").firstSeconds, Medians.of(byR.getValue().get("mortar").seconds));
        }
        boolean anySampled = s.ruleCounts().stream().anyMatch(r -> r >= s.sampleFrom()) && s.sampleRows() < s.rows();
        if (anySampled) {
            System.out.printf("(at R >= %d the naive UDF and rlike ran on the first %,d rows and their times are"
                    + " scaled by %.0f to %,d rows; their tags were checked against Mortar's for those rows)%n",
                    s.sampleFrom(), s.sampleRows(), s.rows() / (double) s.sampleRows(), s.rows());
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
    private static Row runVariant(SparkSession spark, String variant, List<TagRule> rules, Path input, Path out,
                                  boolean write) {
        Dataset<Row> in = spark.read().parquet(input.toString());
        Dataset<Row> result = switch (variant) {
            case "mortar" -> RegexTagging.apply(in, rules, TagOptions.defaults());
            case "naive" -> in.withColumn("tags", combined(naiveColumns(rules)));
            case "rlike" -> in.withColumn("tags", combined(rlikeColumns(rules)));
            case "mortar-udf" -> in.withColumn("tags", MatcherUdf.column(rules));
            case "copy" -> in;
            default -> throw new IllegalArgumentException("unknown variant " + variant);
        };
        if (!write) {
            return variant.equals("copy") // the texts read, as the others read them
                    ? result.selectExpr("sum(octet_length(subject) + octet_length(body) + octet_length(notes))").first()
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
        private final ArrayList<String> spec = new ArrayList<>(); // per rule: tag, columns joined, regex, flags
        private transient Compiled compiled;

        private record Compiled(Tagger tagger, ThreadLocal<Tagger.Matching> matchings) {}

        MatcherUdf(List<TagRule> rules) {
            for (TagRule r : rules) {
                spec.addAll(List.of(r.tag(), String.join(",", r.columns()), r.regex(), String.valueOf(r.flags())));
            }
        }

        static Column column(List<TagRule> rules) {
            return org.apache.spark.sql.functions.udf(new MatcherUdf(rules),
                    DataTypes.createArrayType(DataTypes.StringType)).apply(col("subject"), col("body"), col("notes"));
        }

        @Override
        public String[] call(String subject, String body, String notes) {
            if (compiled == null) {
                compiled = COMPILED.computeIfAbsent(spec, s -> {
                    List<TagRule> rules = new ArrayList<>();
                    for (int k = 0; k < s.size(); k += 4) {
                        rules.add(new TagRule(s.get(k), List.of(s.get(k + 1).split(",")), s.get(k + 2),
                                Integer.parseInt(s.get(k + 3))));
                    }
                    Tagger t = Tagger.compile(rules, SampleTickets.COLUMNS, Tagger.Options.DEFAULTS);
                    return new Compiled(t, ThreadLocal.withInitial(t::newMatching));
                });
            }
            Tagger.Matching m = compiled.matchings().get();
            m.set(0, subject);
            m.set(1, body);
            m.set(2, notes);
            int n = m.matchRow();
            String[] out = new String[n];
            for (int k = 0; k < n; k++) {
                out[k] = compiled.tagger().tags().get(m.tag(k));
            }
            return out;
        }
    }

    /** The rows of the two outputs whose tags differ (the first few), for a failed check. */
    private static void showDifferences(SparkSession spark, Path work, String variant, long rows) {
        Dataset<Row> a = spark.read().parquet(work.resolve("out").resolve(variant).toString())
                .selectExpr("id", "tags AS theirs", "subject", "body", "notes");
        Dataset<Row> b = spark.read().parquet(work.resolve("out").resolve("mortar").toString())
                .where("id < " + rows).selectExpr("id", "tags AS mortar");
        a.join(b, "id").where("theirs <> mortar").orderBy("id").limit(5).collectAsList()
                .forEach(row -> System.err.println("  " + row));
    }

    /** Rows of three ~100-character texts from {@link SampleTickets}, seeded by each partition's first id. */
    private static Dataset<Row> generate(SparkSession spark, long rows) {
        return spark.range(0, rows, 1, FILES).mapPartitions((MapPartitionsFunction<Long, Row>) ids -> {
            List<Row> out = new ArrayList<>();
            SampleTickets corpus = null;
            while (ids.hasNext()) {
                long id = ids.next();
                if (corpus == null) {
                    corpus = new SampleTickets(1_000_003L * id + 17);
                }
                String[] texts = corpus.row(100);
                out.add(RowFactory.create(id, texts[0], texts[1], texts[2]));
            }
            return out.iterator();
        }, Encoders.row(SCHEMA));
    }

    private static long folderBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
