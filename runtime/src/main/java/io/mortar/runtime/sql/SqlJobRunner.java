package io.mortar.runtime.sql;

import io.mortar.runtime.JobContext;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Spark SQL job script statement by statement; a query's first rows go to the driver log. With a catalog
 * endpoint, catalog tables are visible as {@code database.table} and tables the script creates in catalog
 * databases are registered ({@link CatalogSql}); without one (a driver started by hand) statements run on
 * Spark's own session catalog. A failing statement fails the job naming the statement.
 */
public final class SqlJobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SqlJobRunner.class);
    private static final int ROWS_SHOWN = 20;

    private SqlJobRunner() {}

    public static void run(JobContext context, String scriptText) {
        run(scriptText, context.args().asMap(), context.mortar()::sql);
    }

    static void run(String scriptText, java.util.Map<String, String> args, Function<String, Dataset<Row>> executor) {
        List<String> statements = SqlScript.statements(scriptText);
        for (int i = 0; i < statements.size(); i++) {
            String statement = SqlScript.substitute(statements.get(i), args);
            LOG.info("SQL statement {} of {}: {}", i + 1, statements.size(), statement);
            try {
                Dataset<Row> result = executor.apply(statement);
                if (isQuery(statement)) {
                    result.show(ROWS_SHOWN, false);
                }
            } catch (Exception e) { // Spark's AnalysisException is checked for javac, not for Scala
                throw new SqlStatementException(i + 1, statements.size(), statement, e);
            }
        }
    }

    private static boolean isQuery(String statement) {
        String head = statement.stripLeading().toUpperCase(Locale.ROOT);
        return head.startsWith("SELECT") || head.startsWith("WITH") || head.startsWith("SHOW")
                || head.startsWith("DESC") || head.startsWith("VALUES") || head.startsWith("FROM")
                || head.startsWith("TABLE");
    }
}
