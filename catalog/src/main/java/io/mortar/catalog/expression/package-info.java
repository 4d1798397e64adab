/**
 * Glue partition expressions ({@code GetPartitions}' {@code Expression}): parsing, type checking against a table's
 * partition keys, compilation to SQL over encoded slot columns, and an in-memory reference evaluator.
 *
 * <p>The pipeline is {@link io.mortar.catalog.expression.PartitionExpressionParser} (text to a syntax tree), then a
 * binder that resolves columns to key positions and casts literals to the keys' types (shared by compiler and
 * evaluator, so both reject the same expressions), then either
 * {@link io.mortar.catalog.expression.PartitionExpressionCompiler} (SQL with {@code ?} placeholders) or
 * {@link io.mortar.catalog.expression.PartitionExpressionEvaluator} (typed, in memory).
 *
 * <p>Stores keep each partition value in a TEXT slot column as
 * {@link io.mortar.catalog.expression.PartitionValueCodec} encodes it; the encoding's code-point order is the typed
 * order, which is what lets the database compare plain text and use ordinary b-tree indexes.
 */
package io.mortar.catalog.expression;
