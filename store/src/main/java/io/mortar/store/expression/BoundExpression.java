package io.mortar.store.expression;

import java.util.BitSet;
import java.util.List;

/**
 * A {@link PartitionExpression} resolved against a table's partition keys: columns are key positions, every key
 * used has a supported type, and every literal has been cast to its key's type. Both the SQL compiler and the
 * in-memory evaluator work from this form, so they accept and reject exactly the same expressions.
 */
public sealed interface BoundExpression {

    /** A literal cast to its key's type: the typed value (see {@link PartitionValueCodec#parse}) and its encoding. */
    record Value(Object typed, String encoded) {
    }

    record Comparison(int key, ComparisonOperator operator, Value value) implements BoundExpression {
    }

    record In(int key, List<Value> values, boolean negated) implements BoundExpression {
    }

    record Between(int key, Value low, Value high, boolean negated) implements BoundExpression {
    }

    /** Only on STRING keys. */
    record Like(int key, String pattern, boolean negated) implements BoundExpression {
    }

    record IsNull(int key, boolean negated) implements BoundExpression {
    }

    record Not(BoundExpression operand) implements BoundExpression {
    }

    record And(List<BoundExpression> operands) implements BoundExpression {
    }

    record Or(List<BoundExpression> operands) implements BoundExpression {
    }

    /**
     * The result of binding: the bound tree, the positions of the keys it references and the parsed types of the
     * keys by position (null for keys the expression does not reference, whose types were never looked at).
     */
    record Binding(BoundExpression root, BitSet referencedKeys, HiveType[] keyTypes) {
        /** How many partition keys the table has (the expression may mention only some of them). */
        public int keyCount() {
            return keyTypes.length;
        }
    }
}
