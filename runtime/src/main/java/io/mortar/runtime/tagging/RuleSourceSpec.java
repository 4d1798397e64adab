package io.mortar.runtime.tagging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads a {@link TagRuleSource} from its JSON form, checking every field. */
final class RuleSourceSpec {
    private RuleSourceSpec() {}

    private static final Set<String> FILE_FIELDS = Set.of("path", "format", "formatOptions");
    private static final Set<String> CATALOG_FIELDS = Set.of("database", "table");
    private static final Set<String> FORMATS = Set.of("csv", "json", "parquet", "orc", "avro");
    private static final String HOW = "must say where the rule table is: {\"path\", \"format\"} (a file),"
            + " {\"database\", \"table\"} (a catalog table) or {\"connectionName\" or \"url\", \"dbtable\" or"
            + " \"query\"} (a JDBC table)";

    static TagRuleSource parse(Map<String, ?> spec) {
        if (spec == null || spec.isEmpty()) {
            throw invalid("", HOW);
        }
        boolean file = spec.containsKey("path");
        boolean jdbc = spec.containsKey("dbtable") || spec.containsKey("query") || spec.containsKey("connectionName")
                || spec.containsKey("url");
        boolean catalog = spec.containsKey("table") && !jdbc;
        if (file && (jdbc || catalog)) {
            throw invalid("path", "cannot be given with " + (jdbc ? "JDBC options" : "'table'") + ": the rules"
                    + " come from one place");
        }
        if (file) {
            known(spec, FILE_FIELDS);
            String path = text(spec, "path", true);
            String format = text(spec, "format", false);
            if (format == null) {
                try {
                    TagRules.formatOf(path);
                } catch (IllegalArgumentException e) {
                    throw invalid("format", "is required: the path " + path
                            + " has no extension that says its format (csv, json, parquet, orc or avro)");
                }
            } else if (!FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
                throw invalid("format", "is '" + format + "'; use csv, json, parquet, orc or avro");
            }
            Object formatOptions = spec.get("formatOptions");
            if (formatOptions != null && !(formatOptions instanceof Map)) {
                throw invalid("formatOptions", "must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fo = formatOptions == null ? Map.of() : (Map<String, Object>) formatOptions;
            return new TagRuleSource.File(path, format, fo);
        }
        if (catalog) {
            known(spec, CATALOG_FIELDS);
            return new TagRuleSource.Catalog(text(spec, "database", true), text(spec, "table", true));
        }
        if (jdbc) {
            if (!spec.containsKey("dbtable") && !spec.containsKey("query")) {
                throw invalid("dbtable", "is required (or 'query'): the JDBC table of rules");
            }
            if (!spec.containsKey("connectionName") && !spec.containsKey("url")) {
                throw invalid("connectionName", "is required (or 'url'): the database to read the"
                        + " rules from");
            }
            Map<String, Object> options = new LinkedHashMap<>();
            String type = null;
            for (Map.Entry<String, ?> e : spec.entrySet()) {
                if (e.getValue() instanceof Map || e.getValue() instanceof List) {
                    throw invalid(e.getKey(), "must be a string, number or boolean");
                }
                if (e.getKey().equals("connectionType")) {
                    type = text(spec, "connectionType", true);
                } else {
                    options.put(e.getKey(), e.getValue());
                }
            }
            for (String field : List.of("dbtable", "query", "connectionName", "url")) {
                if (spec.containsKey(field)) {
                    text(spec, field, true);
                }
            }
            return new TagRuleSource.Jdbc(type, options);
        }
        throw invalid(spec.containsKey("database") ? "table" : "path", HOW);
    }

    private static void known(Map<String, ?> spec, Set<String> allowed) {
        for (String field : spec.keySet()) {
            if (!allowed.contains(field)) {
                throw invalid(field, "is not known here; expected " + new TreeSet<>(allowed));
            }
        }
    }

    private static String text(Map<String, ?> spec, String field, boolean required) {
        Object value = spec.get(field);
        if (value == null) {
            if (required) {
                throw invalid(field, "is required");
            }
            return null;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw invalid(field, "must be a non-empty string");
        }
        return s;
    }

    private static TagRuleSource.InvalidSpecException invalid(String field, String problem) {
        return new TagRuleSource.InvalidSpecException(field, problem);
    }
}
