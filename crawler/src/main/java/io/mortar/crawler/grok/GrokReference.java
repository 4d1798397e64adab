package io.mortar.crawler.grok;

import io.mortar.model.GlueException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code %{...}} reference in a Grok pattern, as Glue (and the java-grok library its built-ins come from)
 * writes them: {@code %{NAME}}, {@code %{NAME:field}}, {@code %{NAME:field:type}}, the type also after a
 * {@code ;} with an optional format ({@code %{HTTPDATE:timestamp;date;dd/MMM/yyyy:HH:mm:ss Z}}), and an inline
 * definition ({@code %{Bytes:bytes=%{NUMBER}|-}}) whose body may itself hold references. The compiler and the
 * server's expansion estimate both read references through {@link #in}, so they never disagree on what one is.
 *
 * @param name       the pattern referred to (or defined inline)
 * @param field      the column it captures, or null
 * @param type       the column's type name as written, or null (a string)
 * @param definition the inline definition, or null when {@code name} is looked up
 * @param start      where the reference starts in the text
 * @param end        just after its closing brace
 */
public record GrokReference(String name, String field, String type, String definition, int start, int end) {
    /** Captures named so are matched but never become columns (the built-ins' inner references use it). */
    public static final String DISCARDED_FIELD = "UNWANTED";

    private static final Pattern HEAD = Pattern.compile(
            "%\\{(\\w+)(?::([\\w@.\\[\\]-]+)(?:[:;](\\w+)(?:[:;][^{}=]*)?)?)?([=}])");

    /** Whether the match becomes a column. */
    public boolean captures() {
        return field != null && !DISCARDED_FIELD.equals(field);
    }

    /** The references in {@code text}, in order; those inside inline definitions are left to their definition. */
    public static List<GrokReference> in(String text) {
        List<GrokReference> references = new ArrayList<>();
        Matcher m = HEAD.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            String definition = null;
            int end = m.end();
            if (m.group(4).equals("=")) {
                int close = closingBrace(text, m.start(), m.end());
                definition = text.substring(m.end(), close);
                end = close + 1;
            }
            references.add(new GrokReference(m.group(1), m.group(2), m.group(3), definition, m.start(), end));
            from = end;
        }
        return references;
    }

    /** The brace closing the inline definition that starts at {@code from} (braces inside it nest). */
    private static int closingBrace(String text, int reference, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++; // an escaped brace is a literal one
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw GlueException.invalidInput("GrokPattern has an inline definition without its closing brace: %s",
                text.substring(reference));
    }
}
