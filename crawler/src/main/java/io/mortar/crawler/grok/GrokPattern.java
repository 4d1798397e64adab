package io.mortar.crawler.grok;

import io.mortar.crawler.schema.Column;
import io.mortar.crawler.schema.GlueType;
import io.mortar.model.GlueException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled Grok pattern: {@code %{PATTERN}} and {@code %{PATTERN:field}} / {@code %{PATTERN:field:type}}
 * references expanded (custom patterns, one {@code NAME regex} per line, before the built-ins) into one Java regex
 * whose named captures are the columns, in order of appearance — including the captures inside referenced
 * patterns such as {@code COMMONAPACHELOG}'s. A line matches when the whole line matches.
 */
public final class GrokPattern {
    private static final Pattern REFERENCE = Pattern.compile("%\\{(\\w+)(?::([\\w@.\\[\\]-]+))?(?::(\\w+))?}");
    private static final int MAX_DEPTH = 50;
    private static final Map<String, GlueType> TYPES = Map.of(
            "string", GlueType.STRING, "int", GlueType.INT, "long", GlueType.BIGINT, "float", GlueType.FLOAT,
            "double", GlueType.DOUBLE, "boolean", GlueType.BOOLEAN, "byte", GlueType.TINYINT,
            "short", GlueType.SMALLINT, "date", GlueType.DATE, "timestamp", GlueType.TIMESTAMP);

    private record Capture(String group, String field, GlueType type) {
    }

    private final Pattern regex;
    private final List<Capture> captures;

    private GrokPattern(Pattern regex, List<Capture> captures) {
        this.regex = regex;
        this.captures = captures;
    }

    public static GrokPattern compile(String grokPattern, String customPatterns) {
        if (grokPattern == null || grokPattern.isEmpty()) {
            throw GlueException.invalidInput("GrokPattern must not be empty");
        }
        Map<String, String> library = new HashMap<>(GrokPatternLibrary.BUILT_INS);
        library.putAll(parseCustom(customPatterns));
        List<Capture> captures = new ArrayList<>();
        String expanded = expand(grokPattern, library, captures, 0);
        try {
            return new GrokPattern(Pattern.compile(expanded), List.copyOf(captures));
        } catch (PatternSyntaxException e) {
            throw GlueException.invalidInput("GrokPattern is not a valid pattern: %s", e.getDescription());
        }
    }

    private static Map<String, String> parseCustom(String customPatterns) {
        Map<String, String> out = new HashMap<>();
        if (customPatterns == null) {
            return out;
        }
        for (String line : customPatterns.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int space = trimmed.indexOf(' ');
            if (space <= 0) {
                throw GlueException.invalidInput("CustomPatterns line is not 'NAME regex': %s", trimmed);
            }
            out.put(trimmed.substring(0, space), trimmed.substring(space + 1).strip());
        }
        return out;
    }

    private static String expand(String pattern, Map<String, String> library, List<Capture> captures, int depth) {
        if (depth > MAX_DEPTH) {
            throw GlueException.invalidInput("GrokPattern references nest too deeply (a cycle?)");
        }
        Matcher m = REFERENCE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String body = library.get(name);
            if (body == null) {
                throw GlueException.invalidInput("GrokPattern references an unknown pattern: %s", name);
            }
            String inner = expand(body, library, captures, depth + 1);
            String replacement;
            if (m.group(2) != null) {
                String typeName = m.group(3) == null ? "string" : m.group(3).toLowerCase(Locale.ROOT);
                GlueType type = TYPES.get(typeName);
                if (type == null) {
                    throw GlueException.invalidInput("GrokPattern field %s has an unknown type: %s", m.group(2),
                            m.group(3));
                }
                String group = "g" + captures.size();
                // the capture is numbered after the inner ones, but columns follow the pattern's text order
                captures.add(new Capture(group, m.group(2).toLowerCase(Locale.ROOT), type));
                replacement = "(?<" + group + ">" + inner + ")";
            } else {
                replacement = "(?:" + inner + ")";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The columns: one per distinct field name, in order of appearance. */
    public List<Column> columns() {
        List<Column> columns = new ArrayList<>();
        for (Capture c : orderedCaptures()) {
            if (columns.stream().noneMatch(col -> col.name().equals(c.field()))) {
                columns.add(new Column(c.field(), c.type()));
            }
        }
        return columns;
    }

    private List<Capture> orderedCaptures() {
        // group names were assigned inner-first; order by where each group opens in the regex
        String text = regex.pattern();
        return captures.stream()
                .sorted((a, b) -> Integer.compare(text.indexOf("(?<" + a.group() + ">"),
                        text.indexOf("(?<" + b.group() + ">")))
                .toList();
    }

    public boolean matches(String line) {
        return regex.matcher(line).matches();
    }

    /** The line's field values, or empty if it does not match. */
    public Optional<Map<String, String>> parse(String line) {
        Matcher m = regex.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (Capture c : captures) {
            String v = m.group(c.group());
            if (v != null) {
                values.putIfAbsent(c.field(), v);
            }
        }
        return Optional.of(values);
    }
}
