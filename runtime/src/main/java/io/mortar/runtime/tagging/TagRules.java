package io.mortar.runtime.tagging;

import io.mortar.runtime.MortarContext;
import io.mortar.runtime.io.CsvOptions;
import io.mortar.runtime.io.Options;
import io.mortar.tagging.TagRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Tagging rules from a rule table: any DataFrame with the columns
 *
 * <ul>
 *   <li>{@code tag} (string): the tag a matching row gets;
 *   <li>{@code columns} ({@code array<string>}, or a string of comma-separated names): the columns the rule reads;
 *   <li>{@code regex} (string): a {@code java.util.regex} pattern, matched with {@code find()} (anywhere in the
 *       text unless anchored);
 *   <li>{@code flags} (optional; string or integer): letters as in Java's inline flags — {@code i}
 *       case-insensitive, {@code m} multiline, {@code s} dot-all, {@code x} comments, {@code u} Unicode case,
 *       {@code d} Unix lines, {@code U} Unicode character classes — or {@link Pattern}'s flag bits as a number;
 *       empty or null for none.
 * </ul>
 *
 * Other columns are ignored; names are matched without regard to case. Rules keep the table's row order (for a
 * JDBC table give a {@code query} with {@code ORDER BY} to fix it). The table can be a file (CSV with a header
 * line, JSON, Parquet, …), a catalog table or a JDBC table: see {@link #fromFile}, {@link #fromCatalog},
 * {@link #fromJdbc}. A row that is not a usable rule is an error naming it: "Rule 3 (row 4 of the rule table, tag
 * 'x'): …", numbered from 0 as {@link io.mortar.tagging.InvalidRuleException} numbers rules.
 */
public final class TagRules {
    public static final String TAG = "tag";
    public static final String COLUMNS = "columns";
    public static final String REGEX = "regex";
    public static final String FLAGS = "flags";

    private static final String FLAG_LETTERS = "imsxudU";
    private static final int[] FLAG_BITS = {Pattern.CASE_INSENSITIVE, Pattern.MULTILINE, Pattern.DOTALL,
        Pattern.COMMENTS, Pattern.UNICODE_CASE, Pattern.UNIX_LINES, Pattern.UNICODE_CHARACTER_CLASS};
    private static final int ALL_FLAGS = Pattern.UNIX_LINES | Pattern.CASE_INSENSITIVE | Pattern.COMMENTS
            | Pattern.MULTILINE | Pattern.LITERAL | Pattern.DOTALL | Pattern.UNICODE_CASE | Pattern.CANON_EQ
            | Pattern.UNICODE_CHARACTER_CLASS;

    private TagRules() {}

    /** The rules of a rule table (collected to the driver: rule tables are small). */
    public static List<TagRule> fromDataFrame(Dataset<Row> table) {
        StructType schema = table.schema();
        List<String> select = new ArrayList<>();
        for (String name : List.of(TAG, COLUMNS, REGEX, FLAGS)) {
            StructField field = field(schema, name);
            if (field == null && !name.equals(FLAGS)) {
                throw new IllegalArgumentException("The rule table has no column '" + name + "'; a rule table has "
                        + "the columns tag, columns, regex and optionally flags, but this one has "
                        + List.of(schema.fieldNames()));
            }
            if (field != null) {
                select.add(field.name());
            }
        }
        Dataset<Row> selected = table.selectExpr(select.stream().map(n -> "`" + n.replace("`", "``") + "`")
                .toArray(String[]::new));
        return fromRows(selected.collectAsList(), selected.schema());
    }

    /** The rules of rows of a rule table's {@code schema}. */
    public static List<TagRule> fromRows(List<Row> rows, StructType schema) {
        StructField tag = field(schema, TAG);
        StructField columns = field(schema, COLUMNS);
        StructField regex = field(schema, REGEX);
        StructField flags = field(schema, FLAGS);
        for (StructField required : new StructField[] {tag, columns, regex}) {
            if (required == null) {
                throw new IllegalArgumentException("The rule table needs the columns tag, columns and regex, but has "
                        + List.of(schema.fieldNames()));
            }
        }
        checkType(tag, "a string");
        checkType(regex, "a string");
        DataType columnsType = columns.dataType();
        if (!(columnsType instanceof StringType) && !(columnsType instanceof ArrayType a
                && a.elementType() instanceof StringType)) {
            throw new IllegalArgumentException("The rule table's column 'columns' must be array<string> or a string"
                    + " of comma-separated names, but is " + columnsType.simpleString());
        }
        if (flags != null && !(flags.dataType() instanceof StringType) && !(flags.dataType() instanceof IntegralType)) {
            throw new IllegalArgumentException("The rule table's column 'flags' must be a string of flag letters or"
                    + " an integer, but is " + flags.dataType().simpleString());
        }
        int tagAt = schema.fieldIndex(tag.name());
        int columnsAt = schema.fieldIndex(columns.name());
        int regexAt = schema.fieldIndex(regex.name());
        int flagsAt = flags == null ? -1 : schema.fieldIndex(flags.name());
        List<TagRule> out = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            String tagValue = row.isNullAt(tagAt) ? null : row.getString(tagAt);
            String name = "Rule " + r + " (row " + (r + 1) + " of the rule table, tag '" + tagValue + "')";
            if (tagValue == null || tagValue.isBlank()) {
                throw new IllegalArgumentException(name + ": the tag is empty");
            }
            if (row.isNullAt(regexAt) || row.getString(regexAt).isEmpty()) {
                throw new IllegalArgumentException(name + ": the regex is empty");
            }
            List<String> ruleColumns = columns(row, columnsAt);
            if (ruleColumns.isEmpty()) {
                throw new IllegalArgumentException(name + ": it names no column to read ('columns' is empty)");
            }
            int ruleFlags;
            try {
                ruleFlags = flagsAt < 0 || row.isNullAt(flagsAt) ? 0 : flags(row.get(flagsAt));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
            out.add(new TagRule(tagValue, ruleColumns, row.getString(regexAt), ruleFlags));
        }
        return out;
    }

    /**
     * {@link Pattern} flags from letters ({@code "i"}, {@code "is"}; Java's inline flag letters {@code imsxudU}),
     * a number (the flag bits), or nothing.
     */
    public static int parseFlags(String flags) {
        if (flags == null || flags.isBlank()) {
            return 0;
        }
        String f = flags.strip();
        if (f.chars().allMatch(Character::isDigit)) {
            return checkBits(Long.parseLong(f), flags);
        }
        int out = 0;
        for (int k = 0; k < f.length(); k++) {
            int at = FLAG_LETTERS.indexOf(f.charAt(k));
            if (at < 0) {
                throw new IllegalArgumentException("the flags '" + flags + "' hold '" + f.charAt(k) + "', which is not"
                        + " a flag; use the letters i (case-insensitive), m (multiline), s (dot matches all), x"
                        + " (comments), u (Unicode case), d (Unix lines), U (Unicode classes), or a number");
            }
            out |= FLAG_BITS[at];
        }
        return out;
    }

    private static int flags(Object value) {
        if (value instanceof Number n) {
            return checkBits(n.longValue(), String.valueOf(value));
        }
        return parseFlags(String.valueOf(value));
    }

    private static int checkBits(long bits, String written) {
        if (bits < 0 || (bits & ~ALL_FLAGS) != 0) {
            throw new IllegalArgumentException("the flags " + written + " are not java.util.regex.Pattern flag bits");
        }
        return (int) bits;
    }

    private static List<String> columns(Row row, int at) {
        if (row.isNullAt(at)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        Object value = row.get(at);
        if (value instanceof String s) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        } else {
            for (Object c : row.getList(at)) {
                if (c != null && !c.toString().isBlank()) {
                    out.add(c.toString().strip());
                }
            }
        }
        return out;
    }

    // ---- rule tables where they live ----

    /**
     * A rule file (or folder of files): {@code csv}, {@code json} (one rule object per line; {@code multiLine} for
     * a document), {@code parquet}, {@code orc} or {@code avro}; {@code format} null to take it from the path's
     * extension. CSV takes Glue's format options ({@code separator}, {@code quoteChar}, {@code escaper}, …) and has a
     * header line unless {@code withHeader} is false; a quote inside a quoted value is doubled ({@code ""}, as
     * spreadsheets write it) unless {@code escaper} says otherwise, so backslashes are the regex's own; values are
     * read as text, never typed by content (Spark's inference would turn a regex {@code 0123} into the number 123).
     */
    public static List<TagRule> fromFile(MortarContext mortar, String path, String format,
                                         Map<String, ?> formatOptions) {
        String resolvedFormat = format != null && !format.isBlank() ? format : formatOf(path);
        Map<String, Object> options = new LinkedHashMap<>();
        if ("csv".equalsIgnoreCase(resolvedFormat)) {
            options.put("withHeader", true);
            options.put("escaper", "\""); // RFC 4180: "" is a quote, and a regex's backslashes stay as written
        }
        if (formatOptions != null) {
            options.putAll(formatOptions);
        }
        if ("csv".equalsIgnoreCase(resolvedFormat)) {
            CsvOptions csv = CsvOptions.fromFormatOptions(Options.of("format option", options));
            return fromDataFrame(mortar.spark().read().options(csv.sparkReadOptions()).option("inferSchema", "false")
                    .csv(path));
        }
        String type = path.startsWith("s3://") || path.startsWith("s3a://") ? "s3" : "file";
        return fromDataFrame(mortar.fromOptions(type, Map.of("paths", List.of(path)), resolvedFormat, options)
                .dataFrame());
    }

    /** A catalog table of rules, read with its catalog column types. */
    public static List<TagRule> fromCatalog(MortarContext mortar, String database, String table) {
        return fromDataFrame(mortar.fromCatalog(database, table).dataFrame());
    }

    /**
     * A JDBC table of rules: {@code connectionName} (a catalog connection) or {@code url}/{@code user}/
     * {@code password}, and {@code dbtable} or {@code query}, as {@link MortarContext#fromOptions} takes them.
     */
    public static List<TagRule> fromJdbc(MortarContext mortar, String connectionType, Map<String, ?> options) {
        return fromDataFrame(mortar.fromOptions(connectionType == null ? "jdbc" : connectionType, options, null,
                Map.of()).dataFrame());
    }

    /** The format a rule file's name says: {@code .csv}, {@code .json}/{@code .jsonl}, {@code .parquet}, … */
    static String formatOf(String path) {
        String name = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        for (String[] ext : new String[][] {{".csv", "csv"}, {".json", "json"}, {".jsonl", "json"},
            {".ndjson", "json"}, {".parquet", "parquet"}, {".orc", "orc"}, {".avro", "avro"}}) {
            if (name.endsWith(ext[0]) || name.endsWith(ext[0] + ".gz")) {
                return ext[1];
            }
        }
        throw new IllegalArgumentException("The rule file " + path + " has no extension that says its format; give"
                + " the format (csv, json, parquet, orc or avro)");
    }

    private static StructField field(StructType schema, String name) {
        for (StructField f : schema.fields()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    private static void checkType(StructField field, String expected) {
        if (!(field.dataType() instanceof StringType)) {
            throw new IllegalArgumentException("The rule table's column '" + field.name() + "' must be " + expected
                    + ", but is " + field.dataType().simpleString());
        }
    }
}
