package io.mortar.server.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Where two JSON documents differ, one line per difference: the member's path and both values (or which side lacks
 * it). A snapshot runs to hundreds of kilobytes; a failed comparison should name the few values that changed, not
 * print both documents.
 */
final class JsonDiff {
    private static final int VALUE_CHARS = 160;

    private final int limit;
    private final List<String> lines = new ArrayList<>();
    private int found;

    private JsonDiff(int limit) {
        this.limit = limit;
    }

    /** At most {@code limit} lines, and a last one counting the differences left out. */
    static List<String> between(JsonNode expected, JsonNode actual, int limit) {
        JsonDiff diff = new JsonDiff(limit);
        diff.compare("$", expected, actual);
        if (diff.found > limit) {
            diff.lines.add("... and " + (diff.found - limit) + " more differences");
        }
        return diff.lines;
    }

    private void compare(String path, JsonNode expected, JsonNode actual) {
        if (expected.equals(actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String member = path + "." + name;
                if (!actual.has(name)) {
                    report(member + ": missing, expected " + shown(expected.get(name)));
                } else if (!expected.has(name)) {
                    report(member + ": unexpected " + shown(actual.get(name)));
                } else {
                    compare(member, expected.get(name), actual.get(name));
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            Iterator<JsonNode> e = expected.iterator();
            Iterator<JsonNode> a = actual.iterator();
            for (int i = 0; e.hasNext() || a.hasNext(); i++) {
                String element = path + "[" + i + "]";
                if (!a.hasNext()) {
                    report(element + ": missing, expected " + shown(e.next()));
                } else if (!e.hasNext()) {
                    report(element + ": unexpected " + shown(a.next()));
                } else {
                    compare(element, e.next(), a.next());
                }
            }
        } else {
            report(path + ": expected " + shown(expected) + " but was " + shown(actual));
        }
    }

    private void report(String line) {
        if (++found <= limit) {
            lines.add(line);
        }
    }

    private static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() <= VALUE_CHARS ? text
                : text.substring(0, VALUE_CHARS) + "… (" + text.length() + " chars)";
    }
}
