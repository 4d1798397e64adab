package io.mortar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exact text JsonStrings writes, as the hand-written writer (before Jackson's JsonGenerator) wrote it for the
 * same values. Stored partition value lists are compared as text and are unique keys in existing stores, so a
 * different escape for any character (control characters, {@code /}, non-ASCII, lone surrogates) would lose
 * partitions already stored. The expected strings were captured from that writer; they are literals on purpose.
 */
class JsonStringsStoredTextTest {
    /** Empty, controls, quotes and backslashes, {@code /}, BMP and non-BMP characters, lone surrogates. */
    private static final List<String> SAMPLES_AS_WRITTEN = List.of(
            "",
            "plain",
            " \t ",
            "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f",
            "a\u0000b",
            "\b\t\n\f\r",
            "\u007f",
            "\u0080\u009f",
            "say \"hi\" \\ back\\",
            "\\\"",
            "a/b</script>",
            "\u00e9\u20ac\u00fc\u4e2d\u6587",
            "\u00a0\u2028\u2029",
            "\ufeff\ufffd\uffff",
            "\ud83d\ude00",
            "x\ud834\udd1ey",
            "\ud800",
            "x\udc00y",
            "\ude00\ud83d",
            "abc\ud83d",
            "\udbff\udfff",
            "null",
            "[1,2]",
            "{\"k\":\"v\"}",
            "'single'",
            "\u0000",
            "\u001f ");

    @Test
    void listsAreWrittenAsBefore() {
        for (Row<List<String>> row : List.<Row<List<String>>>of(
                row(List.of(""), "[\"\"]"),
                row(List.of("plain"), "[\"plain\"]"),
                row(List.of(" \t "), "[\" \\t \"]"),
                row(List.of("\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"), "[\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r\\u000E\\u000F\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001A\\u001B\\u001C\\u001D\\u001E\\u001F\"]"),
                row(List.of("a\u0000b"), "[\"a\\u0000b\"]"),
                row(List.of("\b\t\n\f\r"), "[\"\\b\\t\\n\\f\\r\"]"),
                row(List.of("\u007f"), "[\"\u007f\"]"),
                row(List.of("\u0080\u009f"), "[\"\u0080\u009f\"]"),
                row(List.of("say \"hi\" \\ back\\"), "[\"say \\\"hi\\\" \\\\ back\\\\\"]"),
                row(List.of("\\\""), "[\"\\\\\\\"\"]"),
                row(List.of("a/b</script>"), "[\"a/b</script>\"]"),
                row(List.of("\u00e9\u20ac\u00fc\u4e2d\u6587"), "[\"\u00e9\u20ac\u00fc\u4e2d\u6587\"]"),
                row(List.of("\u00a0\u2028\u2029"), "[\"\u00a0\u2028\u2029\"]"),
                row(List.of("\ufeff\ufffd\uffff"), "[\"\ufeff\ufffd\uffff\"]"),
                row(List.of("\ud83d\ude00"), "[\"\ud83d\ude00\"]"),
                row(List.of("x\ud834\udd1ey"), "[\"x\ud834\udd1ey\"]"),
                row(List.of("\ud800"), "[\"\ud800\"]"),
                row(List.of("x\udc00y"), "[\"x\udc00y\"]"),
                row(List.of("\ude00\ud83d"), "[\"\ude00\ud83d\"]"),
                row(List.of("abc\ud83d"), "[\"abc\ud83d\"]"),
                row(List.of("\udbff\udfff"), "[\"\udbff\udfff\"]"),
                row(List.of("null"), "[\"null\"]"),
                row(List.of("[1,2]"), "[\"[1,2]\"]"),
                row(List.of("{\"k\":\"v\"}"), "[\"{\\\"k\\\":\\\"v\\\"}\"]"),
                row(List.of("'single'"), "[\"'single'\"]"),
                row(List.of("\u0000"), "[\"\\u0000\"]"),
                row(List.of("\u001f "), "[\"\\u001F \"]"),
                row(List.of(), "[]"),
                row(Arrays.asList((String) null), "[null]"),
                row(Arrays.asList("a", null, "", "\ud83d\ude00"), "[\"a\",null,\"\",\"\ud83d\ude00\"]"),
                row(List.copyOf(SAMPLES_AS_WRITTEN), "[\"\",\"plain\",\" \\t \",\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r\\u000E\\u000F\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001A\\u001B\\u001C\\u001D\\u001E\\u001F\",\"a\\u0000b\",\"\\b\\t\\n\\f\\r\",\"\u007f\",\"\u0080\u009f\",\"say \\\"hi\\\" \\\\ back\\\\\",\"\\\\\\\"\",\"a/b</script>\",\"\u00e9\u20ac\u00fc\u4e2d\u6587\",\"\u00a0\u2028\u2029\",\"\ufeff\ufffd\uffff\",\"\ud83d\ude00\",\"x\ud834\udd1ey\",\"\ud800\",\"x\udc00y\",\"\ude00\ud83d\",\"abc\ud83d\",\"\udbff\udfff\",\"null\",\"[1,2]\",\"{\\\"k\\\":\\\"v\\\"}\",\"'single'\",\"\\u0000\",\"\\u001F \"]"))) {
            assertThat(JsonStrings.writeList(row.value())).as(row.expected()).isEqualTo(row.expected());
            assertThat(JsonStrings.readList(row.expected())).isEqualTo(row.value());
        }
    }

    @Test
    void mapsAreWrittenAsBefore() {
        for (Row<Map<String, String>> row : List.<Row<Map<String, String>>>of(
                row(entries("", "", "k", null), "{\"\":\"\",\"k\":null}"),
                row(entries("plain", "plain", "k", null), "{\"plain\":\"plain\",\"k\":null}"),
                row(entries(" \t ", " \t ", "k", null), "{\" \\t \":\" \\t \",\"k\":null}"),
                row(entries("\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f", "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f", "k", null), "{\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r\\u000E\\u000F\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001A\\u001B\\u001C\\u001D\\u001E\\u001F\":\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r\\u000E\\u000F\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001A\\u001B\\u001C\\u001D\\u001E\\u001F\",\"k\":null}"),
                row(entries("a\u0000b", "a\u0000b", "k", null), "{\"a\\u0000b\":\"a\\u0000b\",\"k\":null}"),
                row(entries("\b\t\n\f\r", "\b\t\n\f\r", "k", null), "{\"\\b\\t\\n\\f\\r\":\"\\b\\t\\n\\f\\r\",\"k\":null}"),
                row(entries("\u007f", "\u007f", "k", null), "{\"\u007f\":\"\u007f\",\"k\":null}"),
                row(entries("\u0080\u009f", "\u0080\u009f", "k", null), "{\"\u0080\u009f\":\"\u0080\u009f\",\"k\":null}"),
                row(entries("say \"hi\" \\ back\\", "say \"hi\" \\ back\\", "k", null), "{\"say \\\"hi\\\" \\\\ back\\\\\":\"say \\\"hi\\\" \\\\ back\\\\\",\"k\":null}"),
                row(entries("\\\"", "\\\"", "k", null), "{\"\\\\\\\"\":\"\\\\\\\"\",\"k\":null}"),
                row(entries("a/b</script>", "a/b</script>", "k", null), "{\"a/b</script>\":\"a/b</script>\",\"k\":null}"),
                row(entries("\u00e9\u20ac\u00fc\u4e2d\u6587", "\u00e9\u20ac\u00fc\u4e2d\u6587", "k", null), "{\"\u00e9\u20ac\u00fc\u4e2d\u6587\":\"\u00e9\u20ac\u00fc\u4e2d\u6587\",\"k\":null}"),
                row(entries("\u00a0\u2028\u2029", "\u00a0\u2028\u2029", "k", null), "{\"\u00a0\u2028\u2029\":\"\u00a0\u2028\u2029\",\"k\":null}"),
                row(entries("\ufeff\ufffd\uffff", "\ufeff\ufffd\uffff", "k", null), "{\"\ufeff\ufffd\uffff\":\"\ufeff\ufffd\uffff\",\"k\":null}"),
                row(entries("\ud83d\ude00", "\ud83d\ude00", "k", null), "{\"\ud83d\ude00\":\"\ud83d\ude00\",\"k\":null}"),
                row(entries("x\ud834\udd1ey", "x\ud834\udd1ey", "k", null), "{\"x\ud834\udd1ey\":\"x\ud834\udd1ey\",\"k\":null}"),
                row(entries("\ud800", "\ud800", "k", null), "{\"\ud800\":\"\ud800\",\"k\":null}"),
                row(entries("x\udc00y", "x\udc00y", "k", null), "{\"x\udc00y\":\"x\udc00y\",\"k\":null}"),
                row(entries("\ude00\ud83d", "\ude00\ud83d", "k", null), "{\"\ude00\ud83d\":\"\ude00\ud83d\",\"k\":null}"),
                row(entries("abc\ud83d", "abc\ud83d", "k", null), "{\"abc\ud83d\":\"abc\ud83d\",\"k\":null}"),
                row(entries("\udbff\udfff", "\udbff\udfff", "k", null), "{\"\udbff\udfff\":\"\udbff\udfff\",\"k\":null}"),
                row(entries("null", "null", "k", null), "{\"null\":\"null\",\"k\":null}"),
                row(entries("[1,2]", "[1,2]", "k", null), "{\"[1,2]\":\"[1,2]\",\"k\":null}"),
                row(entries("{\"k\":\"v\"}", "{\"k\":\"v\"}", "k", null), "{\"{\\\"k\\\":\\\"v\\\"}\":\"{\\\"k\\\":\\\"v\\\"}\",\"k\":null}"),
                row(entries("'single'", "'single'", "k", null), "{\"'single'\":\"'single'\",\"k\":null}"),
                row(entries("\u0000", "\u0000", "k", null), "{\"\\u0000\":\"\\u0000\",\"k\":null}"),
                row(entries("\u001f ", "\u001f ", "k", null), "{\"\\u001F \":\"\\u001F \",\"k\":null}"))) {
            assertThat(JsonStrings.writeMap(row.value())).as(row.expected()).isEqualTo(row.expected());
            assertThat(JsonStrings.readMap(row.expected())).containsExactlyEntriesOf(row.value());
        }
    }

    /** The old writer wrote {@code {null:"v"}} for a null key, which no reader takes back; it is refused now. */
    @Test
    void aNullKeyIsRefused() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(null, "v");
        assertThatThrownBy(() -> JsonStrings.writeMap(map)).isInstanceOf(NullPointerException.class);
    }

    private record Row<T>(T value, String expected) {}

    private static <T> Row<T> row(T value, String expected) {
        return new Row<>(value, expected);
    }

    private static Map<String, String> entries(String k1, String v1, String k2, String v2) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
