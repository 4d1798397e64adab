package io.mortar.server.classifiers;

import io.mortar.catalog.Names;
import io.mortar.crawler.format.JsonPath;
import io.mortar.crawler.grok.GrokPattern;
import io.mortar.crawler.grok.GrokReference;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.glue.model.Classifier;
import software.amazon.awssdk.services.glue.model.CsvClassifier;
import software.amazon.awssdk.services.glue.model.GrokClassifier;
import software.amazon.awssdk.services.glue.model.JsonClassifier;
import software.amazon.awssdk.services.glue.model.XMLClassifier;

/**
 * What CreateClassifier and UpdateClassifier accept beyond the service model's own checks (required members,
 * lengths, patterns and enums, which the protocol edge makes first): exactly one kind per request, and for each kind
 * what Glue checks and what the crawler needs to run it — a Grok pattern that compiles with its custom patterns, a
 * JsonPath the crawler can follow, a CSV quote symbol other than its delimiter, single characters, known custom
 * data types. Messages name the field ({@code GrokClassifier.GrokPattern}). The crawler compiles definitions with the
 * same parsers ({@code io.mortar.crawler.custom.CustomClassifiers}), so a stored classifier never fails a crawl.
 */
final class ClassifierRules {
    /** The four kinds of custom classifier, by the name of their member in Glue's union shapes. */
    enum Kind {
        GROK("GrokClassifier"), XML("XMLClassifier"), JSON("JsonClassifier"), CSV("CsvClassifier");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }

