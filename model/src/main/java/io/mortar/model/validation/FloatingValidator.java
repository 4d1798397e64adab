package io.mortar.model.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code double} or {@code float} shape: any JSON number, then the model's {@code min}/{@code max} bounds.
 * The AWS JSON protocols write the non-finite values as the strings {@code "NaN"}, {@code "Infinity"} and
 * {@code "-Infinity"}, so those are accepted too.
 */
final class FloatingValidator implements ShapeValidator {
    private final double min;
    private final double max;
    private final String tooSmall;
    private final String tooLarge;

    FloatingValidator(JsonNode shape) {
        JsonNode minNode = shape.get("min");
        JsonNode maxNode = shape.get("max");
        this.min = minNode == null ? Double.NEGATIVE_INFINITY : minNode.asDouble();
        this.max = maxNode == null ? Double.POSITIVE_INFINITY : maxNode.asDouble();
        this.tooSmall = minNode == null ? null : "Member must have value greater than or equal to " + minNode.asText();
        this.tooLarge = maxNode == null ? null : "Member must have value less than or equal to " + maxNode.asText();
    }

    @Override
    public void validate(JsonNode value, ValidationContext ctx) {
        double number;
        if (value.isNumber()) {
            number = value.doubleValue();
        } else if (value.isTextual() && isNonFiniteLiteral(value.textValue())) {
            number = Double.parseDouble(value.textValue());
        } else {
            throw ctx.typeMismatch("a number", value);
        }
        // NaN compares false both ways, so it passes the bounds, as it would in a Java service
        if (number < min) {
            ctx.violation(value, tooSmall);
        } else if (number > max) {
            ctx.violation(value, tooLarge);
        }
    }

    private static boolean isNonFiniteLiteral(String text) {
        return text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity");
    }
}
