package io.mortar.crawler.discovery;

import io.mortar.crawler.FileClassification;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What files must share to be read as one table, beside their schema: classification, compression, SerDe and input
 * format, and the settings a reader needs to parse them alike (a CSV's delimiter, quoting and header line, an XML row
 * tag). Glue's "compatible data (same format, compression, layout)". Schema-bearing settings (an Avro schema, a
 * JSON SerDe's column list) are left out: schemas are compared apart.
 */
record FormatSignature(String classification, String compression, String serde, String inputFormat,
                       Map<String, String> settings) {
    private static final Set<String> SCHEMA_SETTINGS = Set.of("avro.schema.literal", "paths", "columns");
    private static final Set<String> PARSE_PARAMETERS = Set.of("delimiter", "skip.header.line.count",
            "areColumnsQuoted", "grokPattern", "rowTag");

    static FormatSignature of(FileClassification file) {
        Map<String, String> settings = new TreeMap<>();
        file.storageFormat().serdeParameters().forEach((k, v) -> {
            if (!SCHEMA_SETTINGS.contains(k)) {
                settings.put("serde." + k, v);
            }
        });
        file.parameters().forEach((k, v) -> {
            if (PARSE_PARAMETERS.contains(k)) {
                settings.put(k, v);
            }
        });
        return new FormatSignature(file.classification(), file.compression().glueName(),
                file.storageFormat().serializationLibrary(), file.storageFormat().inputFormat(), settings);
    }

    String describe() {
        return classification + (compression.equals("none") ? "" : " (" + compression + ")");
    }
}
