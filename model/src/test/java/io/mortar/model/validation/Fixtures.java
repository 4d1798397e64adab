package io.mortar.model.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/** Request bodies and assertions shared by the validation tests. */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    static final GlueServiceModel MODEL = GlueServiceModel.load();

    private static JsonNode rawModel;

    private Fixtures() {
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundled service model as plain JSON, read independently of {@link GlueServiceModel}. */
    static synchronized JsonNode rawModel() {
        if (rawModel == null) {
            try (InputStream in = new GZIPInputStream(Fixtures.class.getResourceAsStream(GlueServiceModel.RESOURCE))) {
                rawModel = JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rawModel;
    }

    /** The message of the InvalidInputException the body must cause. */
    static String invalidInput(String operation, JsonNode body) {
        return rejection(operation, body, GlueErrorCode.INVALID_INPUT);
    }

    static String invalidInput(String operation, String body) {
        return invalidInput(operation, json(body));
    }

    /** The message of the SerializationException the body must cause. */
    static String serializationError(String operation, String body) {
        return rejection(operation, json(body), GlueErrorCode.SERIALIZATION);
    }

    private static String rejection(String operation, JsonNode body, GlueErrorCode expected) {
        Throwable thrown = catchThrowable(() -> MODEL.validateInput(operation, body));
        assertThat(thrown).as("%s %s", operation, body).isInstanceOf(GlueException.class);
        assertThat(((GlueException) thrown).code()).as(thrown.getMessage()).isEqualTo(expected);
        return thrown.getMessage();
    }

    /** A Hive-style Parquet storage descriptor with {@code columns} columns, as Athena and Spark write them. */
    static ObjectNode storageDescriptor(String location, int columns) {
        ObjectNode sd = JSON.createObjectNode();
        ArrayNode cols = sd.putArray("Columns");
        String[] types = {"bigint", "string", "decimal(12,2)", "timestamp", "array<struct<sku:string,qty:int>>"};
        for (int c = 0; c < columns; c++) {
            ObjectNode col = cols.addObject().put("Name", "col_" + c).put("Type", types[c % types.length]);
            if (c % 4 == 0) {
                col.put("Comment", "column " + c + " of the export");
            }
        }
        sd.put("Location", location)
                .put("InputFormat", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                .put("OutputFormat", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                .put("Compressed", false)
                .put("NumberOfBuckets", -1)
                .put("StoredAsSubDirectories", false);
        sd.putObject("SerdeInfo")
                .put("SerializationLibrary", "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
                .putObject("Parameters").put("serialization.format", "1");
        sd.putObject("Parameters");
        return sd;
    }

    static ObjectNode partitionInput(int index, int columns) {
        String day = String.format("2024-%02d-%02d", 1 + index / 28 % 12, 1 + index % 28);
        ObjectNode partition = JSON.createObjectNode();
        partition.putArray("Values").add(day).add("eu-west-1");
        partition.set("StorageDescriptor",
                storageDescriptor("s3://lake/sales/orders/dt=" + day + "/region=eu-west-1/", columns));
        partition.putObject("Parameters").put("numRows", String.valueOf(1000 + index)).put("compressionType", "snappy");
        partition.put("LastAccessTime", 1_700_000_000.5 + index);
        return partition;
    }

    /** The BatchCreatePartition body a bulk partition loader sends: {@code partitions} partitions of 20 columns. */
    static ObjectNode batchCreatePartition(int partitions) {
        ObjectNode body = JSON.createObjectNode().put("DatabaseName", "sales").put("TableName", "orders");
        ArrayNode list = body.putArray("PartitionInputList");
        for (int i = 0; i < partitions; i++) {
            list.add(partitionInput(i, 20));
        }
        return body;
    }
}
