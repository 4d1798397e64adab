package io.mortar.model.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * A {@code string} shape: length bounds, a pattern and an enum, each reported as its own violation as AWS does
 * (an empty name fails its length, an enum value with a newline fails both pattern and enum). One exception: the
 * pattern is not run on a value that is already too long. Every string, constrained or not, must be well-formed
 * UTF-16 (no lone surrogate).
 */
final class StringValidator implements ShapeValidator {
    private final LengthRule length;
    private final StringMatcher pattern;
    private final String patternViolation;
    private final Set<String> enumValues;
    private final String enumViolation;

    /**
     * @param length      the length rule, or {@code null}
     * @param pattern     the compiled pattern, or {@code null} when there is none (or it could not be compiled)
     * @param patternText the pattern as the model writes it, for the message
     * @param enumValues  the allowed values in model order, or {@code null}
     */
    StringValidator(LengthRule length, StringMatcher pattern, String patternText, List<String> enumValues) {
        this.length = length;
        this.pattern = pattern;
        this.patternViolation = pattern == null ? null
                : "Member must satisfy regular expression pattern: " + patternText;
        this.enumValues = enumValues == null ? null : Set.copyOf(enumValues);
        this.enumViolation = enumValues == null ? null
                : "Member must satisfy enum value set: [" + String.join(", ", enumValues) + "]";
    }

    /** Whether any check could fail; a plain string shape then validates only the JSON type. */
    boolean hasConstraints() {
        return length != null || pattern != null || enumValues != null;
    }

    @Override
    public void validate(JsonNode value, ValidationContext ctx) {
        if (!value.isTextual()) {
            throw ctx.typeMismatch("a string", value);
        }
        checkConstraints(value.textValue(), ctx);
    }

    /**
     * Records a violation when {@code text} is not well-formed UTF-16, whatever its shape says: every string Mortar
     * keeps is stored as UTF-8, where a lone surrogate has no form.
     *
     * @return whether it is well-formed
     */
    static boolean checkWellFormed(String text, ValidationContext ctx) {
        if (Utf16.loneSurrogateAt(text) < 0) {
            return true;
        }
        ctx.violation(text, ValidationContext.MUST_BE_WELL_FORMED);
        return false;
    }

    /** Checks a string that is already known to be one: a string value, or a map key. */
    void checkConstraints(String text, ValidationContext ctx) {
        if (!checkWellFormed(text, ctx)) {
            return; // its pattern would fail for the same reason; one violation says it
        }
        boolean tooLong = false;
        if (length != null) {
            String failed = length.violatedBy(text.length());
            if (failed != null) {
                ctx.violation(text, failed);
                tooLong = length.isTooLong(text.length());
            }
        }
        // A value over its length bound is rejected already; matching it could cost far more than the model's
        // bound allows for (JsonPathString's pattern backtracks polynomially: seconds for 100 000 characters).
        if (pattern != null && !tooLong && !pattern.matches(text)) {
            ctx.violation(text, patternViolation);
        }
        if (enumValues != null && !enumValues.contains(text)) {
            ctx.violation(text, enumViolation);
        }
    }
}
