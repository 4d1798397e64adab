package io.mortar.model.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Stands in for a shape that is still being compiled when one of its own members leads back to it: Glue's
 * {@code Mapping} has {@code Children} of type {@code Mappings}, a list of {@code Mapping}. The compiler resolves the
 * reference once the shape is complete, during loading, before any request can reach it. Only such back edges pay
 * for the extra call; everything else links to its validator directly.
 *
 * <p>The target is not final, yet safely visible to request threads: it is written before {@link GlueServiceModel}'s
 * constructor freezes its final fields, through which every validator is reached.
 */
final class ForwardReference implements ShapeValidator {
    private final String shapeName;
    private ShapeValidator target;

    ForwardReference(String shapeName) {
        this.shapeName = shapeName;
    }

    void resolve(ShapeValidator validator) {
        if (target != null) {
            throw new IllegalStateException("forward reference to " + shapeName + " is already resolved");
        }
        target = validator;
    }

    @Override
    public void validate(JsonNode value, ValidationContext ctx) {
        target.validate(value, ctx);
    }

    @Override
    public String toString() {
        return "ForwardReference[" + shapeName + "]";
    }
}
