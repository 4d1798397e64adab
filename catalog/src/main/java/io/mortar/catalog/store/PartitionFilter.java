package io.mortar.catalog.store;

import io.mortar.catalog.expression.CompiledExpression;

/**
 * What GetPartitions asks of the store: an optional compiled Expression and an optional segment
 * ({@code segmentNumber} of {@code totalSegments} stable, disjoint slices).
 */
public record PartitionFilter(CompiledExpression expression, int segmentNumber, int totalSegments) {
    public static final PartitionFilter ALL = new PartitionFilter(null, 0, 1);
}
