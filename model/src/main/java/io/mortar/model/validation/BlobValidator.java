package io.mortar.model.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;

/** A {@code blob} shape: base64 text on the JSON wire. Blobs are rare in Glue inputs, so decoding to check is fine. */
final class BlobValidator implements ShapeValidator {
    static final BlobValidator INSTANCE = new BlobValidator();

    private BlobValidator() {
    }

    @Override
    public void validate(JsonNode value, ValidationContext ctx) {
        if (value.isBinary()) {
            return; // a tree built in code may already hold the bytes
        }
        if (!value.isTextual()) {
            throw ctx.typeMismatch("a base64-encoded string", value);
        }
        try {
            Base64.getDecoder().decode(value.textValue());
        } catch (IllegalArgumentException e) {
            throw ctx.typeMismatch("a base64-encoded string", "a string that is not valid base64");
        }
    }
}
