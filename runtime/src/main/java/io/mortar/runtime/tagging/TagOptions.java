package io.mortar.runtime.tagging;

import java.util.Objects;

/**
 * How {@link RegexTagging} tags rows.
 *
 * @param outputColumn the {@code array<string>} column that receives each row's tags (default {@code tags}); not
 *     used with {@code perColumn}
 * @param firstMatchOnly a row (or, with {@code perColumn}, a column) gets only the tag of the first rule, in rule
 *     order, that matches it
 * @param perColumn one {@code array<string>} column per tagged column, {@code <column>_tags}, holding the tags of
 *     the rules that match that column, instead of one column for the row
 * @param guardStepsPerChar characters a rule's confirming regex may read per character of text before it is given
 *     up and counted as not matching (a guard against catastrophic backtracking; default 1,000)
 */
public record TagOptions(String outputColumn, boolean firstMatchOnly, boolean perColumn, int guardStepsPerChar) {
    public static final String DEFAULT_OUTPUT_COLUMN = "tags";
    public static final int DEFAULT_GUARD_STEPS_PER_CHAR = 1_000;
    /** The suffix of the per-column tag columns: {@code subject} is tagged into {@code subject_tags}. */
    public static final String PER_COLUMN_SUFFIX = "_tags";

    public TagOptions {
        Objects.requireNonNull(outputColumn, "outputColumn");
        if (outputColumn.isBlank()) {
            throw new IllegalArgumentException("The tag output column must be a non-empty name");
        }
        if (guardStepsPerChar < 1) {
            throw new IllegalArgumentException("guardStepsPerChar must be at least 1, but is " + guardStepsPerChar);
        }
    }

    /** Tags of every matching rule in a column {@code tags}. */
    public static TagOptions defaults() {
        return new TagOptions(DEFAULT_OUTPUT_COLUMN, false, false, DEFAULT_GUARD_STEPS_PER_CHAR);
    }

    public TagOptions withOutputColumn(String name) {
        return new TagOptions(name, firstMatchOnly, perColumn, guardStepsPerChar);
    }

    public TagOptions withFirstMatchOnly(boolean value) {
        return new TagOptions(outputColumn, value, perColumn, guardStepsPerChar);
    }

    public TagOptions withPerColumn(boolean value) {
        return new TagOptions(outputColumn, firstMatchOnly, value, guardStepsPerChar);
    }

    public TagOptions withGuardStepsPerChar(int value) {
        return new TagOptions(outputColumn, firstMatchOnly, perColumn, value);
    }
}
