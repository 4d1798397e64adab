package io.mortar.model.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A document shape ({@code structure} with {@code document: true}, e.g. {@code IcebergDocument}): free-form JSON of any
 * type, which the model does not constrain.
 */
final class DocumentValidator implements ShapeValidator {
    static final DocumentValidator INSTANCE = new DocumentValidator();

    private DocumentValidator() {
    }

    @Override
    public void validate(JsonNode value, ValidationContext ctx) {
        // any JSON value is a valid document
    }
}
