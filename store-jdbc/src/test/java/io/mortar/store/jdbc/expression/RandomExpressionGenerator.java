package io.mortar.store.jdbc.expression;


import java.util.List;
import java.util.Random;

/**
 * Writes random, valid partition expressions over a table's keys: AND/OR/NOT trees of every predicate form, with
 * randomly cased keywords, quoted or differently cased column names and literal-first comparisons, so that the
 * parser is exercised along with the compiler.
 */
final class RandomExpressionGenerator {
    private static final List<String> OPERATORS = List.of("=", "<>", "!=", "<", "<=", ">", ">=");

    private final Random random;
    private final List<DifferentialKey> keys;

    RandomExpressionGenerator(Random random, List<DifferentialKey> keys) {
        this.random = random;
        this.keys = keys;
    }

    String next() {
        return expression(3);
    }

    private String expression(int depth) {
        int roll = depth == 0 ? 0 : random.nextInt(10);
        if (roll < 4) {
            return predicate();
        }
        if (roll < 8) {
            String connective = keyword(roll < 6 ? "AND" : "OR");
            StringBuilder chain = new StringBuilder(operand(depth));
            for (int i = 1 + random.nextInt(2); i > 0; i--) {
                chain.append(' ').append(connective).append(' ').append(operand(depth));
            }
            return chain.toString();
        }
        return keyword("NOT") + " " + operand(depth);
    }

    /** A sub-expression, parenthesised unless it is a single predicate (which binds tighter than any connective). */
    private String operand(int depth) {
        if (random.nextInt(3) == 0) {
            String predicate = predicate();
            return random.nextBoolean() ? predicate : "(" + predicate + ")";
        }
        return "(" + expression(depth - 1) + ")";
    }

    private String predicate() {
        DifferentialKey key = DifferentialKey.pick(random, keys);
        String column = column(key);
        String not = random.nextInt(3) == 0 ? keyword("NOT") + " " : "";
        return switch (random.nextInt(key.isString() ? 7 : 6)) {
            case 0, 1 -> column + " " + DifferentialKey.pick(random, OPERATORS) + " " + key.literal().apply(random);
            case 2 -> key.literal().apply(random) + " " + DifferentialKey.pick(random, OPERATORS) + " " + column;
            case 3 -> column + " " + not + keyword("IN") + " (" + literals(key) + ")";
            case 4 -> column + " " + not + keyword("BETWEEN") + " " + key.literal().apply(random) + " "
                    + keyword("AND") + " " + key.literal().apply(random);
            case 5 -> column + " " + keyword("IS") + " " + not + keyword("NULL");
            default -> column + " " + not + keyword("LIKE") + " " + DifferentialKey.quote(key.likePattern(random));
        };
    }

    private String literals(DifferentialKey key) {
        StringBuilder list = new StringBuilder(key.literal().apply(random));
        for (int i = random.nextInt(4); i > 0; i--) {
            list.append(", ").append(key.literal().apply(random));
        }
        return list.toString();
    }

    private String column(DifferentialKey key) {
        String name = key.key().name();
        return switch (random.nextInt(6)) {
            case 0 -> name.toUpperCase();
            case 1 -> "`" + name + "`";
            case 2 -> "\"" + name + "\"";
            default -> name;
        };
    }

    private String keyword(String keyword) {
        return switch (random.nextInt(4)) {
            case 0 -> keyword.toLowerCase();
            case 1 -> keyword.charAt(0) + keyword.substring(1).toLowerCase();
            default -> keyword;
        };
    }
}
