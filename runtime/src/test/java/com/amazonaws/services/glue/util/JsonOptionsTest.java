package com.amazonaws.services.glue.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonOptionsTest {
    @Test
    void jsonTextBecomesTheRuntimesPlainJavaValues() {
        JsonOptions options = new JsonOptions(
                "{\"path\": \"s3://b/out/\", \"partitionKeys\": [\"year\", \"region\"], \"enableUpdateCatalog\": true,"
                        + " \"groupSize\": 1048576, \"nested\": {\"a\": [1, 2]}}");
        assertThat(options.asJava()).containsExactlyEntriesOf(orderedMap(
                "path", "s3://b/out/", "partitionKeys", List.of("year", "region"), "enableUpdateCatalog", true,
                "groupSize", 1048576, "nested", Map.of("a", List.of(1, 2))));
        assertThat(options.toString()).isEqualTo("{\"path\":\"s3://b/out/\",\"partitionKeys\":[\"year\",\"region\"],"
                + "\"enableUpdateCatalog\":true,\"groupSize\":1048576,\"nested\":{\"a\":[1,2]}}");
        assertThat(options.getOption("path").get()).isEqualTo("s3://b/out/");
        assertThat(options.get("missing").isEmpty()).isTrue();
        // its text reads back as the same options
        assertThat(new JsonOptions(options.toString())).isEqualTo(options);
    }

    @Test
    void aJavaMapScalaCollectionsAndEmptyAllWork() {
        JsonOptions fromJava = new JsonOptions(Map.of("paths", List.of("s3://b/in/"), "recurse", true));
        assertThat(fromJava.asJava()).containsExactlyInAnyOrderEntriesOf(
                Map.of("paths", List.of("s3://b/in/"), "recurse", true));
        assertThat(JsonOptions.empty().isEmpty()).isTrue();
        assertThat(JsonOptions.empty().asJava()).isEmpty();
        assertThat(new JsonOptions("").isEmpty()).isTrue();
        assertThat(JsonOptions.apply("{\"a\": 1}").$plus$plus(new JsonOptions("{\"a\": 2, \"b\": 3}")).asJava())
                .containsExactlyEntriesOf(orderedMap("a", 2, "b", 3));
    }

    private static Map<String, Object> orderedMap(Object... keysAndValues) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    @Test
    void textThatIsNotAJsonObjectIsRefused() {
        assertThatThrownBy(() -> new JsonOptions("{\"path\": "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("JsonOptions: not a JSON object");
    }
}
