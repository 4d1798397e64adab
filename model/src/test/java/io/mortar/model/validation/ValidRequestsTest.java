package io.mortar.model.validation;

import static io.mortar.model.validation.Fixtures.MODEL;
import static io.mortar.model.validation.Fixtures.batchCreatePartition;
import static io.mortar.model.validation.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Requests real clients send must pass untouched. */
class ValidRequestsTest {

    private static void assertValid(String operation, JsonNode body) {
        assertThatCode(() -> MODEL.validateInput(operation, body)).doesNotThrowAnyException();
    }

    private static void assertValid(String operation, String body) {
        assertValid(operation, json(body));
    }

    @Test
    void realisticCreateTablePasses() {
        assertValid("CreateTable", """
                {
                  "CatalogId": "123456789012",
                  "DatabaseName": "sales",
                  "TableInput": {
                    "Name": "orders",
                    "Description": "Orders landed by the nightly export.\\r\\nOne row per order line.",
                    "Owner": "hadoop",
                    "Retention": 0,
                    "TableType": "EXTERNAL_TABLE",
                    "LastAccessTime": 1602730658.25,
                    "Parameters": {"classification": "parquet", "EXTERNAL": "TRUE", "parquet.compression": "SNAPPY"},
                    "PartitionKeys": [
                      {"Name": "dt", "Type": "string", "Comment": "ingest day"},
                      {"Name": "region", "Type": "string"}
                    ],
                    "StorageDescriptor": {
                      "Columns": [
                        {"Name": "order_id", "Type": "bigint"},
                        {"Name": "customer", "Type": "struct<id:bigint,name:string>", "Comment": "who ordered \uD83D\uDED2"},
                        {"Name": "amount", "Type": "decimal(12,2)", "Parameters": {"iceberg.field.id": "3"}}
                      ],
                      "Location": "s3://lake/sales/orders/",
                      "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                      "OutputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                      "Compressed": false,
                      "NumberOfBuckets": -1,
                      "SerdeInfo": {
                        "SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                        "Parameters": {"serialization.format": "1"}
                      },
                      "BucketColumns": [],
                      "SortColumns": [{"Column": "order_id", "SortOrder": 1}],
                      "Parameters": {},
                      "SkewedInfo": {"SkewedColumnNames": [], "SkewedColumnValues": [], "SkewedColumnValueLocationMaps": {}},
                      "StoredAsSubDirectories": false
                    }
                  },
                  "PartitionIndexes": [{"Keys": ["dt"], "IndexName": "by_dt"}]
                }
                """);
    }

    @Test
    void batchCreatePartitionWithOneHundredPartitionsOfTwentyColumnsPasses() {
        assertValid("BatchCreatePartition", batchCreatePartition(100));
    }

    @Test
    void getPartitionsWithSegmentPasses() {
        assertValid("GetPartitions", """
                {"DatabaseName": "sales", "TableName": "orders",
                 "Expression": "dt >= '2024-01-01' AND region = 'eu'",
                 "Segment": {"SegmentNumber": 3, "TotalSegments": 4},
                 "MaxResults": 1000, "ExcludeColumnSchema": true, "QueryAsOfTime": 1602730658}
                """);
    }

    @Test
    void emptyBodyPassesForAnOperationWithoutRequiredMembers() {
        assertValid("GetDatabases", "{}");
    }

    @Test
    void unknownMembersAreIgnoredAtEveryLevel() {
        assertValid("CreateDatabase", """
                {"DatabaseInput": {"Name": "sales", "FutureMember": [1, 2, 3]},
                 "ClientSideOnly": {"Anything": "\\n goes"}}
                """);
    }

    @Test
    void nullMembersCountAsAbsent() {
        assertValid("CreateTable", """
                {"DatabaseName": "sales", "Name": "orders", "TableInput": null, "CatalogId": null}
                """);
    }

