package io.mortar.model.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state of one validation pass: where in the body the walk is, and which constraints have failed so far.
 *
 * <p>The path is a stack of raw segments that is rendered to text only when something fails, so a valid request
 * never builds a path string. Segments render the way AWS's own validation messages do: member names in
 * lowerCamelCase, list elements as {@code <list>.<1-based index>.member}, map values as {@code <map>.<key>.member}
 * and map keys as {@code <map>.<key>}.
 *
 * <p>Not thread-safe; one instance per request. Validators do not pop the path when they throw, because a thrown
 * SerializationException ends the pass and the context is discarded.
 */
final class ValidationContext {
    /** AWS lists at most this many violations in the message, but counts all of them. */
    static final int MAX_REPORTED = 10;

    static final String MUST_NOT_BE_NULL = "Member must not be null";

    static final String MUST_BE_WELL_FORMED =
            "Member must be well-formed Unicode (it holds a UTF-16 surrogate without its pair)";

    private static final byte MEMBER = 0;
    private static final byte LIST_ELEMENT = 1;
    private static final byte MAP_KEY = 2;
    private static final byte MAP_VALUE = 3;

    private byte[] kinds = new byte[16];
    private String[] names = new String[16];
    private int[] indexes = new int[16];
    private int depth;

    private final List<String> reported = new ArrayList<>(0);
    private int violationCount;

    void enterMember(String pathName) {
        push(MEMBER, pathName, 0);
    }

    void enterListElement(int zeroBasedIndex) {
        push(LIST_ELEMENT, null, zeroBasedIndex);
    }

    void enterMapKey(String key) {
        push(MAP_KEY, key, 0);
    }

    void enterMapValue(String key) {
        push(MAP_VALUE, key, 0);
    }

    void leave() {
        depth--;
    }

    /** Records a failed constraint on the JSON value at the current path ({@code null} for a missing member). */
    void violation(JsonNode value, String constraint) {
        violationCount++;
        if (reported.size() < MAX_REPORTED) {
            reported.add(format(JsonText.forMessage(value), constraint));
        }
    }

    /** Records a failed constraint on a string at the current path: a string value, or a map key. */
    void violation(String text, String constraint) {
        violationCount++;
        if (reported.size() < MAX_REPORTED) {
            reported.add(format(JsonText.quote(text), constraint));
        }
    }

    /** The SerializationException for a value of the wrong JSON type; callers {@code throw} it. */
    GlueException typeMismatch(String expected, JsonNode found) {
        return typeMismatch(expected, JsonText.typeName(found));
    }

    GlueException typeMismatch(String expected, String foundDescription) {
        return new GlueException(GlueErrorCode.SERIALIZATION,
                "Expected " + expected + " at '" + path() + "' but found " + foundDescription);
    }

    /** Throws one InvalidInputException listing the recorded violations, if there are any. */
    void throwIfViolated() {
        if (violationCount == 0) {
            return;
        }
        String summary = violationCount == 1
                ? "1 validation error detected: "
                : violationCount + " validation errors detected: ";
        throw new GlueException(GlueErrorCode.INVALID_INPUT, summary + String.join("; ", reported));
    }

    String path() {
        StringBuilder path = new StringBuilder(16 * depth);
        for (int i = 0; i < depth; i++) {
            if (i > 0) {
                path.append('.');
            }
            switch (kinds[i]) {
                case LIST_ELEMENT -> path.append(indexes[i] + 1).append(".member");
                case MAP_VALUE -> path.append(Utf16.escapeLoneSurrogates(names[i])).append(".member");
                default -> path.append(Utf16.escapeLoneSurrogates(names[i])); // a map key may hold one
            }
        }
        return path.toString();
    }

    private String format(String renderedValue, String constraint) {
        return "Value " + renderedValue + " at '" + path() + "' failed to satisfy constraint: " + constraint;
    }

    private void push(byte kind, String name, int index) {
        if (depth == kinds.length) {
            int grown = depth * 2;
            kinds = Arrays.copyOf(kinds, grown);
            names = Arrays.copyOf(names, grown);
            indexes = Arrays.copyOf(indexes, grown);
        }
        kinds[depth] = kind;
        names[depth] = name;
        indexes[depth] = index;
        depth++;
    }
}
