package io.mortar.runtime.frame;

import static io.mortar.runtime.frame.FrameTesting.json;
import static io.mortar.runtime.frame.FrameTesting.spark;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.runtime.python.PythonTestProcess;
import org.junit.jupiter.api.Test;

class GlueSchemaJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Choices at the top, in a struct and in an array's struct, as Glue's JSON dialect writes them. */
    private static DynamicFrame ordersWithChoices() {
        return json("orders",
                "{\"id\":1,\"price\":10,\"tags\":[\"a\"],\"addr\":{\"zip\":123},\"items\":[{\"sku\":\"x\",\"n\":1}]}",
                "{\"id\":2,\"price\":\"n/a\",\"addr\":{\"zip\":\"A1\"},\"items\":[{\"n\":\"two\"}]}");
    }

    @Test
    void choicesStructsAndArraysAreWrittenInGluesDialect() throws Exception {
        assertThat(tree(GlueSchemaJson.of(ordersWithChoices()))).isEqualTo(tree("""
                {"dataType": "struct", "properties": {}, "fields": [
                  {"name": "id", "container": {"dataType": "int", "properties": {}}, "properties": {}},
                  {"name": "price", "container": {"dataType": "choice", "properties": {}, "choices": [
                    {"dataType": "int", "properties": {}}, {"dataType": "string", "properties": {}}]}, "properties": {}},
                  {"name": "tags", "container": {"dataType": "array", "properties": {},
                    "elementType": {"dataType": "string", "properties": {}}}, "properties": {}},
                  {"name": "addr", "container": {"dataType": "struct", "properties": {}, "fields": [
                    {"name": "zip", "container": {"dataType": "choice", "properties": {}, "choices": [
                      {"dataType": "int", "properties": {}}, {"dataType": "string", "properties": {}}]},
                     "properties": {}}]}, "properties": {}},
                  {"name": "items", "container": {"dataType": "array", "properties": {}, "elementType":
                    {"dataType": "struct", "properties": {}, "fields": [
                      {"name": "sku", "container": {"dataType": "string", "properties": {}}, "properties": {}},
                      {"name": "n", "container": {"dataType": "choice", "properties": {}, "choices": [
                        {"dataType": "int", "properties": {}}, {"dataType": "string", "properties": {}}]},
                       "properties": {}}]}}, "properties": {}}]}
                """));
    }

    @Test
    void everySparkTypeGetsGluesName() throws Exception {
        DynamicFrame frame = DynamicFrame.fromDF(spark().sql("""
                SELECT 1 AS i, CAST(1 AS BIGINT) AS l, CAST(1 AS SMALLINT) AS s, CAST(1 AS TINYINT) AS b,
                       CAST(1.5 AS DOUBLE) AS d, CAST(1.5 AS FLOAT) AS f, CAST(1.5 AS DECIMAL(12,3)) AS dec,
                       true AS bool, 'x' AS str, CAST('x' AS BINARY) AS bin, DATE'2024-01-02' AS dt,
                       TIMESTAMP'2024-01-02 03:04:05' AS ts, TIMESTAMP_NTZ'2024-01-02 03:04:05' AS ntz, NULL AS nothing,
                       map('k', 1.5D) AS m, INTERVAL '1' DAY AS iv
                """), "types");

        JsonNode fields = tree(GlueSchemaJson.of(frame)).get("fields");

        assertThat(fields.findValuesAsText("name")).containsExactly(
                "i", "l", "s", "b", "d", "f", "dec", "bool", "str", "bin", "dt", "ts", "ntz", "nothing", "m", "iv");
        assertThat(fields).extracting(f -> f.get("container").get("dataType").asText()).containsExactly(
                "int", "long", "short", "byte", "double", "float", "decimal", "boolean", "string", "binary", "date",
                "timestamp", "timestampntz", "null", "map", "unknown");
        assertThat(fields.get(6).get("container")).isEqualTo(
                tree("{\"dataType\": \"decimal\", \"properties\": {}, \"precision\": 12, \"scale\": 3}"));
        // A map names its values only: Glue's map keys are strings.
        assertThat(fields.get(14).get("container")).isEqualTo(tree("""
                {"dataType": "map", "properties": {}, "valueType": {"dataType": "double", "properties": {}}}"""));
    }

    @Test
    void pythonsGluetypesReadsWhatTheJvmWrites() {
        String script = "import sys\nfrom awsglue import gluetypes\n"
                + "print(repr(gluetypes._deserialize_json_string(sys.stdin.read())))\n";

        PythonTestProcess.Result result = PythonTestProcess.run(GlueSchemaJson.of(ordersWithChoices()), "-c", script);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().strip()).isEqualTo("StructType(["
                + "Field(id, IntegerType({}), {}),"
                + "Field(price, ChoiceType([IntegerType({}),StringType({})], {}), {}),"
                + "Field(tags, ArrayType(StringType({}), {}), {}),"
                + "Field(addr, StructType([Field(zip, ChoiceType([IntegerType({}),StringType({})], {}), {})], {}), {}),"
                + "Field(items, ArrayType(StructType([Field(sku, StringType({}), {}),"
                + "Field(n, ChoiceType([IntegerType({}),StringType({})], {}), {})], {}), {}), {})], {})");
    }

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }
}
