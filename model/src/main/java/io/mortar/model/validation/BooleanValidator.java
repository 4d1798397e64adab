package io.mortar.model.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** A {@code boolean} shape: a JSON {@code true} or {@code false}; the string {@code "true"} is a wrong type. */
final class BooleanValidator implements ShapeValidator {
    static final BooleanValidator INSTANCE = new BooleanValidator();

    private BooleanValidator() {
    }

    @Override
    public void validate(JsonNode value, ValidationContext ctx) {
        if (!value.isBoolean()) {
            throw ctx.typeMismatch("a boolean", value);
        }
    }
}
