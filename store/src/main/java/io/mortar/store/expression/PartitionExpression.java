package io.mortar.store.expression;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The syntax tree of a Glue partition {@code Expression}. Column names are kept as written; they are matched to the
 * table's partition keys (case-insensitively) only when the expression is compiled or evaluated, which is also when
 * literals are checked against the keys' types.
 */
public sealed interface PartitionExpression {

    /** {@code column <op> literal}; {@code literal <op> column} is parsed into this form with the operator flipped. */
    record Comparison(String column, ComparisonOperator operator, Literal value) implements PartitionExpression {
        public Comparison {
            requireNonNull(column, "column");
            requireNonNull(operator, "operator");
            requireNonNull(value, "value");
        }
    }

    /** {@code column [NOT] IN (v1, v2, ...)}, with at least one value. */
    record In(String column, List<Literal> values, boolean negated) implements PartitionExpression {
        public In {
            requireNonNull(column, "column");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("IN needs at least one value");
            }
        }
    }

    /** {@code column [NOT] BETWEEN low AND high}, inclusive at both ends. */
    record Between(String column, Literal low, Literal high, boolean negated) implements PartitionExpression {
        public Between {
            requireNonNull(column, "column");
            requireNonNull(low, "low");
            requireNonNull(high, "high");
        }
    }

    /** {@code column [NOT] LIKE 'pattern'}: {@code %} matches any sequence, {@code _} one character; no escapes. */
    record Like(String column, String pattern, boolean negated) implements PartitionExpression {
        public Like {
            requireNonNull(column, "column");
            requireNonNull(pattern, "pattern");
        }
    }

    /** {@code column IS [NOT] NULL}: whether the partition has no value for the key. */
    record IsNull(String column, boolean negated) implements PartitionExpression {
        public IsNull {
            requireNonNull(column, "column");
        }
    }

    record Not(PartitionExpression operand) implements PartitionExpression {
        public Not {
            requireNonNull(operand, "operand");
        }
    }

    /** A chain {@code a AND b AND ...}, kept flat so that long chains do not make deep trees. */
    record And(List<PartitionExpression> operands) implements PartitionExpression {
        public And {
            operands = atLeastTwo(operands);
        }
    }

    /** A chain {@code a OR b OR ...}, kept flat so that long chains do not make deep trees. */
    record Or(List<PartitionExpression> operands) implements PartitionExpression {
        public Or {
            operands = atLeastTwo(operands);
        }
    }

    private static List<PartitionExpression> atLeastTwo(List<PartitionExpression> operands) {
        List<PartitionExpression> copy = List.copyOf(operands);
        if (copy.size() < 2) {
            throw new IllegalArgumentException("AND and OR need at least two operands");
        }
        return copy;
    }
}
