package io.mortar.model.validation;

import static io.mortar.model.validation.Fixtures.JSON;
import static io.mortar.model.validation.Fixtures.batchCreatePartition;
import static io.mortar.model.validation.Fixtures.invalidInput;
import static io.mortar.model.validation.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Every constraint kind fails with AWS's InvalidInputException wording, path and value rendering. */
class ConstraintViolationsTest {
    private static final String SINGLE_LINE =
            "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*";

    @Test
    void aLoneSurrogateIsIllFormedInAnyStringAndIsShownEscaped() {
        assertThat(invalidInput("BatchCreatePartition", "{\"DatabaseName\": \"d\", \"TableName\": \"t\","
                + " \"PartitionInputList\": [{\"Values\": [\"a\\udc00\", \"\\ud83d\\ude00\", \"b\\ud800\"]}]}"))
                .isEqualTo("2 validation errors detected: Value 'a\\uDC00' at"
                        + " 'partitionInputList.1.member.values.1.member' failed to satisfy constraint: Member must be"
                        + " well-formed Unicode (it holds a UTF-16 surrogate without its pair); Value 'b\\uD800' at"
                        + " 'partitionInputList.1.member.values.3.member' failed to satisfy constraint: Member must be"
                        + " well-formed Unicode (it holds a UTF-16 surrogate without its pair)");
    }

    @Test
    void aLoneSurrogateInAMapKeyWithoutConstraintsOrInADocumentIsIllFormedToo() {
        assertThat(invalidInput("CreateJob", "{\"Name\": \"j\", \"Role\": \"r\", \"Command\": {\"Name\": \"glueetl\"},"
                + " \"DefaultArguments\": {\"--k\\ud800\": \"v\"}}"))
                .isEqualTo("1 validation error detected: Value '--k\\uD800' at 'defaultArguments.--k\\uD800' failed to"
                        + " satisfy constraint: Member must be well-formed Unicode (it holds a UTF-16 surrogate without"
                        + " its pair)");
        assertThat(invalidInput("CreateTable", "{\"DatabaseName\": \"d\", \"TableInput\": {\"Name\": \"t\"},"
                + " \"OpenTableFormatInput\": {\"IcebergInput\": {\"MetadataOperation\": \"CREATE\","
                + " \"CreateIcebergTableInput\": {\"Location\": \"s3://b/t\", \"Schema\": {\"Fields\": [{\"Id\": 1,"
                + " \"Name\": \"c\", \"Required\": true, \"Type\": {\"type\": \"list\", \"element\\udfff\": [\"\\ud800\"]}}]}}}}}"))
                .contains("2 validation errors", "Value 'element\\uDFFF' at"
                        + " 'openTableFormatInput.icebergInput.createIcebergTableInput.schema.fields.1.member.type'",
                        "Value '\\uD800' at");
    }

