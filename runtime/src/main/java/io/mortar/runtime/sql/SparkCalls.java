package io.mortar.runtime.sql;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Spark calls whose Scala {@code @throws} make javac demand handling of exceptions that are, in Spark's own
 * API, unchecked. They are rethrown unchanged, so a job sees Spark's exception (e.g. a ParseException) as a
 * Scala caller would.
 */
final class SparkCalls {
    private SparkCalls() {}

    static LogicalPlan parse(SparkSession spark, String statement) {
        try {
            return spark.sessionState().sqlParser().parsePlan(statement);
        } catch (Exception e) {
            throw SparkCalls.<RuntimeException>rethrow(e);
        }
    }

    /** Runs a plan as {@code spark.sql} runs the plan it parses (a command runs now, a query when consumed). */
    static Dataset<Row> execute(SparkSession spark, LogicalPlan plan) {
        return org.apache.spark.sql.classic.Dataset.ofRows((org.apache.spark.sql.classic.SparkSession) spark, plan);
    }

    static CatalogTable tableMetadata(SparkSession spark, TableIdentifier id) {
        try {
            return spark.sessionState().catalog().getTableMetadata(id);
        } catch (Exception e) {
            throw SparkCalls.<RuntimeException>rethrow(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Exception e) throws E {
        throw (E) e;
    }
}
