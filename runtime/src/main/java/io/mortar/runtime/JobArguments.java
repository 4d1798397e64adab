package io.mortar.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A run's effective arguments, as the driver received them on its command line ({@code --name value} pairs),
 * keyed by name without the leading dashes: {@code --JOB_NAME x} is {@code get("JOB_NAME")}.
 */
public final class JobArguments {
    private final Map<String, String> values;

    private JobArguments(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static JobArguments of(Map<String, String> values) {
        return new JobArguments(new LinkedHashMap<>(values));
    }

    /**
     * Reads {@code --key value} pairs. A key followed by another key (or by nothing) is a flag and reads as
     * {@code "true"}; anything that is not a {@code --key} where a key is expected is refused, naming it.
     */
    public static JobArguments parse(String[] argv) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String token = argv[i];
            if (!token.startsWith("--") || token.length() == 2) {
                throw new IllegalArgumentException("Expected an argument name starting with '--' but found '"
                        + token + "' at position " + i);
            }
            String name = token.substring(2);
            boolean hasValue = i + 1 < argv.length && !isKey(argv[i + 1]);
            values.put(name, hasValue ? argv[++i] : "true");
        }
        return new JobArguments(values);
    }

    private static boolean isKey(String token) {
        return token.startsWith("--") && token.length() > 2 && !Character.isWhitespace(token.charAt(2));
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String getOrDefault(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** Like Glue's {@code getResolvedOptions}: a named option the job declares as required must be present. */
    public String require(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("The job requires the argument --" + name + " but the run has none");
        }
        return value;
    }

    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.keySet().toString();
    }
}
