package io.mortar.store.jdbc.expression;

/** See {@link ExpressionSqlDialect#SQLITE}. */
final class SqliteGlobDialect implements ExpressionSqlDialect {

    @Override
    public String likePredicate(String column) {
        return column + " GLOB ?";
    }

    @Override
    public String likeArgument(String gluePattern) {
        StringBuilder glob = new StringBuilder(gluePattern.length() + 8);
        for (int i = 0; i < gluePattern.length(); i++) {
            char c = gluePattern.charAt(i);
            switch (c) {
                case '%' -> glob.append('*');
                case '_' -> glob.append('?');
                case '*' -> glob.append("[*]");
                case '?' -> glob.append("[?]");
                case '[' -> glob.append("[[]");
                default -> glob.append(c); // includes ']', which GLOB treats literally outside a class
            }
        }
        return glob.toString();
    }

    @Override
    public String toString() {
        return "SQLite";
    }
}
