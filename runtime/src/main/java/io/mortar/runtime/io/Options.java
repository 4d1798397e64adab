package io.mortar.runtime.io;

import io.mortar.runtime.bookmark.FileBookmarking;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A typed view over Glue-style option maps ({@code connection_options}, {@code format_options},
 * {@code additional_options}). Values arrive as Java objects from a job or as JSON from a pipeline, so a list
 * may be a {@link List}, a JSON array string ({@code "[\"**.pdf\"]"}, Glue's spelling for exclusions) or a
 * single string; booleans may be {@code true} or {@code "true"}. A bad value fails naming the option.
 */
public final class Options {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String what;
    private final Map<String, Object> values;

    private Options(String what, Map<String, Object> values) {
        this.what = what;
        this.values = values;
    }

    /** {@code what} names the map in error messages, e.g. "connection option". */
    public static Options of(String what, Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> {
                if (v != null) {
                    copy.put(k, v);
                }
            });
        }
        return new Options(what, Collections.unmodifiableMap(copy));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Optional<String> string(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            throw invalid(name, value, "a single value");
        }
        return Optional.of(String.valueOf(value));
    }

    public String string(String name, String defaultValue) {
        return string(name).orElse(defaultValue);
    }

    public String require(String name) {
        return string(name).filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "The " + what + " '" + name + "' is required"));
    }

    public boolean bool(String name, boolean defaultValue) {
        Optional<String> value = string(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, value.get(), "true or false");
        };
    }

    public int integer(String name, int defaultValue) {
        Optional<String> value = string(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.get().trim());
        } catch (NumberFormatException e) {
            throw invalid(name, value.get(), "an integer");
        }
    }

    public long longInteger(String name, long defaultValue) {
        Optional<String> value = string(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.get().trim());
        } catch (NumberFormatException e) {
            throw invalid(name, value.get(), "an integer");
        }
    }

    /** Glue's bookmark window options {@code maxBand} (milliseconds) and {@code maxFilesInBand}. */
    public FileBookmarking.Band bookmarkBand() {
        FileBookmarking.Band defaults = FileBookmarking.Band.defaults();
        return new FileBookmarking.Band(longInteger("maxBand", defaults.maxBand()),
                integer("maxFilesInBand", defaults.maxFilesInBand()));
    }

    /** A list option: a list, a JSON array in a string, or one plain string (one element). */
    public List<String> list(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object element : list) {
                if (element == null) {
                    throw invalid(name, value, "a list of strings without nulls");
                }
                out.add(String.valueOf(element));
            }
            return List.copyOf(out);
        }
        String text = String.valueOf(value).trim();
        if (text.startsWith("[")) {
            try {
                return List.copyOf(JSON.readValue(text, new TypeReference<List<String>>() {}));
            } catch (IOException e) {
                throw invalid(name, value, "a JSON list of strings");
            }
        }
        return text.isEmpty() ? List.of() : List.of(text);
    }

    /** The options as strings, for the ones passed through to Spark unchanged. */
    public Map<String, String> asStrings() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!(v instanceof List<?>) && !(v instanceof Map<?, ?>)) {
                out.put(k, String.valueOf(v));
            }
        });
        return out;
    }

    public Map<String, Object> asMap() {
        return values;
    }

    private IllegalArgumentException invalid(String name, Object value, String expected) {
        return new IllegalArgumentException("The " + what + " '" + name + "' must be " + expected + " but was '"
                + value + "'");
    }
}
