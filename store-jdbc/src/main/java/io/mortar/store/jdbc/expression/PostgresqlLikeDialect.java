package io.mortar.store.jdbc.expression;

/** See {@link ExpressionSqlDialect#POSTGRESQL}. */
final class PostgresqlLikeDialect implements ExpressionSqlDialect {

    @Override
    public String likePredicate(String column) {
        return column + " LIKE ? ESCAPE ''";
    }

    @Override
    public String likeArgument(String gluePattern) {
        return gluePattern;
    }

    @Override
    public String toString() {
        return "PostgreSQL";
    }
}
