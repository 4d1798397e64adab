package io.mortar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** JsonStrings writes what Jackson writes and reads what Jackson reads, for flat lists and maps of strings. */
class JsonStringsTest {
    private static final String AWKWARD = "\"\\/\b\f\n\r\t\u0000\u0001\u001f\u007f é€😀\ud800 </script>";

    @Test
    void writesExactlyWhatJacksonWrites() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            List<String> values = new ArrayList<>();
            Map<String, String> map = new LinkedHashMap<>();
            int n = random.nextInt(5);
            for (int i = 0; i < n; i++) {
                values.add(randomString(random));
                map.put(randomString(random), random.nextInt(8) == 0 ? null : randomString(random));
            }
            assertThat(JsonStrings.writeList(values)).isEqualTo(GlueJson.mapper().writeValueAsString(values));
            assertThat(JsonStrings.writeMap(map)).isEqualTo(GlueJson.mapper().writeValueAsString(map));
        }
        assertThat(JsonStrings.writeList(Arrays.asList("a", null, AWKWARD)))
                .isEqualTo(GlueJson.mapper().writeValueAsString(Arrays.asList("a", null, AWKWARD)));
    }

    @Test
    void readsBackWhatEitherWrote() throws Exception {
        Random random = new Random(11);
        for (int round = 0; round < 2000; round++) {
            List<String> values = new ArrayList<>();
            Map<String, String> map = new LinkedHashMap<>();
            int n = random.nextInt(5);
            for (int i = 0; i < n; i++) {
                values.add(random.nextInt(10) == 0 ? null : randomString(random));
                map.put(randomString(random), randomString(random));
            }
            assertThat(JsonStrings.readList(JsonStrings.writeList(values))).isEqualTo(values);
            assertThat(JsonStrings.readMap(JsonStrings.writeMap(map))).containsExactlyEntriesOf(map);
            String jackson = GlueJson.mapper().writeValueAsString(values);
            assertThat(JsonStrings.readList(jackson)).isEqualTo(values);
        }
    }

    @Test
    void readsAnyJsonOfTheShape() throws Exception {
        String list = " [ \"a\" , null,\n\"\\u00e9\\/\\\"x\" ] ";
        assertThat(JsonStrings.readList(list)).isEqualTo(GlueJson.mapper().readValue(list,
                new TypeReference<List<String>>() {}));
        assertThat(JsonStrings.readList("[]")).isEmpty();
        assertThat(JsonStrings.readMap(" { \"k\" : \"v\" , \"n\": null } ")).containsExactly(
                Map.entry("k", "v"), new java.util.AbstractMap.SimpleEntry<>("n", null));
        assertThat(JsonStrings.readMap("{}")).isEmpty();
    }

    @Test
    void rejectsOtherShapes() {
        for (String bad : List.of("", "[", "[\"a\"", "[\"a\" \"b\"]", "[1]", "[\"a\"] x", "{\"k\":1}", "[\"\\q\"]",
                "[\"\\u12\"]", "{\"k\"}", "\"a\"")) {
            assertThatThrownBy(() -> {
                if (bad.startsWith("{")) {
                    JsonStrings.readMap(bad);
                } else {
                    JsonStrings.readList(bad);
                }
            }).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static String randomString(Random random) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                sb.append(AWKWARD.charAt(random.nextInt(AWKWARD.length())));
            } else if (kind == 1) {
                sb.append((char) random.nextInt(0x20));
            } else if (kind == 2) {
                sb.append((char) (0x80 + random.nextInt(0xD000)));
            } else {
                sb.append((char) (0x20 + random.nextInt(0x5f)));
            }
        }
        return sb.toString();
    }
}
