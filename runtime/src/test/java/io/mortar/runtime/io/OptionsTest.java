package io.mortar.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void listsComeAsListsJsonStringsOrSingleValues() {
        Options o = Options.of("connection option", Map.of("a", List.of("x", "y"), "b", "[\"**.pdf\",\"*.tmp\"]",
                "c", "s3://bucket/one"));
        assertThat(o.list("a")).containsExactly("x", "y");
        assertThat(o.list("b")).containsExactly("**.pdf", "*.tmp");
        assertThat(o.list("c")).containsExactly("s3://bucket/one");
        assertThat(o.list("missing")).isEmpty();
    }

    @Test
    void badValuesNameTheOption() {
        Options o = Options.of("connection option", Map.of("recurse", "yes", "b", "[1,", "n", "x"));
        assertThatThrownBy(() -> o.bool("recurse", false))
                .hasMessage("The connection option 'recurse' must be true or false but was 'yes'");
        assertThatThrownBy(() -> o.list("b")).hasMessageContaining("'b' must be a JSON list of strings");
        assertThatThrownBy(() -> o.integer("n", 1)).hasMessageContaining("'n' must be an integer");
        assertThatThrownBy(() -> o.require("path")).hasMessage("The connection option 'path' is required");
    }

    @Test
    void booleansAcceptStringsAndBooleans() {
        Options o = Options.of("format option", Map.of("a", true, "b", "FALSE"));
        assertThat(o.bool("a", false)).isTrue();
        assertThat(o.bool("b", true)).isFalse();
        assertThat(o.bool("c", true)).isTrue();
    }
}
