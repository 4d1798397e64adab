package io.mortar.store.expression;

import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueException;
import io.mortar.store.expression.PartitionExpression.And;
import io.mortar.store.expression.PartitionExpression.Between;
import io.mortar.store.expression.PartitionExpression.Comparison;
import io.mortar.store.expression.PartitionExpression.In;
import io.mortar.store.expression.PartitionExpression.IsNull;
import io.mortar.store.expression.PartitionExpression.Like;
import io.mortar.store.expression.PartitionExpression.Not;
import io.mortar.store.expression.PartitionExpression.Or;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the SQL {@code WHERE} subset that Glue's GetPartitions accepts as {@code Expression}. Grammar, by
 * descending precedence of the connectives (NOT binds tighter than AND, AND tighter than OR):
 * <pre>
 *   expression := or END
 *   or         := and (OR and)*
 *   and        := unary (AND unary)*
 *   unary      := NOT unary | '(' or ')' | predicate
 *   predicate  := column comparison-op literal
 *               | literal comparison-op column
 *               | column [NOT] IN '(' literal (',' literal)* ')'
 *               | column [NOT] BETWEEN literal AND literal
 *               | column [NOT] LIKE string
 *               | column IS [NOT] NULL
 * </pre>
 * BETWEEN's bounds are single literals, so the AND after the lower bound always belongs to BETWEEN and
 * {@code a BETWEEN 1 AND 2 AND b = 3} needs no lookahead. Errors are {@link GlueException#invalidInput} with the
 * 0-based character position of the offending token.
 */
public final class PartitionExpressionParser {
    /** Bounds the recursion of nested parentheses and NOTs, so hostile input cannot overflow the stack. */
    static final int MAX_NESTING = 100;
    private static final int MAX_QUOTED_TOKEN_LENGTH = 40;

    private final String source;
    private final List<Token> tokens;
    private int next;
    private int nesting;

    private PartitionExpressionParser(String source, List<Token> tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    public static PartitionExpression parse(String text) {
        requireNonNull(text, "text");
        PartitionExpressionParser parser = new PartitionExpressionParser(text, ExpressionLexer.tokenize(text));
        PartitionExpression expression = parser.or();
        parser.expect(Token.Kind.END, "AND, OR or end of input");
        return expression;
    }

    static GlueException syntaxError(int position, String detail) {
        return GlueException.invalidInput("Invalid partition expression at position %d: %s", position, detail);
    }

    private PartitionExpression or() {
        List<PartitionExpression> operands = new ArrayList<>(2);
        operands.add(and());
        while (accept(Token.Kind.OR)) {
            operands.add(and());
        }
        return operands.size() == 1 ? operands.get(0) : new Or(operands);
    }

    private PartitionExpression and() {
        List<PartitionExpression> operands = new ArrayList<>(2);
        operands.add(unary());
        while (accept(Token.Kind.AND)) {
            operands.add(unary());
        }
        return operands.size() == 1 ? operands.get(0) : new And(operands);
    }

    private PartitionExpression unary() {
        if (peek().kind() == Token.Kind.NOT || peek().kind() == Token.Kind.LEFT_PAREN) {
            if (++nesting > MAX_NESTING) {
                throw syntaxError(peek().start(), "expression nested more than " + MAX_NESTING + " levels deep");
            }
            PartitionExpression nested;
            if (accept(Token.Kind.NOT)) {
                nested = new Not(unary());
            } else {
                advance();
                nested = or();
                expect(Token.Kind.RIGHT_PAREN, "AND, OR or ')'");
            }
            nesting--;
            return nested;
        }
        return predicate();
    }

    private PartitionExpression predicate() {
        Token first = peek();
        if (isColumn(first)) {
            advance();
            return predicateOn(first.text());
        }
        if (isLiteral(first)) {
            Literal value = literal();
            ComparisonOperator operator = comparisonOperator();
            if (operator == null) {
                throw expected("a comparison operator");
            }
            return new Comparison(column(), operator.flipped(), value);
        }
        throw expected("a column name, a literal, NOT or '('");
    }

    /** Everything of a predicate after its column name. */
    private PartitionExpression predicateOn(String column) {
        ComparisonOperator operator = comparisonOperator();
        if (operator != null) {
            return new Comparison(column, operator, literal());
        }
        if (accept(Token.Kind.IS)) {
            boolean negated = accept(Token.Kind.NOT);
            expect(Token.Kind.NULL, negated ? "NULL" : "NOT or NULL");
            return new IsNull(column, negated);
        }
        boolean negated = accept(Token.Kind.NOT);
        if (accept(Token.Kind.IN)) {
            return new In(column, literalList(), negated);
        }
        if (accept(Token.Kind.BETWEEN)) {
            Literal low = literal();
            expect(Token.Kind.AND, "AND");
            return new Between(column, low, literal(), negated);
        }
        if (accept(Token.Kind.LIKE)) {
            Token pattern = peek();
            if (pattern.kind() != Token.Kind.STRING) {
                throw expected("a quoted LIKE pattern");
            }
            advance();
            return new Like(column, pattern.text(), negated);
        }
        throw expected(negated ? "IN, BETWEEN or LIKE" : "a comparison operator, IN, BETWEEN, LIKE, NOT or IS");
    }

    private List<Literal> literalList() {
        expect(Token.Kind.LEFT_PAREN, "'('");
        List<Literal> values = new ArrayList<>();
        do {
            values.add(literal());
        } while (accept(Token.Kind.COMMA));
        expect(Token.Kind.RIGHT_PAREN, "',' or ')'");
        return values;
    }

    private ComparisonOperator comparisonOperator() {
        if (peek().kind() != Token.Kind.OPERATOR) {
            return null;
        }
        return ComparisonOperator.ofSymbol(advance().text());
    }

    private String column() {
        if (!isColumn(peek())) {
            throw expected("a column name");
        }
        return advance().text();
    }

    private Literal literal() {
        Token token = peek();
        if (!isLiteral(token)) {
            throw expected("a literal");
        }
        advance();
        return token.kind() == Token.Kind.STRING ? Literal.string(token.text()) : Literal.number(token.text());
    }

    private static boolean isColumn(Token token) {
        return token.kind() == Token.Kind.IDENTIFIER || token.kind() == Token.Kind.QUOTED_IDENTIFIER;
    }

    private static boolean isLiteral(Token token) {
        return token.kind() == Token.Kind.STRING || token.kind() == Token.Kind.NUMBER;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token advance() {
        return tokens.get(next++);
    }

    private boolean accept(Token.Kind kind) {
        if (peek().kind() != kind) {
            return false;
        }
        next++;
        return true;
    }

    private void expect(Token.Kind kind, String expectation) {
        if (!accept(kind)) {
            throw expected(expectation);
        }
    }

    private GlueException expected(String expectation) {
        Token found = peek();
        return syntaxError(found.start(), "expected " + expectation + " but found " + describe(found));
    }

    private String describe(Token token) {
        if (token.kind() == Token.Kind.END) {
            return "end of input";
        }
        String written = source.substring(token.start(), token.end());
        if (written.length() > MAX_QUOTED_TOKEN_LENGTH) {
            int cut = Character.isHighSurrogate(written.charAt(MAX_QUOTED_TOKEN_LENGTH - 1))
                    ? MAX_QUOTED_TOKEN_LENGTH - 1 : MAX_QUOTED_TOKEN_LENGTH;
            written = written.substring(0, cut) + "...";
        }
        return token.kind() == Token.Kind.STRING ? "the string " + written : "'" + written + "'";
    }
}
