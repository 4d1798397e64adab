package io.mortar.model.validation;

import static io.mortar.model.validation.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void valuesAreRenderedAsAwsShowsThem() {
        assertThat(JsonText.forMessage(null)).isEqualTo("null");
        assertThat(JsonText.forMessage(json("null"))).isEqualTo("null");
        assertThat(JsonText.forMessage(json("\"sales\""))).isEqualTo("'sales'");
        assertThat(JsonText.forMessage(json("1001"))).isEqualTo("1001");
        assertThat(JsonText.forMessage(json("0.5"))).isEqualTo("0.5");
        assertThat(JsonText.forMessage(json("[1]"))).isEqualTo("[1 element]");
        assertThat(JsonText.forMessage(json("[1, 2]"))).isEqualTo("[2 elements]");
        assertThat(JsonText.forMessage(json("{\"a\": 1}"))).isEqualTo("{1 entry}");
        assertThat(JsonText.forMessage(json("{}"))).isEqualTo("{0 entries}");
    }

    @Test
    void longStringsAreCutAfterOneHundredCharacters() {
        assertThat(JsonText.quote("x".repeat(100))).isEqualTo("'" + "x".repeat(100) + "'");
        assertThat(JsonText.quote("x".repeat(101))).isEqualTo("'" + "x".repeat(100) + "…'");
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        String text = "x".repeat(99) + "\uD83D\uDE00" + "tail";
        assertThat(JsonText.quote(text)).isEqualTo("'" + "x".repeat(99) + "…'");
    }

    @Test
    void jsonTypesAreNamedWithTheirArticle() {
        assertThat(JsonText.typeName(json("\"s\""))).isEqualTo("a string");
        assertThat(JsonText.typeName(json("1.5"))).isEqualTo("a number");
        assertThat(JsonText.typeName(json("true"))).isEqualTo("a boolean");
        assertThat(JsonText.typeName(json("{}"))).isEqualTo("an object");
        assertThat(JsonText.typeName(json("[]"))).isEqualTo("an array");
        assertThat(JsonText.typeName(json("null"))).isEqualTo("null");
        assertThat(JsonText.typeName(null)).isEqualTo("nothing");
    }
}
