package io.mortar.model.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An {@code integer} or {@code long} shape: an integral JSON number within the Java type's range (a wrong type or an
 * overflow cannot be bound, so it is a SerializationException), then the model's {@code min}/{@code max} bounds.
 */
final class IntegralValidator implements ShapeValidator {
    /** The JSON ranges of the two integral model types. */
    enum Kind {
        INTEGER("an integer", "the integer range"),
        LONG("a long", "the long range");

        private final String expected;
        private final String range;

        Kind(String expected, String range) {
            this.expected = expected;
            this.range = range;
        }

        boolean fits(JsonNode number) {
            return this == INTEGER ? number.canConvertToInt() : number.canConvertToLong();
        }
    }

    private final Kind kind;
    private final long min;
    private final long max;
    private final String tooSmall;
    private final String tooLarge;

    IntegralValidator(Kind kind, JsonNode shape) {
        this.kind = kind;
        JsonNode minNode = shape.get("min");
        JsonNode maxNode = shape.get("max");
        this.min = minNode == null ? Long.MIN_VALUE : minNode.asLong();
        this.max = maxNode == null ? Long.MAX_VALUE : maxNode.asLong();
        this.tooSmall = minNode == null ? null : "Member must have value greater than or equal to " + minNode.asText();
        this.tooLarge = maxNode == null ? null : "Member must have value less than or equal to " + maxNode.asText();
    }

    @Override
    public void validate(JsonNode value, ValidationContext ctx) {
        if (!value.isNumber()) {
            throw ctx.typeMismatch(kind.expected, value);
        }
        if (!value.isIntegralNumber()) {
            throw ctx.typeMismatch(kind.expected, "a non-integral number");
        }
        if (!kind.fits(value)) {
            throw ctx.typeMismatch(kind.expected, "a number outside " + kind.range);
        }
        long number = value.longValue();
        if (number < min) {
            ctx.violation(value, tooSmall);
        } else if (number > max) {
            ctx.violation(value, tooLarge);
        }
    }
}
