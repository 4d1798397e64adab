package io.mortar.model.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** A {@code list} shape: a JSON array with optional size bounds, each element checked against the member shape. */
final class ListValidator implements ShapeValidator {
    private final LengthRule size;
    private final ShapeValidator element;

    ListValidator(LengthRule size, ShapeValidator element) {
        this.size = size;
        this.element = element;
    }

    @Override
    public void validate(JsonNode value, ValidationContext ctx) {
        if (!value.isArray()) {
            throw ctx.typeMismatch("an array", value);
        }
        int count = value.size();
        if (size != null) {
            String failed = size.violatedBy(count);
            if (failed != null) {
                ctx.violation(value, failed);
            }
        }
        for (int i = 0; i < count; i++) {
            JsonNode item = value.get(i);
            ctx.enterListElement(i);
            if (item.isNull()) {
                // Glue's lists are not sparse: a null element cannot be bound to the SDK's model classes.
                ctx.violation(item, ValidationContext.MUST_NOT_BE_NULL);
            } else {
                element.validate(item, ctx);
            }
            ctx.leave();
        }
    }
}
