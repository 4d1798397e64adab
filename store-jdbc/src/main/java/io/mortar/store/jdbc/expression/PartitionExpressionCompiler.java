package io.mortar.store.jdbc.expression;

import static java.util.Objects.requireNonNull;

import io.mortar.store.expression.BoundExpression.Binding;
import io.mortar.store.expression.BoundExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Compiles a Glue partition expression to a SQL fragment over the partition table's slot columns, which hold
 * {@link io.mortar.store.expression.PartitionValueCodec}-encoded values. Because the encodings order like the typed values, every comparison
 * is a plain TEXT comparison against an encoded literal bound to a {@code ?} placeholder; literals are never
 * inlined. Instances are immutable and thread-safe.
 *
 * <p>SQL's three-valued logic gives the same answers as Glue's for partitions without a value for a key: the slot
 * column is NULL, every predicate but IS [NOT] NULL is unknown, and an unknown result does not match.
 */
public final class PartitionExpressionCompiler {
    private final ExpressionSqlDialect dialect;

    public PartitionExpressionCompiler(ExpressionSqlDialect dialect) {
        this.dialect = requireNonNull(dialect, "dialect");
    }

    /**
     * Compiles an expression already bound to a table's partition keys. columnForKey maps a key's 0-based position
     * to the SQL column holding PartitionValueCodec.encode(value, type) (NULL when the partition has no value or it
     * is uncastable); it may throw a GlueException for a key the store keeps no column for.
     */
    public CompiledExpression compile(Binding binding, IntFunction<String> columnForKey) {
        requireNonNull(binding, "binding");
        requireNonNull(columnForKey, "columnForKey");
        SqlWriter writer = new SqlWriter(dialect, columnForKey, binding.keyCount());
        writer.writeParenthesised(binding.root());
        return new CompiledExpression(writer.sql.toString(), writer.parameters, binding.referencedKeys());
    }

    /**
     * Writes one bound expression. AND, OR and NOT parenthesise themselves; predicates are written bare, since
     * comparison, IN, BETWEEN, LIKE and IS all bind more tightly than NOT, AND and OR in SQL.
     */
    private static final class SqlWriter {
        private final ExpressionSqlDialect dialect;
        private final IntFunction<String> columnForKey;
        private final String[] columns;
        private final StringBuilder sql = new StringBuilder(64);
        private final List<Object> parameters = new ArrayList<>();

        SqlWriter(ExpressionSqlDialect dialect, IntFunction<String> columnForKey, int keyCount) {
            this.dialect = dialect;
            this.columnForKey = columnForKey;
            this.columns = new String[keyCount];
        }

        void writeParenthesised(BoundExpression expression) {
            boolean predicate = !(expression instanceof BoundExpression.And || expression instanceof BoundExpression.Or
                    || expression instanceof BoundExpression.Not);
            if (predicate) {
                sql.append('(');
            }
            write(expression);
            if (predicate) {
                sql.append(')');
            }
        }

        private void write(BoundExpression expression) {
            if (expression instanceof BoundExpression.Comparison comparison) {
                column(comparison.key()).append(' ').append(comparison.operator().symbol()).append(' ');
                bind(comparison.value().encoded());
            } else if (expression instanceof BoundExpression.In in) {
                column(in.key()).append(in.negated() ? " NOT IN (" : " IN (");
                for (int i = 0; i < in.values().size(); i++) {
                    sql.append(i == 0 ? "" : ", ");
                    bind(in.values().get(i).encoded());
                }
                sql.append(')');
            } else if (expression instanceof BoundExpression.Between between) {
                column(between.key()).append(between.negated() ? " NOT BETWEEN " : " BETWEEN ");
                bind(between.low().encoded());
                sql.append(" AND ");
                bind(between.high().encoded());
            } else if (expression instanceof BoundExpression.Like like) {
                String predicate = dialect.likePredicate(columnName(like.key()));
                sql.append(like.negated() ? "NOT (" + predicate + ")" : predicate);
                parameters.add(dialect.likeArgument(like.pattern()));
            } else if (expression instanceof BoundExpression.IsNull isNull) {
                column(isNull.key()).append(isNull.negated() ? " IS NOT NULL" : " IS NULL");
            } else if (expression instanceof BoundExpression.Not not) {
                sql.append("(NOT ");
                writeParenthesised(not.operand());
                sql.append(')');
            } else if (expression instanceof BoundExpression.And and) {
                writeJoined(and.operands(), " AND ");
            } else if (expression instanceof BoundExpression.Or or) {
                writeJoined(or.operands(), " OR ");
            } else {
                throw new IllegalStateException("Unhandled expression " + expression.getClass().getName());
            }
        }

        private void writeJoined(List<BoundExpression> operands, String connective) {
            sql.append('(');
            for (int i = 0; i < operands.size(); i++) {
                sql.append(i == 0 ? "" : connective);
                write(operands.get(i));
            }
            sql.append(')');
        }

        private StringBuilder column(int key) {
            return sql.append(columnName(key));
        }

        private String columnName(int key) {
            if (columns[key] == null) {
                columns[key] = requireNonNull(columnForKey.apply(key), "column for key " + key);
            }
            return columns[key];
        }

        private void bind(String encoded) {
            sql.append('?');
            parameters.add(encoded);
        }
    }
}
