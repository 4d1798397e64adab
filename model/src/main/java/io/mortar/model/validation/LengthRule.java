package io.mortar.model.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code min}/{@code max} traits of a string, list or map shape: bounds on its length in characters
 * ({@link String#length()}, i.e. UTF-16 units, as AWS counts) or its number of elements or entries.
 * AWS words both the same way: "Member must have length …".
 */
final class LengthRule {
    private final long min;
    private final long max;
    private final String tooShort;
    private final String tooLong;

    private LengthRule(long min, long max, String tooShort, String tooLong) {
        this.min = min;
        this.max = max;
        this.tooShort = tooShort;
        this.tooLong = tooLong;
    }

    /** The rule declared by {@code shape}, or {@code null} when it declares no bound that can fail. */
    static LengthRule of(JsonNode shape) {
        JsonNode minNode = shape.get("min");
        JsonNode maxNode = shape.get("max");
        boolean hasMin = minNode != null && minNode.asLong() > 0; // every length is >= 0 already
        boolean hasMax = maxNode != null;
        if (!hasMin && !hasMax) {
            return null;
        }
        return new LengthRule(
                hasMin ? minNode.asLong() : 0,
                hasMax ? maxNode.asLong() : Long.MAX_VALUE,
                hasMin ? "Member must have length greater than or equal to " + minNode.asText() : null,
                hasMax ? "Member must have length less than or equal to " + maxNode.asText() : null);
    }

    /** The failed constraint for a value of this length, or {@code null} if the length is within bounds. */
    String violatedBy(int length) {
        if (length < min) {
            return tooShort;
        }
        if (length > max) {
            return tooLong;
        }
        return null;
    }

    boolean isTooLong(int length) {
        return length > max;
    }
}
