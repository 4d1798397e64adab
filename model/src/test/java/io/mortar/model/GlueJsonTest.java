package io.mortar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ColumnStatistics;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsData;
import software.amazon.awssdk.services.glue.model.DecimalColumnStatisticsData;
import software.amazon.awssdk.services.glue.model.DecimalNumber;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;

class GlueJsonTest {

    @Test
    void aBodyIsStrictUtf8AndMayStartWithAByteOrderMark() {
        byte[] withMark = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '"', 'a', '"', ':', '1', '}'};
        assertThat(GlueJson.parse(withMark).get("a").intValue()).isEqualTo(1);

        byte[] encodedSurrogate = {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        assertThatThrownBy(() -> GlueJson.parse(encodedSurrogate)).isInstanceOfSatisfying(GlueException.class,
                e -> assertThat(e.code()).isEqualTo(GlueErrorCode.SERIALIZATION)).hasMessageContaining("UTF-8");
    }

    @Test
    void aNumberWhoseExponentOverflowsIsNotValidJson() {
        for (String body : List.of("{\"a\": 1E9999999999}", "[1e-9999999999]")) {
            assertThatThrownBy(() -> GlueJson.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(GlueException.class,
                            e -> assertThat(e.code()).isEqualTo(GlueErrorCode.SERIALIZATION))
                    .hasMessageContaining("not valid JSON");
            assertThatThrownBy(() -> GlueJson.parse(body)).isInstanceOf(GlueException.class);
        }
    }

    @Test
    void readsAGlueRequestWithNestedShapesListsMapsAndTimestamps() {
        GetPartitionsRequest request = GlueJson.read("""
                {"DatabaseName": "sales", "TableName": "orders", "Expression": "year > 9",
                 "Segment": {"SegmentNumber": 1, "TotalSegments": 4}, "MaxResults": 50,
                 "ExcludeColumnSchema": true, "QueryAsOfTime": 1700000000.25, "SomethingNewer": {"x": 1}}""",
                GetPartitionsRequest.builder());

        assertThat(request.databaseName()).isEqualTo("sales");
        assertThat(request.segment().segmentNumber()).isEqualTo(1);
        assertThat(request.segment().totalSegments()).isEqualTo(4);
        assertThat(request.maxResults()).isEqualTo(50);
        assertThat(request.excludeColumnSchema()).isTrue();
        assertThat(request.queryAsOfTime()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 250_000_000));
    }

    @Test
    void writesTimestampsAsEpochSecondsAndOmitsAbsentMembers() {
        Table table = Table.builder()
                .name("orders")
                .createTime(Instant.ofEpochSecond(1_700_000_000L, 123_000_000))
                .updateTime(Instant.ofEpochSecond(1_700_000_001L))
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(Column.builder().name("id").type("bigint").build())
                        .location("s3://b/orders/").build())
                .parameters(Map.of("classification", "parquet"))
                .build();

        JsonNode json = GlueJson.parse(GlueJson.write(table));

        assertThat(json.get("CreateTime").isNumber()).isTrue();
        assertThat(json.get("CreateTime").decimalValue()).isEqualByComparingTo("1700000000.123");
        assertThat(json.get("UpdateTime").asText()).isEqualTo("1700000001");
        assertThat(json.at("/StorageDescriptor/Columns/0/Type").asText()).isEqualTo("bigint");
        assertThat(json.at("/Parameters/classification").asText()).isEqualTo("parquet");
        // never set: no member at all, not null, not an empty list
        assertThat(json.has("Description")).isFalse();
        assertThat(json.has("PartitionKeys")).isFalse();
        assertThat(json.at("/StorageDescriptor").has("BucketColumns")).isFalse();
    }

    @Test
    void writesAnExplicitlyEmptyListButNotAnUnsetOne() {
        JsonNode json = GlueJson.parse(GlueJson.write(GetPartitionsResponse.builder().partitions(List.of()).build()));

        assertThat(json.get("Partitions").isArray()).isTrue();
        assertThat(json.has("NextToken")).isFalse();
    }

    @Test
    void roundTripsBlobsAsBase64() {
        ColumnStatistics stats = ColumnStatistics.builder().columnName("amount").columnType("decimal(10,2)")
                .analyzedTime(Instant.ofEpochSecond(1_700_000_000L))
                .statisticsData(ColumnStatisticsData.builder().type("DECIMAL")
                        .decimalColumnStatisticsData(DecimalColumnStatisticsData.builder()
                                .minimumValue(DecimalNumber.builder().unscaledValue(SdkBytes.fromByteArray(
                                        new byte[] {0x01, (byte) 0xF4})).scale(2).build())
                                .numberOfNulls(0L).numberOfDistinctValues(10L).build())
                        .build())
                .build();

        String json = GlueJson.writeString(stats);
        assertThat(GlueJson.parse(json).at("/StatisticsData/DecimalColumnStatisticsData/MinimumValue/UnscaledValue")
                .asText()).isEqualTo("AfQ=");
        assertThat(GlueJson.read(json, ColumnStatistics.builder())).isEqualTo(stats);
    }

    @Test
    void wrongJsonTypesAreSerializationErrorsNamingTheMember() {
        assertThatThrownBy(() -> GlueJson.read("{\"DatabaseName\": 5}", GetPartitionsRequest.builder()))
                .isInstanceOfSatisfying(GlueException.class, e -> {
                    assertThat(e.code()).isEqualTo(GlueErrorCode.SERIALIZATION);
                    assertThat(e.getMessage()).contains("'DatabaseName'").contains("string");
                });
        assertThatThrownBy(() -> GlueJson.read("{\"Segment\": {\"SegmentNumber\": \"one\"}}",
                GetPartitionsRequest.builder()))
                .isInstanceOfSatisfying(GlueException.class,
                        e -> assertThat(e.getMessage()).contains("'Segment.SegmentNumber'"));
    }

    @Test
    void malformedJsonIsASerializationError() {
        assertThatThrownBy(() -> GlueJson.parse("{\"DatabaseName\": ".getBytes()))
                .isInstanceOfSatisfying(GlueException.class,
                        e -> assertThat(e.code()).isEqualTo(GlueErrorCode.SERIALIZATION));
        assertThatThrownBy(() -> GlueJson.parse("{} {}".getBytes()))
                .isInstanceOf(GlueException.class);
    }
}
