package io.mortar.runtime.sql;

import io.mortar.runtime.JobContext;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a Spark SQL job script statement by statement; a query's first rows go to the driver log. */
public final class SqlJobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SqlJobRunner.class);
    private static final int ROWS_SHOWN = 20;

    private SqlJobRunner() {}

    public static void run(JobContext context, String scriptText) {
        List<String> statements = SqlScript.statements(scriptText);
        for (int i = 0; i < statements.size(); i++) {
            String statement = SqlScript.substitute(statements.get(i), context.args().asMap());
            LOG.info("SQL statement {} of {}: {}", i + 1, statements.size(), statement);
            Dataset<Row> result = context.spark().sql(statement);
            if (isQuery(statement)) {
                result.show(ROWS_SHOWN, false);
            }
        }
    }

    private static boolean isQuery(String statement) {
        String head = statement.stripLeading().toUpperCase(Locale.ROOT);
        return head.startsWith("SELECT") || head.startsWith("WITH") || head.startsWith("SHOW")
                || head.startsWith("DESC") || head.startsWith("VALUES") || head.startsWith("FROM");
    }
}
