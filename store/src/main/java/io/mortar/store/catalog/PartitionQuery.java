package io.mortar.store.catalog;

import io.mortar.store.expression.BoundExpression.Binding;

/**
 * What GetPartitions asks of the store: an optional Expression, already parsed and bound to the table's partition
 * keys, and an optional segment ({@code segmentNumber} of {@code totalSegments} stable, disjoint slices).
 */
public record PartitionQuery(Binding expression, int segmentNumber, int totalSegments) {
    public static final PartitionQuery ALL = new PartitionQuery(null, 0, 1);
}
