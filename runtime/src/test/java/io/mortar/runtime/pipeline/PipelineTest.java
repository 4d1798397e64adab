package io.mortar.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pipeline definition is checked as a whole before it runs; every error names the node and the field. */
class PipelineTest {
    private static final String SOURCE = """
            {"id": "src", "type": "source", "options": {"connectionType": "file",
              "options": {"paths": ["${input}"]}, "format": "json"}}""";
    private static final String SINK = """
            {"id": "out", "type": "sink", "inputs": ["%s"], "options": {"connectionType": "file",
              "options": {"path": "/tmp/out"}, "format": "parquet"}}""";

    private static Pipeline parse(String... nodes) {
        return Pipeline.parse("{\"nodes\": [" + String.join(",", nodes) + "]}", Map.of("input", "/data/in"));
    }

    private static void fails(String message, String... nodes) {
        assertThatThrownBy(() -> parse(nodes)).isInstanceOf(PipelineDefinitionException.class).hasMessage(message);
    }

    @Test
    void ordersNodesAfterTheirInputsAndSubstitutesArguments() {
        Pipeline p = parse(SINK.formatted("t"), """
                {"id": "t", "type": "transform", "transform": "SelectFields", "inputs": ["src"], "paths": ["a"]}""",
                SOURCE);
        assertThat(p.nodes()).extracting(PipelineNode::id).containsExactly("src", "t", "out");
        assertThat(p.nodes().get(0).spec().at("/options/options/paths/0").asText()).isEqualTo("/data/in");
    }

    @Test
    void structuralErrors() {
        assertThatThrownBy(() -> Pipeline.parse("{\"nodes\": []}", Map.of()))
                .hasMessage("The pipeline must be an object with a non-empty 'nodes' list");
        assertThatThrownBy(() -> Pipeline.parse("{\"nodes\": [", Map.of())).hasMessageStartingWith(
                "The pipeline is not valid JSON");
        fails("Pipeline node 2: field 'id' is required and must be a non-empty string", SOURCE, "{\"type\": \"sink\"}");
        fails("Pipeline node 'src': field 'id' is used by more than one node", SOURCE, SOURCE, SINK.formatted("src"));
        fails("Pipeline node 'x': field 'type' is 'step'; use source, transform or sink", SOURCE,
                "{\"id\": \"x\", \"type\": \"step\"}", SINK.formatted("src"));
        fails("The pipeline has no sink node, so it would write nothing", SOURCE);
        fails("Pipeline node 'out': field 'inputs' names 'nope', which is not a node of the pipeline", SOURCE,
                SINK.formatted("nope"));
    }

    /** A JDBC sink takes no format; the connection type is read as the runtime reads it (any case, trimmed). */
    @Test
    void aJdbcSinkNeedsNoFormatWhateverTheCaseOfItsType() {
        String jdbcSink = """
                {"id": "db", "type": "sink", "inputs": ["src"], "options": {"connectionType": " PostgreSQL ",
                  "options": {"url": "jdbc:postgresql://h/d", "dbtable": "t"}}}""";
        assertThat(parse(SOURCE, jdbcSink).nodes()).extracting(PipelineNode::id).containsExactly("src", "db");
        fails("Pipeline node 'db': field 'options.format' is required", SOURCE,
                jdbcSink.replace(" PostgreSQL ", "file"));
    }

    @Test
    void cyclesAreReportedWithTheirPath() {
        fails("Pipeline node 'a': field 'inputs' forms a cycle: a -> b -> a", SOURCE,
                "{\"id\": \"a\", \"type\": \"transform\", \"transform\": \"DropNullFields\", \"inputs\": [\"b\"]}",
                "{\"id\": \"b\", \"type\": \"transform\", \"transform\": \"DropNullFields\", \"inputs\": [\"a\"]}",
                SINK.formatted("a"));
    }