    @Test
    void boundaryValuesPass() {
        assertValid("GetDatabase", "{\"Name\": \"" + "n".repeat(255) + "\"}");
        assertValid("GetPartitions", """
                {"DatabaseName": "d", "TableName": "t", "MaxResults": 1,
                 "Segment": {"SegmentNumber": 0, "TotalSegments": 10}}
                """);
        assertValid("BatchDeletePartition", json("{\"DatabaseName\": \"d\", \"TableName\": \"t\", \"PartitionsToDelete\": ["
                + "{\"Values\": [\"x\"]},".repeat(24) + "{\"Values\": [\"x\"]}]}"));
    }

    @Test
    void numbersAcceptEveryJsonSpellingTheirTypeAllows() {
        // a timestamp may be integral or fractional epoch seconds; a double may be integral, or NaN as a string
        assertValid("GetPartitions", "{\"DatabaseName\": \"d\", \"TableName\": \"t\", \"QueryAsOfTime\": 1602730658.123}");
        assertValid("CreateJob", """
                {"Name": "j", "Role": "arn:aws:iam::123456789012:role/glue", "Command": {"Name": "glueetl"},
                 "MaxCapacity": 2}
                """);
        assertValid("CreateJob", """
                {"Name": "j", "Role": "r", "Command": {"Name": "glueetl"}, "MaxCapacity": "NaN"}
                """);
        assertValid("GetEntityRecords", "{\"EntityName\": \"Account\", \"Limit\": 1000}");
    }

    @Test
    void iso8601TimestampShapesTakeAnRfc3339String() {
        assertValid("CreateJob", """
                {"Name": "j", "Role": "r", "Command": {"Name": "gluestreaming"},
                 "CodeGenConfigurationNodes": {"node-1": {"DirectKinesisSource": {
                   "Name": "orders stream",
                   "StreamingOptions": {"StartingTimestamp": "2023-04-04T08:00:00+08:00"}}}}}
                """);
    }

    @Test
    void blobsTakeBase64() {
        assertValid("UpdateColumnStatisticsForPartition", """
                {"DatabaseName": "sales", "TableName": "orders", "PartitionValues": ["2024-01-01"],
                 "ColumnStatisticsList": [{
                   "ColumnName": "amount", "ColumnType": "decimal(12,2)", "AnalyzedTime": 1700000000,
                   "StatisticsData": {"Type": "DECIMAL", "DecimalColumnStatisticsData": {
                     "MinimumValue": {"UnscaledValue": "AQI=", "Scale": 2},
                     "NumberOfNulls": 0, "NumberOfDistinctValues": 42}}}]}
                """);
    }

    @Test
    void icebergDocumentsAcceptAnyJson() {
        assertValid("CreateTable", """
                {"DatabaseName": "sales", "Name": "events",
                 "OpenTableFormatInput": {"IcebergInput": {"MetadataOperation": "CREATE",
                   "CreateIcebergTableInput": {"Location": "s3://lake/events/", "Schema": {"Fields": [
                     {"Id": 1, "Name": "id", "Type": "long", "Required": true},
                     {"Id": 2, "Name": "tags", "Required": false,
                      "Type": {"type": "list", "element-id": 3, "element": "string", "element-required": false}}
                   ]}}}}}
                """);
    }

    @Test
    void recursiveShapesValidateAtAnyDepth() {
        assertValid("CreateJob", """
                {"Name": "j", "Role": "r", "Command": {"Name": "glueetl"},
                 "CodeGenConfigurationNodes": {"node-2": {"ApplyMapping": {"Name": "map", "Inputs": ["node-1"],
                   "Mapping": [{"ToKey": "customer", "FromPath": ["customer"], "ToType": "struct",
                     "Children": [{"ToKey": "id", "FromPath": ["id"], "ToType": "long",
                       "Children": [{"ToKey": "x", "FromPath": ["x"], "Dropped": true}]}]}]}}}}
                """);
    }
}
