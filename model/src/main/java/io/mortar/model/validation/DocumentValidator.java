package io.mortar.model.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A document shape ({@code structure} with {@code document: true}, e.g. {@code IcebergDocument}): free-form JSON of any
 * type, which the model does not constrain; only its strings and member names must be well-formed UTF-16, as
 * every string Mortar stores.
 */
final class DocumentValidator implements ShapeValidator {
    static final DocumentValidator INSTANCE = new DocumentValidator();

    private DocumentValidator() {
    }

    @Override
    public void validate(JsonNode value, ValidationContext ctx) {
        if (value.isTextual()) {
            StringValidator.checkWellFormed(value.textValue(), ctx);
        } else if (value.isArray()) {
            for (JsonNode element : value) {
                validate(element, ctx);
            }
        } else if (value.isObject()) {
            for (Map.Entry<String, JsonNode> member : value.properties()) {
                StringValidator.checkWellFormed(member.getKey(), ctx);
                validate(member.getValue(), ctx);
            }
        }
    }
}
