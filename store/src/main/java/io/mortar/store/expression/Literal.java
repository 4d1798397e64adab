package io.mortar.store.expression;

import static java.util.Objects.requireNonNull;

/**
 * A literal of a partition expression. Its text is kept as written (for strings: unescaped) and only interpreted
 * once the key it is compared with is known, because Glue reads {@code '010'} as 10 against an int key but a number
 * such as {@code 010} as the text {@code "010"} against a string key.
 */
public record Literal(String text, Kind kind) {
    public enum Kind { STRING, NUMBER }

    public Literal {
        requireNonNull(text, "text");
        requireNonNull(kind, "kind");
    }

    public static Literal string(String value) {
        return new Literal(value, Kind.STRING);
    }

    public static Literal number(String text) {
        return new Literal(text, Kind.NUMBER);
    }

    /** The literal as it is written in an expression: quoted with {@code ''} escapes for strings, bare for numbers. */
    public String asWritten() {
        return kind == Kind.NUMBER ? text : "'" + text.replace("'", "''") + "'";
    }
}
