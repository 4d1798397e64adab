package io.mortar.model.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code structure} shape: a JSON object whose members are checked in model order, so messages come out in a
 * stable order. Members the model does not know are ignored (the client may be newer than the model), and a JSON
 * {@code null} counts as absent, as the SDKs treat it.
 */
final class StructureValidator implements ShapeValidator {
    private final String shapeName;
    private final String[] wireNames;
    private final String[] pathNames;
    private final ShapeValidator[] memberValidators;
    private final boolean[] required;

    /**
     * @param wireNames the member names as they appear in JSON
     * @param pathNames the same names as AWS prints them in messages (lowerCamelCase)
     */
    StructureValidator(String shapeName, String[] wireNames, String[] pathNames, ShapeValidator[] memberValidators,
            boolean[] required) {
        this.shapeName = shapeName;
        this.wireNames = wireNames;
        this.pathNames = pathNames;
        this.memberValidators = memberValidators;
        this.required = required;
    }

    @Override
    public void validate(JsonNode value, ValidationContext ctx) {
        if (!value.isObject()) {
            throw ctx.typeMismatch("an object", value);
        }
        for (int i = 0; i < wireNames.length; i++) {
            JsonNode member = value.get(wireNames[i]);
            if (member == null || member.isNull()) {
                if (required[i]) {
                    ctx.enterMember(pathNames[i]);
                    ctx.violation((JsonNode) null, ValidationContext.MUST_NOT_BE_NULL);
                    ctx.leave();
                }
                continue;
            }
            ctx.enterMember(pathNames[i]);
            memberValidators[i].validate(member, ctx);
            ctx.leave();
        }
    }

    @Override
    public String toString() {
        return "StructureValidator[" + shapeName + "]";
    }
}
