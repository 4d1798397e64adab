package io.mortar.server.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Spark settings written the way Glue users pass them in a job's {@code --conf} argument: {@code k=v}, further
 * pairs each introduced by {@code --conf} ({@code "spark.a=1 --conf spark.b=2"}). Values may hold spaces and
 * {@code =}; only {@code " --conf "} separates pairs.
 */
public final class SparkConfText {
    private static final Pattern SEPARATOR = Pattern.compile("\\s+--conf\\s+");

    private SparkConfText() {}

    /** The pairs in order; a later pair for the same key wins. Throws IllegalArgumentException naming a bad pair. */
    public static Map<String, String> parse(String text) {
        Map<String, String> conf = new LinkedHashMap<>();
        String trimmed = text.strip();
        if (trimmed.startsWith("--conf ")) {
            trimmed = trimmed.substring("--conf ".length()).strip();
        }
        if (trimmed.isEmpty()) {
            return conf;
        }
        for (String pair : SEPARATOR.split(trimmed)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + pair + "' is not a key=value pair");
            }
            conf.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return conf;
    }
}
