package io.mortar.crawler.format;

import io.mortar.crawler.ClassifierOptions;
import io.mortar.crawler.StorageFormat;
import io.mortar.crawler.grok.GrokPattern;
import io.mortar.crawler.schema.Column;
import io.mortar.crawler.schema.GlueType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The text formats' classifications, shared by the built-in and the custom classifiers: each returns what the
 * sample is ({@link TextMatch}) or nothing.
 */
public final class TextFormats {
    /**
     * A text classification before compression and sizes are added. {@code linePerRecord} says records are lines
     * (CSV, JSON lines, logs), after {@code headerLines}, which lets a fully read sample count them exactly.
     */
    public record TextMatch(String classification, List<Column> columns, StorageFormat storageFormat,
                            Map<String, String> parameters, int sampleRecords, boolean linePerRecord,
                            int headerLines) {
        public TextMatch {
            columns = List.copyOf(columns);
            parameters = Map.copyOf(parameters);
        }
    }

    private final ClassifierOptions options;
    private final ValueTyper typer;

    public TextFormats(ClassifierOptions options) {
        this.options = options;
        this.typer = new ValueTyper(options.recognizeDatesAndTimestamps());
    }

    public Optional<TextMatch> json(TextSample sample, JsonPath path) {
        // Glue reads 1 MB, then 1 MB more at a time up to 10 MB, until a record parses
        while (true) {
            Optional<JsonInference.Result> result = new JsonInference().infer(sample, path, options.sampleRecords());
            if (result.isPresent()) {
                Map<String, String> params = new HashMap<>();
                params.put("classification", "json");
                if (path != null) {
                    params.put("jsonPath", path.toString());
                }
                return Optional.of(new TextMatch("json", result.get().columns(), StorageFormat.JSON, params,
                        result.get().records(), result.get().linePerRecord(), 0));
            }
            if (!sample.truncated() || sample.size() >= options.maxJsonSampleBytes() || !mayBeJson(sample)) {
                return Optional.empty();
            }
            sample.extendTo(Math.min(options.maxJsonSampleBytes(), sample.size() + ClassifierOptions.MB));
        }
    }

    /** Only a sample opening with { or [ is worth reading further. */
    private static boolean mayBeJson(TextSample sample) {
        for (byte b : sample.bytes()) {
            if (b == '{' || b == '[') {
                return true;
            }
            if (!Character.isWhitespace(b) && b != (byte) 0xef && b != (byte) 0xbb && b != (byte) 0xbf) {
                return false;
            }
        }
        return false;
    }

    public Optional<TextMatch> xml(TextSample sample, String rowTag, String classification) {
        // text() has already dropped a byte order mark
        if (!sample.text().stripLeading().startsWith("<")) {
            return Optional.empty();
        }
        return new XmlInference(typer).infer(sample, rowTag, options.sampleRecords()).map(r -> {
            Map<String, String> params = new HashMap<>();
            params.put("classification", classification);
            if (r.rowTag() != null) {
                params.put("rowTag", r.rowTag());
            }
            StorageFormat format = new StorageFormat(StorageFormat.XML_SERDE,
                    r.rowTag() == null ? Map.of() : Map.of("rowTag", r.rowTag()), StorageFormat.XML_INPUT,
                    StorageFormat.TEXT_OUTPUT);
            return new TextMatch(classification, r.columns(), format, params, r.records(), false, 0);
        });
    }

    public Optional<TextMatch> csv(TextSample sample, CsvSettings settings, String serdeChoice) {
        return new CsvInference(typer).infer(sample, settings, options.sampleRecords()).map(r -> {
            boolean openCsv = serdeChoice == null ? r.quoted() : serdeChoice.equals("OpenCSVSerDe");
            List<Column> columns = r.columns();
            if (openCsv && !options.typedQuotedCsv()) {
                // Glue gives OpenCSVSerde tables string columns only
                columns = columns.stream().map(c -> new Column(c.name(), GlueType.STRING)).toList();
            }
            String delimiter = String.valueOf(r.delimiter());
            Map<String, String> params = new HashMap<>();
            params.put("classification", "csv");
            params.put("delimiter", delimiter);
            params.put("areColumnsQuoted", String.valueOf(r.quoted()));
            params.put("columnsOrdered", "true");
            if (r.header()) {
                params.put("skip.header.line.count", "1");
            }
            StorageFormat format = openCsv
                    ? new StorageFormat(StorageFormat.OPEN_CSV_SERDE,
                            Map.of("separatorChar", delimiter, "quoteChar", String.valueOf(settings.quote())),
                            StorageFormat.TEXT_INPUT, StorageFormat.TEXT_OUTPUT)
                    : new StorageFormat(StorageFormat.LAZY_SIMPLE_SERDE, Map.of("field.delim", delimiter),
                            StorageFormat.TEXT_INPUT, StorageFormat.TEXT_OUTPUT);
            return new TextMatch("csv", columns, format, params, r.dataRows(), true, r.header() ? 1 : 0);
        });
    }

    /** Lines matched by a Grok pattern: the share matched, and the match if any line did. */
    public record GrokOutcome(double certainty, Optional<TextMatch> match) {
    }

    public GrokOutcome grok(TextSample sample, GrokPattern pattern, String classification,
                            String grokPattern, String customPatterns) {
        List<String> lines = sample.lines(options.sampleRecords()).stream().filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return new GrokOutcome(0.0, Optional.empty());
        }
        long matched = lines.stream().filter(pattern::matches).count();
        if (matched == 0) {
            return new GrokOutcome(0.0, Optional.empty());
        }
        Map<String, String> serde = new HashMap<>();
        serde.put("input.format", grokPattern);
        if (customPatterns != null && !customPatterns.isEmpty()) {
            serde.put("input.grokCustomPatterns", customPatterns);
        }
        StorageFormat format = new StorageFormat(StorageFormat.GROK_SERDE, serde, StorageFormat.TEXT_INPUT,
                StorageFormat.TEXT_OUTPUT);
        Map<String, String> params = new HashMap<>(serde);
        params.put("classification", classification);
        return new GrokOutcome((double) matched / lines.size(), Optional.of(
                new TextMatch(classification, pattern.columns(), format, params, lines.size(), true, 0)));
    }
}
