package io.mortar.store.jdbc.expression;

import static java.util.Objects.requireNonNull;

import java.util.BitSet;
import java.util.List;

/**
 * A partition expression compiled to SQL.
 *
 * @param sql            a parenthesised boolean SQL fragment, to be ANDed into the store's query
 * @param parameters     the values of its {@code ?} placeholders, in order (all Strings, to bind as text)
 * @param referencedKeys the positions of the partition keys the expression mentions; a partition whose value for
 *                       one of them is uncastable must fail the request instead of silently not matching
 */
public record CompiledExpression(String sql, List<Object> parameters, BitSet referencedKeys) {
    public CompiledExpression {
        requireNonNull(sql, "sql");
        parameters = List.copyOf(parameters);
        referencedKeys = (BitSet) referencedKeys.clone();
    }

    /** A copy, since BitSet is mutable and this record is shared. */
    @Override
    public BitSet referencedKeys() {
        return (BitSet) referencedKeys.clone();
    }
}
