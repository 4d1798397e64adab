package io.mortar.runtime.io;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;

/**
 * How to read files: the format plus its layout options. Comes from a job's {@code format}/{@code format_options}
 * or from a catalog table's (or partition's) StorageDescriptor. Compression needs no option: Hadoop picks the
 * codec from the file extension ({@code .gz}, {@code .bz2}, …) and columnar formats record their own.
 */
public record ReadSpec(DataFormat format, CsvOptions csv, boolean jsonMultiLine) {

    public static ReadSpec fromFormat(String format, Options formatOptions) {
        DataFormat dataFormat = DataFormat.named(format);
        return new ReadSpec(dataFormat,
                dataFormat == DataFormat.CSV ? CsvOptions.fromFormatOptions(formatOptions) : CsvOptions.defaults(),
                formatOptions.bool("multiLine", false));
    }

    /**
     * Reads a table's format the way Glue does: the {@code classification} parameter first (table, then storage
     * descriptor), else the SerDe library, else the input format.
     */
    public static ReadSpec fromStorage(String tableName, StorageDescriptor sd, Map<String, String> tableParams) {
        Map<String, String> params = new LinkedHashMap<>();
        if (sd != null && sd.hasParameters()) {
            params.putAll(sd.parameters());
        }
        params.putAll(tableParams);
        SerDeInfo serDe = sd == null ? null : sd.serdeInfo();
        String library = serDe == null ? null : serDe.serializationLibrary();
        Map<String, String> serDeParams = serDe != null && serDe.hasParameters() ? serDe.parameters() : Map.of();
        DataFormat format = formatOf(tableName, params.get("classification"), library,
                sd == null ? null : sd.inputFormat());
        CsvOptions csv = format == DataFormat.CSV
                ? CsvOptions.fromSerDe(library, serDeParams, params)
                : CsvOptions.defaults();
        return new ReadSpec(format, csv, false);
    }

    private static DataFormat formatOf(String table, String classification, String serDe, String inputFormat) {
        if (classification != null && !classification.isBlank()) {
            try {
                return DataFormat.named(classification);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The table " + table + " has classification '" + classification
                        + "', which Mortar cannot read: supported are csv, json, parquet, orc and avro");
            }
        }
        String lib = serDe == null ? "" : serDe.toLowerCase(Locale.ROOT);
        String input = inputFormat == null ? "" : inputFormat.toLowerCase(Locale.ROOT);
        if (lib.contains("json")) {
            return DataFormat.JSON;
        }
        if (lib.contains("csv") || lib.contains("lazysimpleserde")) {
            return DataFormat.CSV;
        }
        if (lib.contains("parquet") || input.contains("parquet")) {
            return DataFormat.PARQUET;
        }
        if (lib.contains("orc") || input.contains("orc")) {
            return DataFormat.ORC;
        }
        if (lib.contains("avro") || input.contains("avro")) {
            return DataFormat.AVRO;
        }
        if (input.contains("textinputformat")) {
            return DataFormat.CSV;
        }
        throw new IllegalArgumentException("Cannot tell the format of table " + table
                + ": it has no classification parameter and its SerDe (" + serDe + ") and InputFormat ("
                + inputFormat + ") are not ones Mortar reads");
    }
}
