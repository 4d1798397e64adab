package io.mortar.runtime.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.runtime.MortarContext;
import io.mortar.runtime.pipeline.Pipeline;
import io.mortar.runtime.pipeline.PipelineDefinitionException;
import io.mortar.runtime.pipeline.PipelineRunner;
import io.mortar.runtime.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's {@code Tag} node: a JSON pipeline end to end, its validation, a bad rule at run time. */
class TagPipelineTest {
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path dir;

    private static final String TAG_NODE = """
            {"id": "tagged", "type": "transform", "transform": "Tag", "inputs": ["tickets"], %s}""";

    private String pipeline(String tagFields) {
        return """
                {"nodes": [
                  {"id": "tickets", "type": "source", "options": {"connectionType": "file",
                     "options": {"paths": ["${base}/tickets.json"]}, "format": "json"}},
                  %s,
                  {"id": "out", "type": "sink", "inputs": ["tagged"], "options": {"connectionType": "file",
                     "options": {"path": "${base}/out"}, "format": "parquet"}}
                ]}""".formatted(TAG_NODE.formatted(tagFields));
    }

    private void writeInputs(String rulesCsv) throws IOException {
        Files.writeString(dir.resolve("tickets.json"), """
                {"id": 1, "subject": "Refund please", "body": "order ORD-123456 never came"}
                {"id": 2, "subject": "login broken", "body": null}
                {"id": 3, "subject": "hello", "body": "thanks"}
                """);
        Files.writeString(dir.resolve("rules.csv"), rulesCsv);
    }

    @Test
    void aTagNodeTagsRowsWithRulesFromACsvFile() throws IOException {
        writeInputs("""
                tag,columns,regex,flags
                refund,"subject,body",\\brefund\\b,i
                order,body,ORD-\\d{6}
                account,subject,login|password,
                """);
        String json = pipeline("""
                "rules": {"path": "${base}/rules.csv"}, "outputColumn": "labels\"""");
        new PipelineRunner(MortarContext.create(spark)).run(Pipeline.parse(json, Map.of("base", dir.toString())));

        List<Row> rows = spark.read().parquet(dir.resolve("out").toString()).orderBy("id")
                .select("id", "labels").collectAsList();
        assertThat(rows).extracting(Row::toString).containsExactly(
                "[1,ArraySeq(refund, order)]", "[2,ArraySeq(account)]", "[3,ArraySeq()]");

        String perColumn = pipeline("""
                "rules": {"path": "${base}/rules.csv", "format": "csv"}, "perColumn": true, "firstMatchOnly": true""")
                .replace("${base}/out", "${base}/out2");
        new PipelineRunner(MortarContext.create(spark)).run(Pipeline.parse(perColumn, Map.of("base", dir.toString())));
        assertThat(spark.read().parquet(dir.resolve("out2").toString()).orderBy("id")
                .select("id", "subject_tags", "body_tags").collectAsList()).extracting(Row::toString).containsExactly(
                "[1,ArraySeq(refund),ArraySeq(order)]", "[2,ArraySeq(account),ArraySeq()]",
                "[3,ArraySeq(),ArraySeq()]");
    }

    @Test
    void aBadRuleFailsTheRunNamingTheNodeAndTheRule() throws IOException {
        writeInputs("""
                tag,columns,regex
                fine,subject,hello
                broken,body,"ORD-[0-9"
                """);
        Pipeline parsed = Pipeline.parse(pipeline("\"rules\": {\"path\": \"${base}/rules.csv\"}"),
                Map.of("base", dir.toString()));
        assertThatThrownBy(() -> new PipelineRunner(MortarContext.create(spark)).run(parsed))
                .hasMessageStartingWith("Pipeline node 'tagged': Rule 1 (tag 'broken', regex 'ORD-[0-9'): the regex"
                        + " does not compile: Unclosed character class");
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
    }

    @Test
    void theNodeIsCheckedBeforeAnythingRuns() {
        fails("Pipeline node 'tagged': field 'rules' is required: where the rule table is, e.g. {\"path\": "
                + "\"s3://…/rules.csv\", \"format\": \"csv\"}", "\"outputColumn\": \"t\"");
        fails("Pipeline node 'tagged': field 'rules' must be an object", "\"rules\": \"rules.csv\"");
        fails("Pipeline node 'tagged': field 'rules.format' is 'xls'; use csv, json, parquet, orc or avro",
                "\"rules\": {\"path\": \"r.xls\", \"format\": \"xls\"}");
        fails("Pipeline node 'tagged': field 'rules.table' is required",
                "\"rules\": {\"database\": \"ref\", \"table\": null}");
        fails("Pipeline node 'tagged': field 'rules.dbtable' is required (or 'query'): the JDBC table of rules",
                "\"rules\": {\"connectionName\": \"pg\"}");
        fails("Pipeline node 'tagged': field 'perColumn' must be true or false, but is \"yes\"",
                "\"rules\": {\"path\": \"r.csv\"}, \"perColumn\": \"yes\"");
        fails("Pipeline node 'tagged': field 'outputColumn' cannot be given with perColumn: each tagged column's"
                + " tags go to <column>_tags", "\"rules\": {\"path\": \"r.csv\"}, \"perColumn\": true, "
                + "\"outputColumn\": \"t\"");
        fails("Pipeline node 'tagged': field 'guardStepsPerChar' must be a whole number of at least 1, but is 0",
                "\"rules\": {\"path\": \"r.csv\"}, \"guardStepsPerChar\": 0");
        fails("Pipeline node 'tagged': field 'column' is not known for a transform Tag node",
                "\"rules\": {\"path\": \"r.csv\"}, \"column\": \"x\"");
        assertThat(Pipeline.parse(pipeline("\"rules\": {\"connectionName\": \"pg\", \"query\": \"SELECT * FROM r\"},"
                + " \"firstMatchOnly\": true, \"guardStepsPerChar\": 50"), Map.of("base", "/b")).nodes())
                .hasSize(3);
    }

    private void fails(String message, String tagFields) {
        assertThatThrownBy(() -> Pipeline.parse(pipeline(tagFields), Map.of("base", "/b")))
                .isInstanceOf(PipelineDefinitionException.class).hasMessage(message);
    }
}
