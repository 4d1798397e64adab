/**
 * Glue partition expressions ({@code GetPartitions}' {@code Expression}): parsing, type checking against a table's
 * partition keys, the order-preserving value encoding stores compare, and an in-memory reference evaluator. Stores take
 * the bound form ({@link io.mortar.store.expression.BoundExpression.Binding}, from
 * {@link io.mortar.store.expression.ExpressionBinder#bind(String, java.util.List)}), never SQL.
 *
 * <p>The pipeline is {@link io.mortar.store.expression.PartitionExpressionParser} (text to a syntax tree), then a
 * binder that resolves columns to key positions and casts literals to the keys' types (shared by compiler and
 * evaluator, so both reject the same expressions), then either
 * the JDBC store's compiler (SQL with {@code ?} placeholders, in {@code store-jdbc}) or
 * {@link io.mortar.store.expression.PartitionExpressionEvaluator} (typed, in memory).
 *
 * <p>Stores keep each partition value in a TEXT slot column as
 * {@link io.mortar.store.expression.PartitionValueCodec} encodes it; the encoding's code-point order is the typed
 * order, which is what lets the database compare plain text and use ordinary b-tree indexes.
 */
package io.mortar.store.expression;