        static Kind ofWireName(String wireName) {
            for (Kind kind : values()) {
                if (kind.wireName.equals(wireName)) {
                    return kind;
                }
            }
            throw new IllegalStateException("Unknown classifier kind " + wireName);
        }
    }

    /** A checked definition: its kind, its name and the kind's Glue shape as stored (no times, no version). */
    record Definition(Kind kind, String name, String document) {}

    /** The custom data types a CsvClassifier may name (Glue's list). */
    static final List<String> CSV_DATATYPES = List.of("BINARY", "BOOLEAN", "DATE", "DECIMAL", "INT", "LONG", "SHORT",
            "STRING", "TIMESTAMP", "DOUBLE", "FLOAT");
    private static final char DEFAULT_DELIMITER = ',';
    private static final char DEFAULT_QUOTE = '"';
    private static final Pattern GROK_NAME = Pattern.compile("\\w+");
    /**
     * The longest regex a Grok pattern may expand to. References nest, so a few short custom patterns that each
     * use the one before twice would expand to gigabytes; those are refused before anything is expanded.
     */
    static final long MAX_GROK_EXPANSION = 1_000_000;
    /** What one reference to a built-in pattern counts for in that estimate (more than any of them expands to). */
    static final long BUILT_IN_EXPANSION = 4_096;
    /** How deep custom patterns may refer to one another (the crawler's compiler stops at 50 levels). */
    private static final int MAX_GROK_DEPTH = 40;
    /** An XML element name, without angle brackets (what the crawler compares element names with). */
    private static final Pattern XML_NAME =
            Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_.\\-\\u00B7]*(:[\\p{L}_][\\p{L}\\p{N}_.\\-\\u00B7]*)?");

    private ClassifierRules() {}

    /** The one kind a request gives; none or several is an InvalidInputException naming the four members. */
    static Kind kindOf(String operation, Object grok, Object xml, Object json, Object csv) {
        List<String> given = new ArrayList<>();
        Object[] members = {grok, xml, json, csv};
        for (Kind kind : Kind.values()) {
            if (members[kind.ordinal()] != null) {
                given.add(kind.wireName());
            }
        }
        if (given.size() != 1) {
            throw GlueException.invalidInput("%s needs exactly one of GrokClassifier, XMLClassifier, JsonClassifier"
                    + " or CsvClassifier; the request gives %s.", operation,
                    given.isEmpty() ? "none" : String.join(" and ", given));
        }
        return Kind.ofWireName(given.get(0));
    }

    /**
     * Reads {@code json} (a create or update request of the kind, or a stored definition with the changes laid
     * over it) as the kind's Glue shape, checks it, and returns it as stored.
     */
    static Definition definition(Kind kind, String json) {
        return switch (kind) {
            case GROK -> {
                GrokClassifier g = GlueJson.read(json, GrokClassifier.builder());
                grok(g);
                yield new Definition(kind, g.name(), GlueJson.writeString(g));
            }
            case XML -> {
                XMLClassifier x = GlueJson.read(json, XMLClassifier.builder());
                xml(x);
                yield new Definition(kind, x.name(), GlueJson.writeString(x));
            }
            case JSON -> {
                JsonClassifier j = GlueJson.read(json, JsonClassifier.builder());
                json(j);
                yield new Definition(kind, j.name(), GlueJson.writeString(j));
            }
            case CSV -> {
                CsvClassifier c = GlueJson.read(json, CsvClassifier.builder());
                csv(c);
                yield new Definition(kind, c.name(), GlueJson.writeString(c));
            }
        };
    }

    /** A stored definition as Glue's union shape, with the times and version the store keeps beside it. */
    static Classifier toClassifier(Kind kind, String document, String name, java.time.Instant created,
                                   java.time.Instant updated, long version) {
        Classifier.Builder out = Classifier.builder();
        switch (kind) {
            case GROK -> out.grokClassifier(GlueJson.read(document, GrokClassifier.builder()).toBuilder().name(name)
                    .creationTime(created).lastUpdated(updated).version(version).build());
            case XML -> out.xmlClassifier(GlueJson.read(document, XMLClassifier.builder()).toBuilder().name(name)
                    .creationTime(created).lastUpdated(updated).version(version).build());
            case JSON -> out.jsonClassifier(GlueJson.read(document, JsonClassifier.builder()).toBuilder().name(name)
                    .creationTime(created).lastUpdated(updated).version(version).build());
            case CSV -> out.csvClassifier(GlueJson.read(document, CsvClassifier.builder()).toBuilder().name(name)
                    .creationTime(created).lastUpdated(updated).version(version).build());
        }
        return out.build();
    }

    private static void name(String name, Kind kind) {
        if (name == null || name.isEmpty()) {
            throw GlueException.invalidInput("%s.Name is required.", kind.wireName());
        }
    }

    private static void grok(GrokClassifier g) {
        name(g.name(), Kind.GROK);
        text(g.classification(), "GrokClassifier.Classification");
        text(g.grokPattern(), "GrokClassifier.GrokPattern");
        Map<String, String> custom = customPatterns(g.customPatterns());
        try {
            checkExpansion(g.grokPattern(), custom);
            GrokPattern.compile(g.grokPattern(), g.customPatterns());
        } catch (GlueException e) {
            String message = e.getMessage();
            if (message.startsWith(Kind.GROK.wireName() + ".")) {
                throw e;
            }
            // The crawler's messages begin with the member they are about (GrokPattern ..., CustomPatterns ...).
            throw message.startsWith("GrokPattern") || message.startsWith("CustomPatterns")
                    ? GlueException.invalidInput("GrokClassifier.%s", message)
                    : GlueException.invalidInput("GrokClassifier.GrokPattern: %s", message);
        }
    }

    /** NAME → regex, one per line, as the crawler reads them (blank lines and # comments skipped). */
    private static Map<String, String> customPatterns(String text) {
        Map<String, String> out = new HashMap<>();
        if (text == null) {
            return out;
        }
        int lineNumber = 0;
        for (String line : text.split("\\R")) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int space = trimmed.indexOf(' ');
            if (space <= 0 || trimmed.substring(space + 1).isBlank()) {
                throw GlueException.invalidInput("GrokClassifier.CustomPatterns line %d is not 'NAME regex': %s",
                        lineNumber, trimmed);
            }
            String name = trimmed.substring(0, space);
            if (!GROK_NAME.matcher(name).matches()) {
                throw GlueException.invalidInput("GrokClassifier.CustomPatterns line %d: the pattern name %s may hold"
                        + " only letters, digits and underscores (no Grok reference could name it).",
                        lineNumber, name);
            }
            out.put(name, trimmed.substring(space + 1).strip());
        }
        return out;
    }

    /**
     * Refuses a GrokPattern whose references would expand past {@link #MAX_GROK_EXPANSION} characters, or nest
     * in a cycle or deeper than the crawler follows, before the crawler's compiler expands anything (it would build
     * the whole expansion in memory first).
     */
    private static void checkExpansion(String grokPattern, Map<String, String> custom) {
        if (expansion(grokPattern, custom, new HashMap<>(), new LinkedHashSet<>()) > MAX_GROK_EXPANSION) {
            throw GlueException.invalidInput("GrokClassifier.GrokPattern expands, through its pattern references, to"
                    + " more than %,d characters of regular expression.", MAX_GROK_EXPANSION);
        }
    }

    /**
     * The length {@code pattern} expands to, saturating just above the limit. References are read as the crawler's
     * compiler reads them ({@link GrokReference}), so none it would expand escapes the count.
     */
    private static long expansion(String pattern, Map<String, String> custom, Map<String, Long> sizes,
                                  LinkedHashSet<String> path) {
        long size = pattern.length();
        for (GrokReference ref : GrokReference.in(pattern)) {
            if (size > MAX_GROK_EXPANSION) {
                break;
            }
            String name = ref.name();
            long inner;
            if (ref.definition() != null) {
                inner = expansion(ref.definition(), custom, sizes, path); // an inline definition, expanded in place
            } else if (!custom.containsKey(name)) {
                inner = BUILT_IN_EXPANSION; // a built-in (or an unknown name, which compiling reports)
            } else if (sizes.containsKey(name)) {
                inner = sizes.get(name);
            } else {
                if (path.contains(name)) {
                    List<String> cycle = new ArrayList<>(path.stream().dropWhile(p -> !p.equals(name)).toList());
                    cycle.add(name);
                    throw GlueException.invalidInput("GrokClassifier.CustomPatterns: pattern %s refers to itself (%s).",
                            name, String.join(" -> ", cycle));
                }
                if (path.size() >= MAX_GROK_DEPTH) {
                    throw GlueException.invalidInput("GrokClassifier.CustomPatterns: pattern references nest more"
                            + " than %d deep.", MAX_GROK_DEPTH);
                }
                path.add(name);
                inner = expansion(custom.get(name), custom, sizes, path);
                path.remove(name);
                sizes.put(name, inner);
            }
            size = Math.min(size + inner + 8, MAX_GROK_EXPANSION + 1); // +8: the group a reference becomes
        }
        return size;
    }

    private static void xml(XMLClassifier x) {
        name(x.name(), Kind.XML);
        text(x.classification(), "XMLClassifier.Classification");
        // Glue's model leaves RowTag optional, but the crawler cannot find records without it.
        text(x.rowTag(), "XMLClassifier.RowTag");
        if (!XML_NAME.matcher(x.rowTag()).matches()) {
            throw GlueException.invalidInput("XMLClassifier.RowTag must be an XML element name without angle brackets"
                    + " (such as row), not %s.", x.rowTag());
        }
    }

    private static void json(JsonClassifier j) {
        name(j.name(), Kind.JSON);
        text(j.jsonPath(), "JsonClassifier.JsonPath");
        try {
            JsonPath.parse(j.jsonPath());
        } catch (GlueException e) {
            throw GlueException.invalidInput("JsonClassifier.JsonPath is not a JSON path the crawler can follow"
                    + " ($, then .name, ['name'], [n] or [*] steps): %s", e.getMessage());
        }
    }

    private static void csv(CsvClassifier c) {
        name(c.name(), Kind.CSV);
        char delimiter = singleCharacter(c.delimiter(), DEFAULT_DELIMITER, "CsvClassifier.Delimiter");
        char quote = singleCharacter(c.quoteSymbol(), DEFAULT_QUOTE, "CsvClassifier.QuoteSymbol");
        if (delimiter == quote) {
            String defaulted = c.quoteSymbol() == null ? "; QuoteSymbol defaults to '\"'"
                    : c.delimiter() == null ? "; Delimiter defaults to ','" : "";
            throw GlueException.invalidInput("CsvClassifier.QuoteSymbol must differ from CsvClassifier.Delimiter"
                    + " (both are '%s'%s).", quote, defaulted);
        }
        Set<String> columns = new HashSet<>();
        for (int i = 0; i < c.header().size(); i++) {
            String column = c.header().get(i);
            if (column == null || column.isBlank()) {
                throw GlueException.invalidInput("CsvClassifier.Header[%d] must not be empty.", i);
            }
            Names.rejectNul(column, "CsvClassifier.Header[" + i + "]");
            if (!columns.add(column.toLowerCase(Locale.ROOT))) {
                throw GlueException.invalidInput("CsvClassifier.Header names the column %s twice.", column);
            }
        }
        for (String type : c.customDatatypes()) {
            if (type == null || !CSV_DATATYPES.contains(type)) {
                throw GlueException.invalidInput("CsvClassifier.CustomDatatypes has an unknown type %s; the types are"
                        + " %s.", type, String.join(", ", CSV_DATATYPES));
            }
        }
    }

    private static char singleCharacter(String value, char fallback, String field) {
        if (value == null) {
            return fallback;
        }
        if (value.length() != 1) {
            throw GlueException.invalidInput("%s must be a single character, not '%s'.", field, value);
        }
        char c = value.charAt(0);
        if (c == '\r' || c == '\n' || c == '\u0000') {
            throw GlueException.invalidInput("%s must not be a line break or U+0000.", field);
        }
        return c;
    }

    /** A member that must hold text: not absent, not blank, no U+0000 (it ends up in table parameters). */
    private static void text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw GlueException.invalidInput("%s is required.", field);
        }
        Names.rejectNul(value, field);
    }
}
