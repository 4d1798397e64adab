package io.mortar.runtime.sql;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Lets tests of other packages run a script on a plain session. */
public final class SqlJobRunnerAccess {
    private SqlJobRunnerAccess() {}

    public static void run(String script, Map<String, String> args, SparkSession spark) {
        SqlJobRunner.run(script, args, spark::sql);
    }
}
