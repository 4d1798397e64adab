package io.mortar.model.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A {@code map} shape: a JSON object with optional size bounds; every key is checked against the key shape (JSON keys
 * are always strings, so only the string constraints apply; a key without any must still be well-formed) and every
 * value against the value shape.
 */
final class MapValidator implements ShapeValidator {
    private final LengthRule size;
    private final StringValidator key;
    private final ShapeValidator value;

    /** @param key the key shape's validator, or {@code null} when the key shape has no constraints */
    MapValidator(LengthRule size, StringValidator key, ShapeValidator value) {
        this.size = size;
        this.key = key;
        this.value = value;
    }

    @Override
    public void validate(JsonNode map, ValidationContext ctx) {
        if (!map.isObject()) {
            throw ctx.typeMismatch("an object", map);
        }
        if (size != null) {
            String failed = size.violatedBy(map.size());
            if (failed != null) {
                ctx.violation(map, failed);
            }
        }
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            String entryKey = entry.getKey();
            ctx.enterMapKey(entryKey);
            if (key != null) {
                key.checkConstraints(entryKey, ctx);
            } else {
                StringValidator.checkWellFormed(entryKey, ctx);
            }
            ctx.leave();
            JsonNode entryValue = entry.getValue();
            ctx.enterMapValue(entryKey);
            if (entryValue.isNull()) {
                // as for lists: Glue's maps are not sparse
                ctx.violation(entryValue, ValidationContext.MUST_NOT_BE_NULL);
            } else {
                value.validate(entryValue, ctx);
            }
            ctx.leave();
        }
    }
}
