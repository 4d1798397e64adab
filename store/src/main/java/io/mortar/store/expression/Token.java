package io.mortar.store.expression;

import java.util.Locale;

/**
 * A token of a partition expression. {@code text} is the unescaped value for string literals and quoted
 * identifiers and the source text otherwise; {@code start} and {@code end} delimit the token in the source.
 */
record Token(Kind kind, String text, int start, int end) {

    enum Kind {
        IDENTIFIER, QUOTED_IDENTIFIER, STRING, NUMBER, OPERATOR, LEFT_PAREN, RIGHT_PAREN, COMMA,
        AND, OR, NOT, IN, BETWEEN, LIKE, IS, NULL,
        END;

        /** The keyword kind of a bare word (keywords are case-insensitive), or null when it is an identifier. */
        static Kind keyword(String word) {
            return switch (word.toUpperCase(Locale.ROOT)) {
                case "AND" -> AND;
                case "OR" -> OR;
                case "NOT" -> NOT;
                case "IN" -> IN;
                case "BETWEEN" -> BETWEEN;
                case "LIKE" -> LIKE;
                case "IS" -> IS;
                case "NULL" -> NULL;
                default -> null;
            };
        }
    }
}
