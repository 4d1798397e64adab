package io.mortar.runtime.frame;

import java.util.ArrayList;
import java.util.List;

/**
 * A path to a field, in Glue's notation: dots step into structs ({@code address.city}), {@code []} steps into an
 * array's elements ({@code items[].price}), and back-ticks quote a name that itself contains dots
 * ({@code `order.id`}; a doubled back-tick inside quotes is a literal one).
 */
public record FieldPath(List<Segment> segments) {
    public static final FieldPath ROOT = new FieldPath(List.of());

    public sealed interface Segment {}

    public record Name(String name) implements Segment {}

    public record Elements() implements Segment {}

    public FieldPath {
        segments = List.copyOf(segments);
    }

    public static FieldPath parse(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("A field path must not be empty");
        }
        List<Segment> out = new ArrayList<>();
        int i = 0;
        boolean expectName = true;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '[') {
                if (!path.startsWith("[]", i) || expectName) {
                    throw bad(path, "'[' must be followed by ']' and come after a field name");
                }
                out.add(new Elements());
                i += 2;
                expectName = false;
            } else if (c == '.') {
                if (expectName) {
                    throw bad(path, "empty field name");
                }
                i++;
                expectName = true;
            } else if (c == '`') {
                StringBuilder name = new StringBuilder();
                i++;
                while (true) {
                    if (i >= path.length()) {
                        throw bad(path, "unclosed back-tick");
                    }
                    if (path.charAt(i) == '`') {
                        if (i + 1 < path.length() && path.charAt(i + 1) == '`') {
                            name.append('`');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    name.append(path.charAt(i++));
                }
                out.add(new Name(name.toString()));
                expectName = false;
            } else {
                int end = i;
                while (end < path.length() && ".[`".indexOf(path.charAt(end)) < 0) {
                    end++;
                }
                out.add(new Name(path.substring(i, end)));
                i = end;
                expectName = false;
            }
        }
        if (expectName) {
            throw bad(path, "ends with a dot");
        }
        return new FieldPath(out);
    }

    private static IllegalArgumentException bad(String path, String why) {
        return new IllegalArgumentException("Bad field path '" + path + "': " + why);
    }

    public FieldPath child(String name) {
        List<Segment> out = new ArrayList<>(segments);
        out.add(new Name(name));
        return new FieldPath(out);
    }

    public FieldPath elements() {
        List<Segment> out = new ArrayList<>(segments);
        out.add(new Elements());
        return new FieldPath(out);
    }

    /** Whether the path steps into an array's elements anywhere. */
    public boolean hasElements() {
        return segments.stream().anyMatch(s -> s instanceof Elements);
    }

    public boolean isEmpty() {
        return segments.isEmpty();
    }

    public Segment head() {
        return segments.get(0);
    }

    public FieldPath tail() {
        return new FieldPath(segments.subList(1, segments.size()));
    }

    public Segment last() {
        return segments.get(segments.size() - 1);
    }

    public FieldPath parent() {
        return new FieldPath(segments.subList(0, segments.size() - 1));
    }

    /** The path in the notation {@link #parse} reads; names with dots or back-ticks are quoted. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Segment s : segments) {
            if (s instanceof Name n) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(quote(n.name()));
            } else {
                out.append("[]");
            }
        }
        return out.toString();
    }

    static String quote(String name) {
        return name.isEmpty() || name.chars().anyMatch(ch -> ".[]`".indexOf(ch) >= 0)
                ? "`" + name.replace("`", "``") + "`"
                : name;
    }
}
