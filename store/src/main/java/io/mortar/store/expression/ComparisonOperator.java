package io.mortar.store.expression;

/** A binary comparison between a partition key and a literal. */
public enum ComparisonOperator {
    EQUAL("="),
    /** Written {@code <>} or {@code !=} in an expression. */
    NOT_EQUAL("<>"),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    /** The SQL spelling, which is also the canonical Glue spelling. */
    public String symbol() {
        return symbol;
    }

    /** The operator with its operands swapped: {@code 5 < year} is {@code year > 5}. */
    public ComparisonOperator flipped() {
        return switch (this) {
            case EQUAL, NOT_EQUAL -> this;
            case LESS -> GREATER;
            case LESS_OR_EQUAL -> GREATER_OR_EQUAL;
            case GREATER -> LESS;
            case GREATER_OR_EQUAL -> LESS_OR_EQUAL;
        };
    }

    /** Whether the operator holds for two operands whose comparison gave {@code comparison} (sign only). */
    public boolean holds(int comparison) {
        return switch (this) {
            case EQUAL -> comparison == 0;
            case NOT_EQUAL -> comparison != 0;
            case LESS -> comparison < 0;
            case LESS_OR_EQUAL -> comparison <= 0;
            case GREATER -> comparison > 0;
            case GREATER_OR_EQUAL -> comparison >= 0;
        };
    }

    /** The operator spelled {@code symbol}, or null; {@code !=} is {@link #NOT_EQUAL}. */
    static ComparisonOperator ofSymbol(String symbol) {
        return switch (symbol) {
            case "=" -> EQUAL;
            case "<>", "!=" -> NOT_EQUAL;
            case "<" -> LESS;
            case "<=" -> LESS_OR_EQUAL;
            case ">" -> GREATER;
            case ">=" -> GREATER_OR_EQUAL;
            default -> null;
        };
    }
}
