package io.mortar.store.expression;

import java.util.ArrayList;
import java.util.List;

/** Splits a partition expression into tokens, ending with an {@link Token.Kind#END} token. Hand-written, no regex. */
final class ExpressionLexer {
    private final String source;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private ExpressionLexer(String source) {
        this.source = source;
    }

    static List<Token> tokenize(String source) {
        ExpressionLexer lexer = new ExpressionLexer(source);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
                pos++;
            }
            if (pos == source.length()) {
                tokens.add(new Token(Token.Kind.END, "", pos, pos));
                return;
            }
            char c = source.charAt(pos);
            char next = pos + 1 < source.length() ? source.charAt(pos + 1) : 0;
            if (isIdentifierStart(c)) {
                word();
            } else if (isDigit(c) || (c == '-' && isDigit(next))) {
                number();
            } else if (c == '\'') {
                string();
            } else if (c == '`' || c == '"') {
                quotedIdentifier(c);
            } else if (c == '(') {
                symbol(Token.Kind.LEFT_PAREN, 1);
            } else if (c == ')') {
                symbol(Token.Kind.RIGHT_PAREN, 1);
            } else if (c == ',') {
                symbol(Token.Kind.COMMA, 1);
            } else if (c == '=') {
                symbol(Token.Kind.OPERATOR, 1);
            } else if (c == '<') {
                symbol(Token.Kind.OPERATOR, next == '=' || next == '>' ? 2 : 1);
            } else if (c == '>') {
                symbol(Token.Kind.OPERATOR, next == '=' ? 2 : 1);
            } else if (c == '!' && next == '=') {
                symbol(Token.Kind.OPERATOR, 2);
            } else {
                String character = new String(Character.toChars(source.codePointAt(pos)));
                throw PartitionExpressionParser.syntaxError(pos, "unexpected character '" + character + "'");
            }
        }
    }

    private void word() {
        int start = pos;
        while (pos < source.length() && isIdentifierPart(source.charAt(pos))) {
            pos++;
        }
        String word = source.substring(start, pos);
        Token.Kind keyword = Token.Kind.keyword(word);
        tokens.add(new Token(keyword == null ? Token.Kind.IDENTIFIER : keyword, word, start, pos));
    }

    /** {@code -?\d+(\.\d+)?([eE][+-]?\d+)?}, and the number must not run into a word or a dot. */
    private void number() {
        int start = pos;
        if (source.charAt(pos) == '-') {
            pos++;
        }
        skipDigits();
        if (at('.') && isDigit(charAt(pos + 1))) {
            pos++;
            skipDigits();
        }
        if ((at('e') || at('E'))) {
            int exponent = pos + 1;
            if (charAt(exponent) == '+' || charAt(exponent) == '-') {
                exponent++;
            }
            if (isDigit(charAt(exponent))) {
                pos = exponent;
                skipDigits();
            }
        }
        if (pos < source.length() && (isIdentifierPart(source.charAt(pos)) || source.charAt(pos) == '.')) {
            throw PartitionExpressionParser.syntaxError(start, "malformed number '" + source.substring(start, pos + 1)
                    + "'");
        }
        tokens.add(new Token(Token.Kind.NUMBER, source.substring(start, pos), start, pos));
    }

    /** A single-quoted string in which {@code ''} stands for one quote. */
    private void string() {
        tokens.add(quoted('\'', Token.Kind.STRING, "unterminated string literal"));
    }

    /** A column name in backticks or double quotes; doubling the quote character escapes it, as in SQL. */
    private void quotedIdentifier(char quote) {
        Token token = quoted(quote, Token.Kind.QUOTED_IDENTIFIER, "unterminated quoted identifier");
        if (token.text().isEmpty()) {
            throw PartitionExpressionParser.syntaxError(token.start(), "empty quoted identifier");
        }
        tokens.add(token);
    }

    private Token quoted(char quote, Token.Kind kind, String unterminated) {
        int start = pos++;
        StringBuilder text = new StringBuilder();
        while (true) {
            int close = source.indexOf(quote, pos);
            if (close < 0) {
                throw PartitionExpressionParser.syntaxError(start, unterminated);
            }
            text.append(source, pos, close);
            pos = close + 1;
            if (!at(quote)) {
                return new Token(kind, text.toString(), start, pos);
            }
            text.append(quote);
            pos++;
        }
    }

    private void symbol(Token.Kind kind, int length) {
        tokens.add(new Token(kind, source.substring(pos, pos + length), pos, pos + length));
        pos += length;
    }

    private void skipDigits() {
        while (isDigit(charAt(pos))) {
            pos++;
        }
    }

    private boolean at(char c) {
        return charAt(pos) == c;
    }

    /** The character at index, or 0 past the end, which no test here accepts. */
    private char charAt(int index) {
        return index < source.length() ? source.charAt(index) : 0;
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
