package io.mortar.model.validation;

import static io.mortar.model.validation.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import org.junit.jupiter.api.Test;

/**
 * Model features Glue's model uses rarely or not at all (float shapes, broken patterns, operations without input),
 * exercised through a small hand-written model.
 */
class HandWrittenModelTest {
    private static final GlueServiceModel MODEL = GlueServiceModel.fromJson(json("""
            {
              "operations": {
                "Put": {"name": "Put", "input": {"shape": "PutRequest"}},
                "Ping": {"name": "Ping"}
              },
              "shapes": {
                "PutRequest": {"type": "structure", "required": ["Node"], "members": {
                  "Node": {"shape": "Node"},
                  "Ratio": {"shape": "Ratio"},
                  "DPUSeconds": {"shape": "Ratio"},
                  "Doc": {"shape": "Doc"},
                  "Code": {"shape": "Code"}
                }},
                "Node": {"type": "structure", "required": ["Name"], "members": {
                  "Name": {"shape": "Name"},
                  "Children": {"shape": "NodeList"}
                }},
                "NodeList": {"type": "list", "member": {"shape": "Node"}},
                "Name": {"type": "string", "min": 1},
                "Ratio": {"type": "float", "min": 0, "max": 1},
                "Doc": {"type": "structure", "members": {}, "document": true},
                "Code": {"type": "string", "max": 3, "pattern": "[a-"}
              }
            }
            """));

    private static String invalidInput(String body) {
        Throwable thrown = catchThrowable(() -> MODEL.validateInput("Put", json(body)));
        assertThat(thrown).isInstanceOf(GlueException.class);
        assertThat(((GlueException) thrown).code()).isEqualTo(GlueErrorCode.INVALID_INPUT);
        return thrown.getMessage();
    }

    @Test
    void recursiveStructuresAreFollowedToAnyDepth() {
        assertThat(invalidInput("""
                {"Node": {"Name": "root", "Children": [{"Name": "a"}, {"Name": "b", "Children": [{"Children": []}]}]}}
                """)).isEqualTo("1 validation error detected: Value null at 'node.children.2.member.children.1.member"
                + ".name' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void floatsTakeAnyNumberWithinTheirBounds() {
        assertThatCode(() -> MODEL.validateInput("Put", json("{\"Node\": {\"Name\": \"n\"}, \"Ratio\": 0.25}")))
                .doesNotThrowAnyException();
        assertThatCode(() -> MODEL.validateInput("Put", json("{\"Node\": {\"Name\": \"n\"}, \"Ratio\": \"NaN\"}")))
                .doesNotThrowAnyException();
        assertThat(invalidInput("{\"Node\": {\"Name\": \"n\"}, \"Ratio\": 1.5, \"DPUSeconds\": \"-Infinity\"}"))
                .isEqualTo("2 validation errors detected: "
                        + "Value 1.5 at 'ratio' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 1; "
                        + "Value '-Infinity' at 'dPUSeconds' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 0");
        assertThatThrownBy(() -> MODEL.validateInput("Put", json("{\"Node\": {\"Name\": \"n\"}, \"Ratio\": true}")))
                .isInstanceOfSatisfying(GlueException.class,
                        e -> assertThat(e.code()).isEqualTo(GlueErrorCode.SERIALIZATION))
                .hasMessage("Expected a number at 'ratio' but found a boolean");
    }

    @Test
    void documentsAcceptAnyJsonValue() {
        for (String doc : new String[] {"\"text\"", "42", "[1, {\"a\": null}]", "{\"deep\": {\"er\": [true]}}"}) {
            assertThatCode(() -> MODEL.validateInput("Put", json("{\"Node\": {\"Name\": \"n\"}, \"Doc\": " + doc + "}")))
                    .as(doc).doesNotThrowAnyException();
        }
    }

    @Test
    void aPatternJavaCannotCompileIsSkippedAndReportedWhileOtherConstraintsStillApply() {
        assertThat(MODEL.skippedPatterns()).containsExactly("[a-");
        assertThatCode(() -> MODEL.validateInput("Put", json("{\"Node\": {\"Name\": \"n\"}, \"Code\": \"!!\"}")))
                .doesNotThrowAnyException();
        assertThat(invalidInput("{\"Node\": {\"Name\": \"n\"}, \"Code\": \"long\"}"))
                .isEqualTo("1 validation error detected: Value 'long' at 'code' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 3");
    }

    @Test
    void anOperationWithoutInputAcceptsAnyObject() {
        assertThatCode(() -> MODEL.validateInput("Ping", json("{\"anything\": [1]}"))).doesNotThrowAnyException();
    }

    @Test
    void modelsThatCannotBeCompiledFailTheLoad() {
        assertThatThrownBy(() -> GlueServiceModel.fromJson(json("""
                {"operations": {"Op": {"input": {"shape": "Missing"}}}, "shapes": {}}
                """))).isInstanceOf(IllegalStateException.class).hasMessageContaining("undefined shape Missing");
        assertThatThrownBy(() -> GlueServiceModel.fromJson(json("""
                {"operations": {"Op": {"input": {"shape": "In"}}},
                 "shapes": {"In": {"type": "structure", "members": {"X": {"shape": "Big"}}},
                            "Big": {"type": "bigdecimal"}}}
                """))).isInstanceOf(IllegalStateException.class).hasMessageContaining("unsupported type bigdecimal");
    }

    @Test
    void recursionThroughListsAndMapsAloneIsFollowedToo() {
        GlueServiceModel nested = GlueServiceModel.fromJson(json("""
                {"operations": {"Op": {"input": {"shape": "In"}}},
                 "shapes": {"In": {"type": "structure", "members": {"X": {"shape": "Loop"}}},
                            "Loop": {"type": "list", "member": {"shape": "Loops"}},
                            "Loops": {"type": "map", "key": {"shape": "K"}, "value": {"shape": "Loop"}},
                            "K": {"type": "string"}}}
                """));
        assertThatCode(() -> nested.validateInput("Op", json("{\"X\": [{\"a\": [{\"b\": []}]}]}")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> nested.validateInput("Op", json("{\"X\": [{\"a\": [{\"b\": [5]}]}]}")))
                .hasMessage("Expected an object at 'x.1.member.a.member.1.member.b.member.1.member' but found a number");
    }

    @Test
    void memberNamesAreLowerCamelCasedForPaths() {
        assertThat(ShapeCompiler.lowerCamel("DatabaseInput")).isEqualTo("databaseInput");
        assertThat(ShapeCompiler.lowerCamel("DPUSeconds")).isEqualTo("dPUSeconds");
        assertThat(ShapeCompiler.lowerCamel("glueConnectionName")).isEqualTo("glueConnectionName");
    }
}