    @Test
    void transformErrors() {
        fails("Pipeline node 't': field 'transform' is 'Explode', which is not a transform; use one of "
                + "[ApplyMapping, SelectFields, DropFields, RenameField, ResolveChoice, Filter, Join, DropNullFields, Sql, Tag]",
                SOURCE, "{\"id\": \"t\", \"type\": \"transform\", \"transform\": \"Explode\", \"inputs\": [\"src\"]}",
                SINK.formatted("t"));
        fails("Pipeline node 't': field 'inputs' must name 2 nodes for Join, but names 1", SOURCE,
                "{\"id\": \"t\", \"type\": \"transform\", \"transform\": \"Join\", \"inputs\": [\"src\"],"
                        + " \"keys1\": [\"a\"], \"keys2\": [\"b\"]}", SINK.formatted("t"));
        fails("Pipeline node 't': field 'paths' is required", SOURCE,
                "{\"id\": \"t\", \"type\": \"transform\", \"transform\": \"SelectFields\", \"inputs\": [\"src\"]}",
                SINK.formatted("t"));
        fails("Pipeline node 't': field 'mappings' must hold [source, sourceType, target, targetType] arrays or "
                        + "{\"source\",\"sourceType\",\"target\",\"targetType\"} objects, but has [\"a\",\"int\"]",
                SOURCE, "{\"id\": \"t\", \"type\": \"transform\", \"transform\": \"ApplyMapping\", \"inputs\": [\"src\"],"
                        + " \"mappings\": [[\"a\", \"int\"]]}", SINK.formatted("t"));
        fails("Pipeline node 't': field 'choice' cannot be given with 'specs': use one of them", SOURCE,
                "{\"id\": \"t\", \"type\": \"transform\", \"transform\": \"ResolveChoice\", \"inputs\": [\"src\"],"
                        + " \"specs\": [[\"a\", \"cast:int\"]], \"choice\": \"make_cols\"}", SINK.formatted("t"));
        fails("Pipeline node 't': field 'condtion' is not known for a transform Filter node", SOURCE,
                "{\"id\": \"t\", \"type\": \"transform\", \"transform\": \"Filter\", \"inputs\": [\"src\"],"
                        + " \"condtion\": \"a > 1\"}", SINK.formatted("t"));
        fails("Pipeline node 't': field 'stageThreshold' must be a whole number, 0 (unlimited) or more, but is -1",
                SOURCE, "{\"id\": \"t\", \"type\": \"transform\", \"transform\": \"DropNullFields\","
                        + " \"inputs\": [\"src\"], \"stageThreshold\": -1}", SINK.formatted("t"));
    }

    @Test
    void sourceAndSinkErrors() {
        fails("Pipeline node 'src': field 'catalog' or 'options' is required",
                "{\"id\": \"src\", \"type\": \"source\"}", SINK.formatted("src"));
        fails("Pipeline node 'src': field 'catalog.table' is required",
                "{\"id\": \"src\", \"type\": \"source\", \"catalog\": {\"database\": \"d\"}}", SINK.formatted("src"));
        fails("Pipeline node 'src': field 'options.format' is required",
                "{\"id\": \"src\", \"type\": \"source\", \"options\": {\"options\": {\"paths\": [\"/x\"]}}}",
                SINK.formatted("src"));
        fails("Pipeline node 'src': field 'inputs' must be absent: a source reads no other node",
                "{\"id\": \"src\", \"type\": \"source\", \"inputs\": [\"x\"], \"catalog\": {}}", SINK.formatted("src"));
        fails("Pipeline node 'out': field 'inputs' must name exactly one node for a sink, but names 0", SOURCE,
                "{\"id\": \"out\", \"type\": \"sink\", \"catalog\": {\"database\": \"d\", \"table\": \"t\"}}");
        fails("Pipeline node 'src': field 'catalog.pushdownPredicate' is not known; expected [additionalOptions, "
                        + "catalogPartitionPredicate, database, pushDownPredicate, table]",
                "{\"id\": \"src\", \"type\": \"source\", \"catalog\": {\"database\": \"d\", \"table\": \"t\","
                        + " \"pushdownPredicate\": \"x\"}}", SINK.formatted("src"));
    }

    @Test
    void unknownArgumentsAreNamedWithTheNode() {
        assertThatThrownBy(() -> Pipeline.parse("{\"nodes\": [" + SOURCE + "," + SINK.formatted("src") + "]}",
                Map.of())).hasMessage("Pipeline node 'src': uses ${input} but the run has no argument --input");
    }
}
