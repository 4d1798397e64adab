package io.mortar.crawler;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import software.amazon.awssdk.services.glue.model.SerDeInfo;

/** The SerDe and input/output formats Glue puts in a table's StorageDescriptor for a classification. */
public record StorageFormat(String serializationLibrary, Map<String, String> serdeParameters, String inputFormat,
                            String outputFormat) {
    public static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    public static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    public static final String LAZY_SIMPLE_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    public static final String OPEN_CSV_SERDE = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
    public static final String JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe";
    public static final String GROK_SERDE = "com.amazonaws.glue.serde.GrokSerDe";
    public static final String XML_SERDE = "com.ibm.spss.hive.serde2.xml.XmlSerDe";
    public static final String XML_INPUT = "com.ibm.spss.hive.serde2.xml.XmlInputFormat";

    public static final StorageFormat PARQUET = new StorageFormat(
            "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", Map.of("serialization.format", "1"),
            "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
            "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat");
    public static final StorageFormat ORC = new StorageFormat(
            "org.apache.hadoop.hive.ql.io.orc.OrcSerde", Map.of("serialization.format", "1"),
            "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat", "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat");
    public static final StorageFormat JSON = new StorageFormat(
            JSON_SERDE, Map.of("paths", ""), TEXT_INPUT, TEXT_OUTPUT);
    public static final StorageFormat NONE = new StorageFormat("", Map.of(), "", "");

    public StorageFormat {
        requireNonNull(serializationLibrary, "serializationLibrary");
        serdeParameters = Map.copyOf(serdeParameters);
        requireNonNull(inputFormat, "inputFormat");
        requireNonNull(outputFormat, "outputFormat");
    }

    public static StorageFormat avro(String schemaLiteral) {
        return new StorageFormat("org.apache.hadoop.hive.serde2.avro.AvroSerDe",
                Map.of("avro.schema.literal", schemaLiteral, "serialization.format", "1"),
                "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
                "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat");
    }

    public SerDeInfo toSerDeInfo() {
        return SerDeInfo.builder().serializationLibrary(serializationLibrary).parameters(serdeParameters).build();
    }
}
