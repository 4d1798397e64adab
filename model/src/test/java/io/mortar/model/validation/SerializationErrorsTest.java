package io.mortar.model.validation;

import static io.mortar.model.validation.Fixtures.MODEL;
import static io.mortar.model.validation.Fixtures.serializationError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.NullNode;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import org.junit.jupiter.api.Test;

/** A member of the wrong JSON type cannot be bound, so it fails at once with a SerializationException. */
class SerializationErrorsTest {
    private static final String GET_PARTITIONS = "{\"DatabaseName\": \"d\", \"TableName\": \"t\", ";
    private static final String CREATE_JOB = "{\"Name\": \"j\", \"Role\": \"r\", \"Command\": {\"Name\": \"glueetl\"}, ";

    @Test
    void string() {
        assertThat(serializationError("CreateDatabase", "{\"DatabaseInput\": {\"Name\": 42}}"))
                .isEqualTo("Expected a string at 'databaseInput.name' but found a number");
    }

    @Test
    void integer() {
        assertThat(serializationError("GetPartitions", GET_PARTITIONS + "\"MaxResults\": \"10\"}"))
                .isEqualTo("Expected an integer at 'maxResults' but found a string");
        assertThat(serializationError("GetPartitions", GET_PARTITIONS + "\"MaxResults\": 10.5}"))
                .isEqualTo("Expected an integer at 'maxResults' but found a non-integral number");
        assertThat(serializationError("GetPartitions", GET_PARTITIONS + "\"MaxResults\": 3000000000}"))
                .isEqualTo("Expected an integer at 'maxResults' but found a number outside the integer range");
    }

    @Test
    void longNumber() {
        assertThat(serializationError("GetEntityRecords", "{\"EntityName\": \"e\", \"Limit\": 9223372036854775808}"))
                .isEqualTo("Expected a long at 'limit' but found a number outside the long range");
        assertThat(serializationError("GetEntityRecords", "{\"EntityName\": \"e\", \"Limit\": true}"))
                .isEqualTo("Expected a long at 'limit' but found a boolean");
    }

    @Test
    void doubleNumber() {
        assertThat(serializationError("CreateJob", CREATE_JOB + "\"MaxCapacity\": \"lots\"}"))
                .isEqualTo("Expected a number at 'maxCapacity' but found a string");
    }

    @Test
    void booleanValue() {
        assertThat(serializationError("GetPartitions", GET_PARTITIONS + "\"ExcludeColumnSchema\": \"true\"}"))
                .isEqualTo("Expected a boolean at 'excludeColumnSchema' but found a string");
    }

    @Test
    void timestampOutsideTheRangeTheStoreKeeps() {
        for (String seconds : new String[] {"1e20", "-9.2e18", "9223372036854775.808", "1e400", "1E999999999"}) {
            assertThat(serializationError("GetPartitions", GET_PARTITIONS + "\"QueryAsOfTime\": " + seconds + "}"))
                    .as(seconds).isEqualTo("Expected a timestamp (epoch seconds as a number) at 'queryAsOfTime' but"
                            + " found a number outside the range of timestamps");
        }
        for (String seconds : new String[] {"9223372036854775.807", "-9223372036854775.808", "0", "1700000000.5"}) {
            // parsed as the server parses bodies, fractions as BigDecimal: a double cannot hold the bounds exactly
            MODEL.validateInput("GetPartitions", GlueJson.parse(GET_PARTITIONS + "\"QueryAsOfTime\": " + seconds + "}"));
        }
    }

    @Test
    void timestamp() {
        assertThat(serializationError("GetPartitions", GET_PARTITIONS + "\"QueryAsOfTime\": \"2024-01-01T00:00:00Z\"}"))
                .isEqualTo("Expected a timestamp (epoch seconds as a number) at 'queryAsOfTime' but found a string");
    }

