package io.mortar.model.validation;

import static io.mortar.model.validation.Fixtures.MODEL;
import static io.mortar.model.validation.Fixtures.batchCreatePartition;
import static io.mortar.model.validation.Fixtures.rawModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Loading the bundled model, and properties that hold for every one of its operations. */
class GlueServiceModelTest {

    @Test
    void loadsOnceAndSharesTheInstance() {
        assertThat(GlueServiceModel.load()).isSameAs(GlueServiceModel.load()).isSameAs(MODEL);
    }

    @Test
    void knowsEveryOperationOfTheBundledModel() {
        Set<String> inModel = new TreeSet<>();
        rawModel().get("operations").fieldNames().forEachRemaining(inModel::add);

        // the bundled botocore snapshot has 265 operations (GLUE-REFERENCE.md's "299" does not match this file)
        assertThat(MODEL.operationNames()).hasSize(265).containsExactlyElementsOf(inModel);
        assertThat(MODEL.operationNames()).contains("GetPartitions", "BatchCreatePartition", "CreateTable", "StartJobRun");
        assertThat(MODEL.hasOperation("GetPartitions")).isTrue();
        assertThat(MODEL.hasOperation("getPartitions")).isFalse();
        assertThat(MODEL.hasOperation(null)).isFalse();
        assertThatThrownBy(() -> MODEL.operationNames().add("Nope")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownOperationIsAnUnknownOperationException() {
        assertThatThrownBy(() -> MODEL.validateInput("DropEverything", Fixtures.json("{}")))
                .isInstanceOfSatisfying(GlueException.class,
                        e -> assertThat(e.code()).isEqualTo(GlueErrorCode.UNKNOWN_OPERATION))
                .hasMessage("Unknown operation DropEverything");
    }

    @Test
    void everyModelPatternCompilesInJava() {
        // The exact set of patterns skipped because Java cannot compile them. Empty today; if a model update adds
        // one, this fails so that someone translates it instead of silently not checking it.
        assertThat(MODEL.skippedPatterns()).isEqualTo(Set.of());
    }

    @Test
    void eachShapeReachableFromAnInputIsCompiledOnce() {
        assertThat(MODEL.compiledShapeCount()).isEqualTo(shapesReachableFromInputs().size());
    }

    @Test
    void anEmptyBodyFailsExactlyOnTheRequiredTopLevelMembers() {
        JsonNode shapes = rawModel().get("shapes");
        int operationsWithoutRequiredMembers = 0;
        for (String operation : MODEL.operationNames()) {
            String input = rawModel().get("operations").get(operation).path("input").path("shape").asText();
            int required = shapes.get(input).path("required").size();
            if (required == 0) {
                operationsWithoutRequiredMembers++;
                assertThatCode(() -> MODEL.validateInput(operation, Fixtures.json("{}")))
                        .as(operation).doesNotThrowAnyException();
                continue;
            }
            GlueException e = catchThrowableOfType(GlueException.class,
                    () -> MODEL.validateInput(operation, Fixtures.json("{}")));
            assertThat(e).as(operation).isNotNull();
            assertThat(e.code()).isEqualTo(GlueErrorCode.INVALID_INPUT);
            assertThat(e.getMessage()).as(operation)
                    .startsWith(required + " validation error")
                    .contains("failed to satisfy constraint: Member must not be null");
            assertThat(e.getMessage().split("; ")).as(operation).hasSize(Math.min(required, 10))
                    .allMatch(v -> v.endsWith("Member must not be null"));
        }
        assertThat(operationsWithoutRequiredMembers).isPositive();
    }

    @Test
    void repeatedValidationOfALargeBodyIsStable() {
        // a correctness check for the hot path, not a benchmark: no state may leak between requests
        ObjectNode valid = batchCreatePartition(100);
        ObjectNode invalid = batchCreatePartition(100);
        ((ObjectNode) invalid.get("PartitionInputList").get(99)).putArray("Values").add("");
        String expected = "1 validation error detected: Value '' at 'partitionInputList.100.member.values.1.member' "
                + "failed to satisfy constraint: Member must have length greater than or equal to 1";
        for (int i = 0; i < 200; i++) {
            MODEL.validateInput("BatchCreatePartition", valid);
            assertThat(Fixtures.invalidInput("BatchCreatePartition", invalid)).isEqualTo(expected);
        }
    }

    /** The shapes the operation inputs lead to, walked directly on the JSON. */
    private static Set<String> shapesReachableFromInputs() {
        JsonNode shapes = rawModel().get("shapes");
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        rawModel().get("operations").forEach(op -> pending.add(op.path("input").path("shape").asText()));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!seen.add(name)) {
                continue;
            }
            JsonNode shape = shapes.get(name);
            shape.path("members").forEach(member -> pending.add(member.get("shape").asText()));
            for (String ref : new String[] {"member", "key", "value"}) {
                if (shape.has(ref)) {
                    pending.add(shape.get(ref).get("shape").asText());
                }
            }
        }
        return seen;
    }
}
