package io.mortar.model.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** How JSON values appear in validation messages. */
final class JsonText {
    /** Longer strings are cut so that a 512 000-character parameter value cannot blow up an error message. */
    static final int MAX_QUOTED_CHARS = 100;

    private JsonText() {
    }

    /**
     * A value as AWS shows it after {@code Value}: strings in single quotes, numbers and booleans as written,
     * {@code null} for a missing member, and a size summary for arrays and objects (their content is rarely useful
     * and may be large).
     */
    static String forMessage(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "null";
        }
        if (value.isTextual()) {
            return quote(value.textValue());
        }
        if (value.isArray()) {
            return "[" + count(value.size(), "element") + "]";
        }
        if (value.isObject()) {
            return "{" + count(value.size(), "entry", "entries") + "}";
        }
        return value.asText();
    }

    /**
     * Single-quotes a string, truncating it with '…' after {@value #MAX_QUOTED_CHARS} characters and escaping any
     * lone surrogate.
     */
    static String quote(String text) {
        // A lone surrogate is shown as its escape: the message goes out as UTF-8, where it has no form.
        if (text.length() <= MAX_QUOTED_CHARS) {
            return "'" + Utf16.escapeLoneSurrogates(text) + "'";
        }
        int cut = MAX_QUOTED_CHARS;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--; // never split a surrogate pair: half an emoji is not valid UTF-16 on the wire
        }
        return "'" + Utf16.escapeLoneSurrogates(text.substring(0, cut)) + "…'";
    }

    /** The JSON type of a value with its article, for "Expected … but found …". */
    static String typeName(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            case BINARY -> "binary data";
            case NULL -> "null";
            case MISSING -> "nothing";
        };
    }

    private static String count(int n, String singular) {
        return count(n, singular, singular + "s");
    }

    private static String count(int n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