    @Test
    void missingTopLevelRequiredMember() {
        assertThat(invalidInput("CreateDatabase", "{}")).isEqualTo(
                "1 validation error detected: Value null at 'databaseInput' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void missingNestedRequiredMember() {
        assertThat(invalidInput("CreateDatabase", "{\"DatabaseInput\": {\"Description\": \"no name\"}}")).isEqualTo(
                "1 validation error detected: Value null at 'databaseInput.name' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void requiredMemberSetToNullIsMissing() {
        assertThat(invalidInput("GetDatabase", "{\"Name\": null}")).isEqualTo(
                "1 validation error detected: Value null at 'name' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void tooLongNameIsQuotedTruncated() {
        String name = "x".repeat(256);
        assertThat(invalidInput("GetDatabase", "{\"Name\": \"" + name + "\"}")).isEqualTo(
                "1 validation error detected: Value '" + "x".repeat(100) + "…' at 'name' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 255");
    }

    @Test
    void emptyNameIsTooShort() {
        assertThat(invalidInput("GetDatabase", "{\"Name\": \"\"}")).isEqualTo(
                "1 validation error detected: Value '' at 'name' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
    }

    @Test
    void newlineInANameStringViolatesItsPattern() {
        assertThat(invalidInput("GetDatabase", "{\"Name\": \"sales\\nq\"}")).isEqualTo(
                "1 validation error detected: Value 'sales\nq' at 'name' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: " + SINGLE_LINE);
    }

    @Test
    void unknownEnumValue() {
        assertThat(invalidInput("GetDatabases", "{\"ResourceShareType\": \"BOGUS\"}")).isEqualTo(
                "1 validation error detected: Value 'BOGUS' at 'resourceShareType' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [FOREIGN, ALL, FEDERATED]");
    }

    @Test
    void enumValuesInsideListsAreCheckedWithIndexedPaths() {
        assertThat(invalidInput("GetDatabases", "{\"AttributesToGet\": [\"NAME\", \"name\"]}")).isEqualTo(
                "1 validation error detected: Value 'name' at 'attributesToGet.2.member' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [NAME, TARGET_DATABASE]");
    }

    @Test
    void batchDeletePartitionWithTwentySixEntriesIsTooLong() {
        ObjectNode body = JSON.createObjectNode().put("DatabaseName", "sales").put("TableName", "orders");
        ArrayNode toDelete = body.putArray("PartitionsToDelete");
        for (int i = 0; i < 26; i++) {
            toDelete.addObject().putArray("Values").add("2024-01-" + (10 + i));
        }
        assertThat(invalidInput("BatchDeletePartition", body)).isEqualTo(
                "1 validation error detected: Value [26 elements] at 'partitionsToDelete' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 25");
    }

    @Test
    void batchCreatePartitionWithOneHundredAndOnePartitionsIsTooLong() {
        assertThat(invalidInput("BatchCreatePartition", batchCreatePartition(101))).isEqualTo(
                "1 validation error detected: Value [101 elements] at 'partitionInputList' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 100");
    }

    @Test
    void pageSizeBelowAndAboveItsRange() {
        assertThat(invalidInput("GetPartitions", "{\"DatabaseName\": \"d\", \"TableName\": \"t\", \"MaxResults\": 0}"))
                .isEqualTo("1 validation error detected: Value 0 at 'maxResults' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
        assertThat(invalidInput("GetPartitions", "{\"DatabaseName\": \"d\", \"TableName\": \"t\", \"MaxResults\": 1001}"))
                .isEqualTo("1 validation error detected: Value 1001 at 'maxResults' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 1000");
    }

    @Test
    void segmentWithTooManySegments() {
        assertThat(invalidInput("GetPartitions", """
                {"DatabaseName": "d", "TableName": "t", "Segment": {"SegmentNumber": 0, "TotalSegments": 11}}
                """)).isEqualTo("1 validation error detected: Value 11 at 'segment.totalSegments' failed to satisfy "
                + "constraint: Member must have value less than or equal to 10");
    }

    @Test
    void doubleBoundsAreReportedAsTheModelWritesThem() {
        assertThat(invalidInput("StartColumnStatisticsTaskRun", """
                {"DatabaseName": "d", "TableName": "t", "Role": "r", "SampleSize": 100.5}
                """)).isEqualTo("1 validation error detected: Value 100.5 at 'sampleSize' failed to satisfy "
                + "constraint: Member must have value less than or equal to 100");
    }

    @Test
    void violationsAreCollectedAcrossTheBodyInModelOrder() {
        String body = "{\"DatabaseName\": \"sales\", \"Name\": \"" + "x".repeat(300) + "\","
                + " \"TableInput\": {\"Name\": \"a\\u0001b\"}}";
        assertThat(invalidInput("CreateTable", body)).isEqualTo("2 validation errors detected: "
                + "Value '" + "x".repeat(100) + "…' at 'name' failed to satisfy constraint: "
                + "Member must have length less than or equal to 255; "
                + "Value 'a\u0001b' at 'tableInput.name' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: " + SINGLE_LINE);
    }

    @Test
    void listElementsAndNestedMembersHaveIndexedPaths() {
        ObjectNode body = batchCreatePartition(5);
        ObjectNode third = (ObjectNode) body.get("PartitionInputList").get(2);
        third.putArray("Values").add("2024-01-03").add("");
        ((ObjectNode) third.get("StorageDescriptor").get("Columns").get(1)).remove("Name");
        assertThat(invalidInput("BatchCreatePartition", body)).isEqualTo("2 validation errors detected: "
                + "Value '' at 'partitionInputList.3.member.values.2.member' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 1; "
                + "Value null at 'partitionInputList.3.member.storageDescriptor.columns.2.member.name' "
                + "failed to satisfy constraint: Member must not be null");
    }

    @Test
    void nullListElementIsANullMember() {
        assertThat(invalidInput("BatchDeletePartition", """
                {"DatabaseName": "d", "TableName": "t", "PartitionsToDelete": [{"Values": ["1"]}, null]}
                """)).isEqualTo("1 validation error detected: Value null at 'partitionsToDelete.2.member' failed to "
                + "satisfy constraint: Member must not be null");
    }

    @Test
    void mapKeysAndValuesHaveTheirOwnPaths() {
        String longKey = "k".repeat(129);
        String longValue = "v".repeat(257);
        String body = "{\"DatabaseInput\": {\"Name\": \"sales\"}, \"Tags\": {"
                + "\"" + longKey + "\": \"x\", \"team\": \"" + longValue + "\", \"owner\": null}}";
        assertThat(invalidInput("CreateDatabase", body)).isEqualTo("3 validation errors detected: "
                + "Value '" + "k".repeat(100) + "…' at 'tags." + longKey + "' failed to satisfy constraint: "
                + "Member must have length less than or equal to 128; "
                + "Value '" + "v".repeat(100) + "…' at 'tags.team.member' failed to satisfy constraint: "
                + "Member must have length less than or equal to 256; "
                + "Value null at 'tags.owner.member' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void mapWithTooManyEntries() {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("DatabaseInput").put("Name", "sales");
        ObjectNode tags = body.putObject("Tags");
        for (int i = 0; i < 51; i++) {
            tags.put("tag" + i, "v");
        }
        assertThat(invalidInput("CreateDatabase", body)).isEqualTo("1 validation error detected: "
                + "Value {51 entries} at 'tags' failed to satisfy constraint: "
                + "Member must have length less than or equal to 50");
    }

    @Test
    void oneValueCanBreakSeveralConstraints() {
        assertThat(invalidInput("GetSchemaVersion", "{\"SchemaVersionId\": \"abc\"}")).isEqualTo(
                "2 validation errors detected: Value 'abc' at 'schemaVersionId' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 36; "
                        + "Value 'abc' at 'schemaVersionId' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: "
                        + "[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}");
    }

    @Test
    void unionMembersAreValidatedAndLowerCaseMemberNamesAreKept() {
        assertThat(invalidInput("CreateTableOptimizer", """
                {"CatalogId": "123456789012", "DatabaseName": "d", "TableName": "t", "Type": "compaction",
                 "TableOptimizerConfiguration": {"roleArn": "arn:aws:iam::123456789012:role/optimizer",
                   "vpcConfiguration": {"glueConnectionName": ""}}}
                """)).isEqualTo("1 validation error detected: Value '' at "
                + "'tableOptimizerConfiguration.vpcConfiguration.glueConnectionName' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 1");
    }

    @Test
    void onlyTenViolationsAreListedButAllAreCounted() {
        ObjectNode body = batchCreatePartition(13);
        body.get("PartitionInputList").forEach(p -> ((ObjectNode) p).putArray("Values").add(""));
        String message = invalidInput("BatchCreatePartition", body);
        assertThat(message).startsWith("13 validation errors detected: Value '' at "
                + "'partitionInputList.1.member.values.1.member' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 1; ");
        assertThat(message.split("; ")).hasSize(10);
        assertThat(message).endsWith("'partitionInputList.10.member.values.1.member' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 1");
    }

    @Test
    void aTooLongValueIsNotAlsoMatchedAgainstItsPattern() {
        // only the length is reported: the pattern is skipped to bound regex work on hostile input
        assertThat(invalidInput("GetDatabase", json("{\"Name\": \"" + "\\n".repeat(256) + "\"}")))
                .startsWith("1 validation error detected: ")
                .endsWith("Member must have length less than or equal to 255");
    }
}
