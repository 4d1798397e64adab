package io.mortar.runtime.io;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a CSV file is laid out: Glue's {@code format_options} ({@code separator}, {@code quoteChar} ({@code -1}
 * turns quoting off), {@code escaper}, {@code withHeader}, {@code skipFirst}, {@code multiLine},
 * {@code writeHeader}) or a catalog table's SerDe parameters, translated to Spark's CSV options.
 */
public record CsvOptions(String separator, String quote, String escape, boolean header, boolean multiLine,
                         boolean writeHeader) {
    /** Spark turns quoting off with the NUL character as the quote. */
    static final String NO_QUOTE = "\u0000";
    static final String LAZY_SIMPLE_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    static final String OPEN_CSV_SERDE = "org.apache.hadoop.hive.serde2.OpenCSVSerde";

    public static CsvOptions defaults() {
        return new CsvOptions(",", "\"", "\\", false, false, true);
    }

    public static CsvOptions fromFormatOptions(Options format) {
        String quote = format.string("quoteChar", "\"");
        boolean header = format.bool("withHeader", false) || format.bool("skipFirst", false);
        return new CsvOptions(
                single(format, "separator", ","),
                "-1".equals(quote) ? NO_QUOTE : checkSingle("quoteChar", quote),
                single(format, "escaper", "\\"),
                header,
                format.bool("multiLine", false),
                format.bool("writeHeader", true));
    }

    /**
     * From a table's SerDe: OpenCSVSerde's {@code separatorChar}/{@code quoteChar}/{@code escapeChar}, or
     * LazySimpleSerDe's {@code field.delim} (no quoting, Hive's {@code \u0001} default) and
     * {@code escape.delim}; {@code skip.header.line.count} from the table (or SerDe) parameters.
     */
    public static CsvOptions fromSerDe(String serDeLibrary, Map<String, String> serDeParams,
                                       Map<String, String> tableParams) {
        Map<String, String> params = new LinkedHashMap<>(tableParams);
        params.putAll(serDeParams);
        int skip = Integer.parseInt(params.getOrDefault("skip.header.line.count", "0").trim());
        if (skip > 1) {
            throw new IllegalArgumentException("The table parameter skip.header.line.count is " + skip
                    + "; Mortar can skip at most one header line");
        }
        boolean header = skip == 1;
        if (serDeLibrary != null && serDeLibrary.equals(OPEN_CSV_SERDE)) {
            return new CsvOptions(params.getOrDefault("separatorChar", ","),
                    params.getOrDefault("quoteChar", "\""), params.getOrDefault("escapeChar", "\\"),
                    header, false, header);
        }
        String delimiter = Optional.ofNullable(params.get("field.delim"))
                .or(() -> Optional.ofNullable(params.get("separatorChar")))
                .or(() -> Optional.ofNullable(params.get("delimiter")))
                .orElse(serDeLibrary == null || serDeLibrary.isBlank() ? "," : "\u0001");
        return new CsvOptions(delimiter, params.getOrDefault("quoteChar", NO_QUOTE),
                params.getOrDefault("escape.delim", "\\"), header, false, header);
    }

    /** The options of a CSV table Spark SQL created ({@code OPTIONS (sep ',', header 'true')}). */
    public static CsvOptions fromSparkOptions(Map<String, String> options) {
        String separator = options.getOrDefault("sep", options.getOrDefault("delimiter", ","));
        boolean header = Boolean.parseBoolean(options.getOrDefault("header", "false"));
        return new CsvOptions(separator, options.getOrDefault("quote", "\""), options.getOrDefault("escape", "\\"),
                header, Boolean.parseBoolean(options.getOrDefault("multiLine", "false")), header);
    }

    public Map<String, String> sparkReadOptions() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("sep", separator);
        out.put("quote", quote);
        out.put("escape", escape);
        out.put("header", String.valueOf(header));
        out.put("multiLine", String.valueOf(multiLine));
        // Columns are named by the catalog (or col0…), by position; a header line only gets skipped.
        out.put("enforceSchema", "true");
        return out;
    }

    public Map<String, String> sparkWriteOptions() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("sep", separator);
        out.put("quote", quote);
        out.put("escape", escape);
        out.put("header", String.valueOf(writeHeader));
        return out;
    }

    /** The SerDe a table written with these options declares. */
    public Map<String, String> serDeParameters() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("field.delim", separator);
        out.put("serialization.format", separator);
        return out;
    }

    private static String single(Options format, String name, String defaultValue) {
        return checkSingle(name, format.string(name, defaultValue));
    }

    private static String checkSingle(String name, String value) {
        String unescaped = value.equals("\\t") ? "\t" : value;
        if (unescaped.length() != 1) {
            throw new IllegalArgumentException("The format option '" + name + "' must be a single character but was '"
                    + value + "'");
        }
        return unescaped;
    }
}
