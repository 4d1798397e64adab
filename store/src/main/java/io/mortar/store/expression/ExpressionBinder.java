package io.mortar.store.expression;

import static io.mortar.model.GlueException.invalidInput;

import io.mortar.store.expression.BoundExpression.Binding;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Resolves a {@link PartitionExpression} against a table's partition keys, raising the semantic errors Glue raises:
 * unknown columns, keys of unsupported types, LIKE on a non-string key and literals that cannot be cast to their
 * key's type. Only keys the expression mentions are checked: a table may well have a boolean partition key as
 * long as no expression filters on it.
 */
public final class ExpressionBinder {
    private final List<PartitionKey> keys;
    private final HiveType[] keyTypes;
    private final BitSet referencedKeys = new BitSet();

    private ExpressionBinder(List<PartitionKey> keys) {
        this.keys = keys;
        this.keyTypes = new HiveType[keys.size()];
    }

    /**
     * Parses a GetPartitions {@code Expression} and binds it to the table's partition keys (in order): what a store
     * is asked to filter partitions by.
     *
     * @throws io.mortar.model.GlueException INVALID_INPUT for a blank, unparseable or ill-typed expression
     */
    public static Binding bind(String expression, List<PartitionKey> keys) {
        // Callers treat an absent expression as "no filter"; one that reaches the binder must filter something.
        if (expression == null || expression.isBlank()) {
            throw invalidInput("The partition expression must not be blank");
        }
        return bind(PartitionExpressionParser.parse(expression), keys);
    }

    static Binding bind(PartitionExpression expression, List<PartitionKey> keys) {
        ExpressionBinder binder = new ExpressionBinder(keys);
        BoundExpression root = binder.bind(expression);
        return new Binding(root, binder.referencedKeys, binder.keyTypes);
    }

    private BoundExpression bind(PartitionExpression expression) {
        if (expression instanceof PartitionExpression.Comparison comparison) {
            int key = resolve(comparison.column());
            return new BoundExpression.Comparison(key, comparison.operator(), cast(comparison.value(), key));
        }
        if (expression instanceof PartitionExpression.In in) {
            int key = resolve(in.column());
            List<BoundExpression.Value> values = new ArrayList<>(in.values().size());
            for (Literal value : in.values()) {
                values.add(cast(value, key));
            }
            return new BoundExpression.In(key, values, in.negated());
        }
        if (expression instanceof PartitionExpression.Between between) {
            int key = resolve(between.column());
            return new BoundExpression.Between(key, cast(between.low(), key), cast(between.high(), key),
                    between.negated());
        }
        if (expression instanceof PartitionExpression.Like like) {
            int key = resolve(like.column());
            if (keyTypes[key].keyType() != PartitionKeyType.STRING) {
                throw invalidInput("LIKE can only be used on string partition keys, but partition key '%s' has type "
                        + "'%s'", keys.get(key).name(), keys.get(key).hiveType());
            }
            return new BoundExpression.Like(key, like.pattern(), like.negated());
        }
        if (expression instanceof PartitionExpression.IsNull isNull) {
            return new BoundExpression.IsNull(resolve(isNull.column()), isNull.negated());
        }
        if (expression instanceof PartitionExpression.Not not) {
            return new BoundExpression.Not(bind(not.operand()));
        }
        if (expression instanceof PartitionExpression.And and) {
            return new BoundExpression.And(bindAll(and.operands()));
        }
        if (expression instanceof PartitionExpression.Or or) {
            return new BoundExpression.Or(bindAll(or.operands()));
        }
        throw new IllegalStateException("Unhandled expression " + expression.getClass().getName());
    }

    private List<BoundExpression> bindAll(List<PartitionExpression> operands) {
        List<BoundExpression> bound = new ArrayList<>(operands.size());
        for (PartitionExpression operand : operands) {
            bound.add(bind(operand));
        }
        return bound;
    }

    /** The position of the key named column (case-insensitively), after checking that its type is usable. */
    private int resolve(String column) {
        for (int key = 0; key < keys.size(); key++) {
            PartitionKey candidate = keys.get(key);
            if (candidate.name().equalsIgnoreCase(column)) {
                if (keyTypes[key] == null) {
                    keyTypes[key] = HiveType.parse(candidate.hiveType());
                }
                if (keyTypes[key].keyType() == PartitionKeyType.UNSUPPORTED) {
                    throw invalidInput("Unknown type : '%s'", candidate.hiveType());
                }
                referencedKeys.set(key);
                return key;
            }
        }
        throw invalidInput("Unknown column '%s'", column);
    }

    private BoundExpression.Value cast(Literal literal, int key) {
        HiveType type = keyTypes[key];
        Object typed = PartitionValueCodec.parse(literal.text(), type);
        if (typed == null) {
            PartitionKey partitionKey = keys.get(key);
            throw invalidInput("The value %s cannot be cast to type '%s' of partition key '%s'", literal.asWritten(),
                    partitionKey.hiveType(), partitionKey.name());
        }
        return new BoundExpression.Value(typed, PartitionValueCodec.format(typed, type.keyType()));
    }
}
