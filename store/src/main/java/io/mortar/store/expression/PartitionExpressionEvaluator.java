package io.mortar.store.expression;

import static io.mortar.model.GlueException.invalidState;

import io.mortar.store.expression.BoundExpression.Binding;
import java.util.BitSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * The reference semantics of partition expressions, evaluated in memory on typed values. It deliberately does not
 * use the order-preserving encoding: values compare as BigDecimal, LocalDate, LocalDateTime or code-point text, so
 * that testing the compiled SQL against this evaluator also tests the encoding.
 */
public final class PartitionExpressionEvaluator {
    private PartitionExpressionEvaluator() {
    }

    /**
     * Whether the expression is TRUE for a partition: in-memory reference semantics, SQL three-valued logic
     * (missing value = NULL).
     *
     * @param values the partition's values by key position; a null entry, or a position past the end of the list,
     *               is a missing value
     * @return whether the expression is TRUE for the partition (FALSE and UNKNOWN do not match)
     * @throws io.mortar.model.GlueException INVALID_INPUT when the expression does not fit the keys, INVALID_STATE
     *               when the partition's value of a key the expression references is not castable to its type
     *               (as the store does: never a silent non-match)
     */
    public static boolean matches(PartitionExpression expr, List<PartitionKey> keys, List<String> values) {
        return prepare(expr, keys).test(values);
    }

    /**
     * {@link #matches} with the expression bound to the keys once, for testing many partitions; the binding errors
     * are raised here, the value errors by the predicate.
     */
    public static Predicate<List<String>> prepare(PartitionExpression expr, List<PartitionKey> keys) {
        Binding binding = ExpressionBinder.bind(expr, keys);
        List<PartitionKey> keysCopy = List.copyOf(keys);
        return values -> evaluate(binding.root(), typedValues(binding, keysCopy, values)) == Truth.TRUE;
    }

    private static Object[] typedValues(Binding binding, List<PartitionKey> keys, List<String> values) {
        Object[] row = new Object[keys.size()];
        BitSet referenced = binding.referencedKeys();
        for (int key = referenced.nextSetBit(0); key >= 0; key = referenced.nextSetBit(key + 1)) {
            String raw = key < values.size() ? values.get(key) : null;
            if (raw != null) {
                row[key] = PartitionValueCodec.parse(raw, binding.keyTypes()[key]);
                if (row[key] == null) {
                    throw invalidState("The value '%s' of partition key '%s' cannot be cast to its type '%s'", raw,
                            keys.get(key).name(), keys.get(key).hiveType());
                }
            }
        }
        return row;
    }

    private static Truth evaluate(BoundExpression expression, Object[] row) {
        if (expression instanceof BoundExpression.Comparison comparison) {
            Object value = row[comparison.key()];
            return value == null ? Truth.UNKNOWN
                    : Truth.of(comparison.operator().holds(compare(value, comparison.value().typed())));
        }
        if (expression instanceof BoundExpression.In in) {
            Object value = row[in.key()];
            if (value == null) {
                return Truth.UNKNOWN;
            }
            boolean found = in.values().stream().anyMatch(candidate -> compare(value, candidate.typed()) == 0);
            return Truth.of(found != in.negated());
        }
        if (expression instanceof BoundExpression.Between between) {
            Object value = row[between.key()];
            if (value == null) {
                return Truth.UNKNOWN;
            }
            boolean inside = compare(value, between.low().typed()) >= 0 && compare(value, between.high().typed()) <= 0;
            return Truth.of(inside != between.negated());
        }
        if (expression instanceof BoundExpression.Like like) {
            Object value = row[like.key()];
            return value == null ? Truth.UNKNOWN
                    : Truth.of(LikePattern.matches(like.pattern(), (String) value) != like.negated());
        }
        if (expression instanceof BoundExpression.IsNull isNull) {
            return Truth.of((row[isNull.key()] == null) != isNull.negated());
        }
        if (expression instanceof BoundExpression.Not not) {
            return evaluate(not.operand(), row).not();
        }
        if (expression instanceof BoundExpression.And and) {
            Truth result = Truth.TRUE;
            for (BoundExpression operand : and.operands()) {
                result = result.and(evaluate(operand, row));
            }
            return result;
        }
        if (expression instanceof BoundExpression.Or or) {
            Truth result = Truth.FALSE;
            for (BoundExpression operand : or.operands()) {
                result = result.or(evaluate(operand, row));
            }
            return result;
        }
        throw new IllegalStateException("Unhandled expression " + expression.getClass().getName());
    }

    /** Compares two typed values of one key: strings by code point (as UTF-8 bytes compare), others naturally. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object left, Object right) {
        if (left instanceof String leftText) {
            return compareCodePoints(leftText, (String) right);
        }
        return ((Comparable) left).compareTo(right);
    }

    /** String.compareTo compares UTF-16 units, which misorders supplementary characters against U+E000-U+FFFF. */
    static int compareCodePoints(String left, String right) {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            int a = left.codePointAt(i);
            int b = right.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Boolean.compare(i < left.length(), j < right.length());
    }

    /** SQL's three truth values. */
    private enum Truth {
        TRUE, FALSE, UNKNOWN;

        static Truth of(boolean value) {
            return value ? TRUE : FALSE;
        }

        Truth not() {
            return this == UNKNOWN ? UNKNOWN : of(this == FALSE);
        }

        Truth and(Truth other) {
            if (this == FALSE || other == FALSE) {
                return FALSE;
            }
            return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : TRUE;
        }

        Truth or(Truth other) {
            if (this == TRUE || other == TRUE) {
                return TRUE;
            }
            return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : FALSE;
        }
    }
}
