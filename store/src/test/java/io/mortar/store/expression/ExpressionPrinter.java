package io.mortar.store.expression;

import java.util.List;
import java.util.stream.Collectors;

/** Renders a syntax tree as a compact, fully parenthesised prefix form, so tests can state tree shapes in one line. */
final class ExpressionPrinter {
    private ExpressionPrinter() {
    }

    static String print(PartitionExpression expression) {
        if (expression instanceof PartitionExpression.Comparison c) {
            return "(" + c.column() + " " + c.operator().symbol() + " " + c.value().asWritten() + ")";
        }
        if (expression instanceof PartitionExpression.In in) {
            return "(" + in.column() + (in.negated() ? " NOT IN " : " IN ")
                    + in.values().stream().map(Literal::asWritten).collect(Collectors.joining(" ")) + ")";
        }
        if (expression instanceof PartitionExpression.Between b) {
            return "(" + b.column() + (b.negated() ? " NOT BETWEEN " : " BETWEEN ") + b.low().asWritten() + " "
                    + b.high().asWritten() + ")";
        }
        if (expression instanceof PartitionExpression.Like like) {
            return "(" + like.column() + (like.negated() ? " NOT LIKE " : " LIKE ")
                    + Literal.string(like.pattern()).asWritten() + ")";
        }
        if (expression instanceof PartitionExpression.IsNull isNull) {
            return "(" + isNull.column() + (isNull.negated() ? " IS NOT NULL)" : " IS NULL)");
        }
        if (expression instanceof PartitionExpression.Not not) {
            return "(NOT " + print(not.operand()) + ")";
        }
        if (expression instanceof PartitionExpression.And and) {
            return "(AND " + printAll(and.operands()) + ")";
        }
        if (expression instanceof PartitionExpression.Or or) {
            return "(OR " + printAll(or.operands()) + ")";
        }
        throw new IllegalArgumentException(expression.toString());
    }

    private static String printAll(List<PartitionExpression> operands) {
        return operands.stream().map(ExpressionPrinter::print).collect(Collectors.joining(" "));
    }
}