    @Test
    void iso8601Timestamp() {
        String node = "\"CodeGenConfigurationNodes\": {\"node-1\": {\"DirectKinesisSource\": {\"Name\": \"k\", "
                + "\"StreamingOptions\": {\"StartingTimestamp\": %s}}}}}";
        String path = "'codeGenConfigurationNodes.node-1.member.directKinesisSource.streamingOptions.startingTimestamp'";
        assertThat(serializationError("CreateJob", CREATE_JOB + node.formatted("1680566400")))
                .isEqualTo("Expected an ISO-8601 timestamp string at " + path + " but found a number");
        assertThat(serializationError("CreateJob", CREATE_JOB + node.formatted("\"yesterday\"")))
                .isEqualTo("Expected an ISO-8601 timestamp string at " + path + " but found a string that is not one");
    }

    @Test
    void blob() {
        assertThat(serializationError("UpdateColumnStatisticsForPartition", """
                {"DatabaseName": "d", "TableName": "t", "PartitionValues": ["1"], "ColumnStatisticsList": [{
                  "ColumnName": "c", "ColumnType": "decimal", "AnalyzedTime": 1,
                  "StatisticsData": {"Type": "DECIMAL", "DecimalColumnStatisticsData": {
                    "MinimumValue": {"UnscaledValue": "not base64!", "Scale": 2},
                    "NumberOfNulls": 0, "NumberOfDistinctValues": 1}}}]}
                """)).isEqualTo("Expected a base64-encoded string at 'columnStatisticsList.1.member.statisticsData."
                + "decimalColumnStatisticsData.minimumValue.unscaledValue' but found a string that is not valid base64");
    }

    @Test
    void structure() {
        assertThat(serializationError("CreateDatabase", "{\"DatabaseInput\": [\"sales\"]}"))
                .isEqualTo("Expected an object at 'databaseInput' but found an array");
    }

    @Test
    void list() {
        assertThat(serializationError("BatchCreatePartition",
                "{\"DatabaseName\": \"d\", \"TableName\": \"t\", \"PartitionInputList\": {}}"))
                .isEqualTo("Expected an array at 'partitionInputList' but found an object");
    }

    @Test
    void map() {
        assertThat(serializationError("CreateDatabase", "{\"DatabaseInput\": {\"Name\": \"s\"}, \"Tags\": [\"a\"]}"))
                .isEqualTo("Expected an object at 'tags' but found an array");
    }

    @Test
    void mapValue() {
        assertThat(serializationError("CreateDatabase", "{\"DatabaseInput\": {\"Name\": \"s\"}, \"Tags\": {\"team\": 7}}"))
                .isEqualTo("Expected a string at 'tags.team.member' but found a number");
    }

    @Test
    void listElement() {
        assertThat(serializationError("BatchDeletePartition", """
                {"DatabaseName": "d", "TableName": "t", "PartitionsToDelete": [{"Values": ["a"]}, {"Values": [1]}]}
                """)).isEqualTo("Expected a string at 'partitionsToDelete.2.member.values.1.member' but found a number");
    }

    @Test
    void bodyMustBeAnObject() {
        assertThat(serializationError("GetDatabases", "[]"))
                .isEqualTo("Expected a JSON object as the request body but found an array");
        assertThatThrownBy(() -> MODEL.validateInput("GetDatabases", NullNode.getInstance()))
                .isInstanceOfSatisfying(GlueException.class,
                        e -> assertThat(e.code()).isEqualTo(GlueErrorCode.SERIALIZATION))
                .hasMessage("Expected a JSON object as the request body but found null");
    }

    @Test
    void aWrongTypeWinsOverConstraintViolationsFoundBeforeIt() {
        // the empty name is a violation, but a body that cannot be bound is reported as such
        assertThat(serializationError("CreateDatabase", "{\"DatabaseInput\": {\"Name\": \"\"}, \"Tags\": 3}"))
                .isEqualTo("Expected an object at 'tags' but found a number");
    }

    @Test
    void theFirstWrongTypeInModelOrderIsReported() {
        assertThat(serializationError("GetPartitions", "{\"MaxResults\": \"x\", \"DatabaseName\": 1, \"TableName\": 2}"))
                .isEqualTo("Expected a string at 'databaseName' but found a number");
    }
}
