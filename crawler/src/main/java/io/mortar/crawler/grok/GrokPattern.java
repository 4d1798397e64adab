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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled Grok pattern: its {@link GrokReference references} expanded (custom patterns, one {@code NAME regex}
 * per line, before Glue's built-ins, {@link GrokPatternLibrary}) into one Java regex whose named captures are the
 * columns, in order of appearance — including the captures inside referenced patterns such as
 * {@code COMMONAPACHELOG}'s, but not those named {@code UNWANTED}. A line matches when the whole line matches.
 *
 * <p>Why not the java-grok library's compiler, when its pattern file is the built-in set: Glue's columns need what
 * it does not give — types as Glue column types (it refuses {@code timestamp}), field names such as
 * {@code @timestamp}, whole-line matching (it finds a match anywhere), values as written (it strips quotes and
 * converts) and errors that name the Glue member.
 */
public final class GrokPattern {
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
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (GrokReference ref : GrokReference.in(pattern)) {
            out.append(pattern, at, ref.start());
            // an inline definition is its own body; it does not define the name for later references
            String body = ref.definition() != null ? ref.definition() : library.get(ref.name());
            if (body == null) {
                throw GlueException.invalidInput("GrokPattern references an unknown pattern: %s", ref.name());
            }
            String inner = expand(body, library, captures, depth + 1);
            GlueType type = ref.field() == null ? null : type(ref); // checked even where UNWANTED drops the column
            if (ref.captures()) {
                String group = "g" + captures.size();
                // the capture is numbered after the inner ones, but columns follow the pattern's text order
                captures.add(new Capture(group, ref.field().toLowerCase(Locale.ROOT), type));
                out.append("(?<").append(group).append('>').append(inner).append(')');
            } else {
                out.append("(?:").append(inner).append(')');
            }
            at = ref.end();
        }
        return out.append(pattern, at, pattern.length()).toString();
    }

    private static GlueType type(GrokReference ref) {
        String typeName = ref.type() == null ? "string" : ref.type().toLowerCase(Locale.ROOT);
        GlueType type = TYPES.get(typeName);
        if (type == null) {
            throw GlueException.invalidInput("GrokPattern field %s has an unknown type: %s", ref.field(), ref.type());
        }
        return type;
    }

    /** The names of Glue's built-in patterns, which any Grok pattern may refer to. */
    public static Set<String> builtInNames() {
        return GrokPatternLibrary.BUILT_INS.keySet();
    }

    /** The Java regex the pattern expanded to (what a line must match whole). */
    public String regex() {
        return regex.pattern();
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
        String text = regex();
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
