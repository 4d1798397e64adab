package io.mortar.model.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks one JSON value against one shape of the service model. Implementations are compiled once at load time and
 * shared by every member that targets the same shape, so they hold no per-request state: the position in the body and
 * the violations found so far live in the {@link ValidationContext}.
 */
interface ShapeValidator {

    /**
     * Validates a present, non-null value. Wrong JSON types are thrown at once (a SerializationException: the body
     * cannot be bound at all); constraint violations are recorded in {@code ctx} so all of them can be reported together.
     */
    void validate(JsonNode value, ValidationContext ctx);
}
