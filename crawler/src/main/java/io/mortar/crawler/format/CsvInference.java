package io.mortar.crawler.format;

import io.mortar.crawler.schema.Column;
import io.mortar.crawler.schema.GlueType;
import io.mortar.crawler.schema.SchemaMerger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Glue's CSV classification over a text sample: the first delimiter (of the settings') giving every row the same
 * number of cells, at least 2 cells (unless single columns are allowed) and at least 2 rows; then the header
 * decision and the column types.
 *
 * <p>Row 1 is a header (when the settings do not say) only if every cell is a string, every cell but the last is
 * shorter than 150 characters (the last may be empty in every row: a trailing delimiter), every cell is a valid
 * column name, and at least one data column is not a string. An all-text file therefore has no header and its
 * columns are {@code col0}, {@code col1}, …
 */
public final class CsvInference {
    private static final int MAX_HEADER_CELL = 150;
    /** Custom data types DATE and TIMESTAMP ask for dates whatever the options say. */
    private static final ValueTyper DATES = new ValueTyper(true);

    /** What the sample showed. */
    public record Result(char delimiter, boolean header, boolean quoted, List<Column> columns, int dataRows) {
    }

    private final ValueTyper typer;

    public CsvInference(ValueTyper typer) {
        this.typer = typer;
    }

    public Optional<Result> infer(TextSample sample, CsvSettings settings, int maxRecords) {
        String text = sample.text();
        for (char delimiter : settings.delimiters()) {
            CsvRows.Parsed parsed = CsvRows.parse(text, delimiter, settings.quote(), maxRecords + 1,
                    sample.truncated());
            List<List<String>> rows = parsed.rows();
            if (rows.size() < 2) {
                continue;
            }
            int width = rows.get(0).size();
            if (width < 2 && !settings.allowSingleColumn()) {
                continue;
            }
            if (!rows.stream().allMatch(r -> r.size() == width)) {
                continue;
            }
            if (settings.trimValues()) {
                rows = rows.stream().map(r -> r.stream().map(String::trim).toList()).toList();
            }
            return Optional.of(describe(delimiter, parsed.quoted(), rows, settings));
        }
        return Optional.empty();
    }

    private Result describe(char delimiter, boolean quoted, List<List<String>> rows, CsvSettings settings) {
        int width = rows.get(0).size();
        boolean header = settings.headerPresent() != null
                ? settings.headerPresent()
                : looksLikeHeader(rows);
        List<List<String>> data = header ? rows.subList(1, rows.size()) : rows;
        List<GlueType> types = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            types.add(columnType(data, c, settings));
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            if (c < settings.header().size()) {
                names.add(columnName(settings.header().get(c)));
            } else if (header) {
                String cell = rows.get(0).get(c).trim();
                names.add(cell.isEmpty() ? "col" + c : columnName(cell));
            } else {
                names.add("col" + c);
            }
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            columns.add(new Column(names.get(c), types.get(c)));
        }
        return new Result(delimiter, header, quoted, columns, data.size());
    }

    private GlueType columnType(List<List<String>> data, int column, CsvSettings settings) {
        GlueType type = null;
        for (List<String> row : data) {
            GlueType value = settings.customTypes() == null
                    ? typer.type(row.get(column))
                    : customType(row.get(column), settings);
            type = SchemaMerger.merge(type, value);
        }
        return type == null ? GlueType.STRING : type;
    }

    /** A value typed among a custom classifier's allowed types (narrowest first), else string. */
    private GlueType customType(String value, CsvSettings settings) {
        GlueType builtIn = typer.type(value);
        if (builtIn == null) {
            return null;
        }
        var allowed = settings.customTypes();
        if (builtIn.equals(GlueType.BIGINT)) {
            long v;
            try {
                v = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                v = Long.MAX_VALUE;
            }
            if (allowed.contains("SHORT") && v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                return GlueType.SMALLINT;
            }
            if (allowed.contains("INT") && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                return GlueType.INT;
            }
            if (allowed.contains("LONG")) {
                return GlueType.BIGINT;
            }
        }
        if (builtIn.equals(GlueType.BIGINT) || builtIn.equals(GlueType.DOUBLE)) {
            if (allowed.contains("DOUBLE")) {
                return GlueType.DOUBLE;
            }
            if (allowed.contains("FLOAT")) {
                return GlueType.FLOAT;
            }
            if (allowed.contains("DECIMAL")) {
                return GlueType.decimal(38, 18);
            }
            return GlueType.STRING;
        }
        if (builtIn.equals(GlueType.BOOLEAN) && allowed.contains("BOOLEAN")) {
            return GlueType.BOOLEAN;
        }
        GlueType temporal = DATES.type(value);
        if (GlueType.DATE.equals(temporal) && allowed.contains("DATE")) {
            return GlueType.DATE;
        }
        if ((GlueType.TIMESTAMP.equals(temporal) || GlueType.DATE.equals(temporal)) && allowed.contains("TIMESTAMP")) {
            return GlueType.TIMESTAMP;
        }
        return GlueType.STRING;
    }

    private boolean looksLikeHeader(List<List<String>> rows) {
        List<String> first = rows.get(0);
        int width = first.size();
        boolean lastEmptyThroughout = rows.stream().allMatch(r -> r.get(width - 1).isEmpty());
        for (int c = 0; c < width; c++) {
            String cell = first.get(c);
            boolean last = c == width - 1;
            if (last && lastEmptyThroughout) {
                continue;
            }
            GlueType t = typer.type(cell);
            if (t == null || !t.equals(GlueType.STRING)) {
                return false;
            }
            if (!last && cell.length() >= MAX_HEADER_CELL) {
                return false;
            }
            if (!validColumnName(cell)) {
                return false;
            }
        }
        List<List<String>> data = rows.subList(1, rows.size());
        for (int c = 0; c < width; c++) {
            GlueType t = null;
            for (List<String> row : data) {
                t = SchemaMerger.merge(t, typer.type(row.get(c)));
            }
            if (t != null && !t.equals(GlueType.STRING)) {
                return true;
            }
        }
        return false;
    }

    /** A Hive column name: non-empty, at most 255 characters, no control characters. */
    static boolean validColumnName(String cell) {
        String name = cell.trim();
        if (name.isEmpty() || name.length() > 255) {
            return false;
        }
        return name.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f);
    }

    private static String columnName(String cell) {
        return cell.trim().toLowerCase(Locale.ROOT);
    }
}
