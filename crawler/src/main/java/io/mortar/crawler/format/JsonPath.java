package io.mortar.crawler.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.model.GlueException;
import java.util.ArrayList;
import java.util.List;

/**
 * The subset of JsonPath Glue's JSON classifiers use to point at records: {@code $}, then {@code .name},
 * {@code ['name']}, {@code [n]} and {@code [*]} steps — {@code $[*]} is each element of a top-level array,
 * {@code $.records[*]} each element of the {@code records} array.
 */
public final class JsonPath {
    private sealed interface Step permits Name, Index, Wildcard {
    }

    private record Name(String name) implements Step {
    }

    private record Index(int index) implements Step {
    }

    private record Wildcard() implements Step {
    }

    private final List<Step> steps;
    private final String text;

    private JsonPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    public static JsonPath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw GlueException.invalidInput("JsonPath must start with $: %s", text);
        }
        List<Step> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                String name = text.substring(i + 1, end);
                if (name.isEmpty()) {
                    throw GlueException.invalidInput("JsonPath has an empty name at %d: %s", i, text);
                }
                steps.add(name.equals("*") ? new Wildcard() : new Name(name));
                i = end;
            } else if (c == '[') {
                int end = text.indexOf(']', i);
                if (end < 0) {
                    throw GlueException.invalidInput("JsonPath has an unclosed [ at %d: %s", i, text);
                }
                String inner = text.substring(i + 1, end).trim();
                if (inner.equals("*")) {
                    steps.add(new Wildcard());
                } else if (inner.length() >= 2 && (inner.startsWith("'") && inner.endsWith("'")
                        || inner.startsWith("\"") && inner.endsWith("\""))) {
                    steps.add(new Name(inner.substring(1, inner.length() - 1)));
                } else {
                    try {
                        steps.add(new Index(Integer.parseInt(inner)));
                    } catch (NumberFormatException e) {
                        throw GlueException.invalidInput("JsonPath has an unsupported step [%s]: %s", inner, text);
                    }
                }
                i = end + 1;
            } else {
                throw GlueException.invalidInput("JsonPath has an unexpected '%s' at %d: %s", c, i, text);
            }
        }
        return new JsonPath(text, List.copyOf(steps));
    }

    public List<JsonNode> select(JsonNode root) {
        List<JsonNode> current = List.of(root);
        for (Step step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                if (step instanceof Name n && node.isObject() && node.has(n.name())) {
                    next.add(node.get(n.name()));
                } else if (step instanceof Index ix && node.isArray() && ix.index() < node.size()) {
                    next.add(node.get(ix.index()));
                } else if (step instanceof Wildcard) {
                    node.forEach(next::add);
                }
            }
            current = next;
        }
        return current;
    }

    @Override
    public String toString() {
        return text;
    }
}
