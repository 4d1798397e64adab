package io.mortar.crawler.custom;

import io.mortar.crawler.format.CsvSettings;
import io.mortar.crawler.format.JsonPath;
import io.mortar.crawler.format.TextFormats.TextMatch;
import io.mortar.crawler.format.TextFormats;
import io.mortar.crawler.format.TextSample;
import io.mortar.crawler.grok.GrokPattern;
import io.mortar.model.GlueException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.glue.model.Classifier;
import software.amazon.awssdk.services.glue.model.CsvClassifier;
import software.amazon.awssdk.services.glue.model.CsvHeaderOption;
import software.amazon.awssdk.services.glue.model.GrokClassifier;

/**
 * A crawler's custom classifiers (the SDK's {@link Classifier} union: Grok, XML, JSON or CSV), evaluated in order
 * as Glue does: each gives a certainty from 0.0 to 1.0, the first 1.0 wins, otherwise the highest above 0.0; none
 * above 0.0 leaves the file to the built-in classifiers. Definitions are validated when this is built (bad ones
 * are InvalidInputException naming the field), never in the middle of a crawl.
 */
public final class CustomClassifiers {
    private static final Set<String> DATATYPES = Set.of("BINARY", "BOOLEAN", "DATE", "DECIMAL", "INT", "LONG", "SHORT",
            "STRING", "TIMESTAMP", "DOUBLE", "FLOAT");

    private sealed interface Compiled permits Grok, Xml, Json, Csv {
    }

    private record Grok(GrokClassifier definition, GrokPattern pattern) implements Compiled {
    }

    private record Xml(String classification, String rowTag) implements Compiled {
    }

    private record Json(JsonPath path) implements Compiled {
    }

    private record Csv(CsvSettings settings, String serde) implements Compiled {
    }

    private final List<Compiled> classifiers;

    public CustomClassifiers(List<Classifier> definitions) {
        this.classifiers = definitions.stream().map(CustomClassifiers::compile).toList();
    }

    public static CustomClassifiers none() {
        return new CustomClassifiers(List.of());
    }

    public boolean isEmpty() {
        return classifiers.isEmpty();
    }

    private static Compiled compile(Classifier c) {
        if (c.grokClassifier() != null) {
            GrokClassifier g = c.grokClassifier();
            requireText(g.classification(), "GrokClassifier.Classification");
            return new Grok(g, GrokPattern.compile(g.grokPattern(), g.customPatterns()));
        }
        if (c.xmlClassifier() != null) {
            requireText(c.xmlClassifier().classification(), "XMLClassifier.Classification");
            requireText(c.xmlClassifier().rowTag(), "XMLClassifier.RowTag");
            return new Xml(c.xmlClassifier().classification(), c.xmlClassifier().rowTag());
        }
        if (c.jsonClassifier() != null) {
            requireText(c.jsonClassifier().jsonPath(), "JsonClassifier.JsonPath");
            return new Json(JsonPath.parse(c.jsonClassifier().jsonPath()));
        }
        if (c.csvClassifier() != null) {
            return compileCsv(c.csvClassifier());
        }
        throw GlueException.invalidInput("Classifier must have one of GrokClassifier, XMLClassifier, "
                + "JsonClassifier, CsvClassifier");
    }

    private static Csv compileCsv(CsvClassifier c) {
        char delimiter = singleChar(c.delimiter(), ',', "CsvClassifier.Delimiter");
        char quote = singleChar(c.quoteSymbol(), '"', "CsvClassifier.QuoteSymbol");
        if (delimiter == quote) {
            throw GlueException.invalidInput("CsvClassifier.QuoteSymbol must differ from CsvClassifier.Delimiter");
        }
        Boolean header = c.containsHeader() == null || c.containsHeader() == CsvHeaderOption.UNKNOWN
                || c.containsHeader() == CsvHeaderOption.UNKNOWN_TO_SDK_VERSION
                ? null : c.containsHeader() == CsvHeaderOption.PRESENT;
        Set<String> types = null;
        if (Boolean.TRUE.equals(c.customDatatypeConfigured())) {
            types = Set.copyOf(c.customDatatypes());
            for (String t : types) {
                if (!DATATYPES.contains(t)) {
                    throw GlueException.invalidInput("CsvClassifier.CustomDatatypes has an unknown type: %s", t);
                }
            }
        }
        CsvSettings settings = new CsvSettings(List.of(delimiter), quote, header, c.header(),
                !Boolean.TRUE.equals(c.disableValueTrimming()), Boolean.TRUE.equals(c.allowSingleColumn()), types);
        String serde = c.serdeAsString() == null || c.serdeAsString().equals("None") ? null : c.serdeAsString();
        return new Csv(settings, serde);
    }

    private static char singleChar(String value, char fallback, String field) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (value.length() != 1) {
            throw GlueException.invalidInput("%s must be a single character", field);
        }
        return value.charAt(0);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw GlueException.invalidInput("%s is required", field);
        }
    }

    /** The best custom classification and how sure it is (0.0 and empty when no classifier matched). */
    public record Outcome(double certainty, Optional<TextMatch> match) {
        public boolean certain() {
            return certainty >= 1.0 && match.isPresent();
        }
    }

    /** The first custom classification 1.0 sure, else the surest, of a text sample. */
    public Outcome classify(TextSample sample, TextFormats formats) {
        TextMatch best = null;
        double bestCertainty = 0.0;
        for (Compiled c : classifiers) {
            double certainty;
            Optional<TextMatch> match;
            if (c instanceof Grok g) {
                TextFormats.GrokOutcome outcome = formats.grok(sample, g.pattern(), g.definition().classification(),
                        g.definition().grokPattern(), g.definition().customPatterns());
                certainty = outcome.certainty();
                match = outcome.match();
            } else if (c instanceof Xml x) {
                match = formats.xml(sample, x.rowTag(), x.classification()).filter(m -> m.sampleRecords() > 0);
                certainty = match.isPresent() ? 1.0 : 0.0;
            } else if (c instanceof Json j) {
                match = formats.json(sample, j.path());
                certainty = match.isPresent() ? 1.0 : 0.0;
            } else {
                Csv csv = (Csv) c;
                match = formats.csv(sample, csv.settings(), csv.serde());
                certainty = match.isPresent() ? 1.0 : 0.0;
            }
            if (match.isPresent() && certainty >= 1.0) {
                return new Outcome(1.0, match);
            }
            if (match.isPresent() && certainty > bestCertainty) {
                best = match.get();
                bestCertainty = certainty;
            }
        }
        return new Outcome(bestCertainty, Optional.ofNullable(best));
    }
}
