package io.mortar.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mortar.runtime.sql.SqlJobRunnerAccess;
import io.mortar.runtime.testing.SharedSpark;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** The error a run reports is the job's own, however deep Spark buries it. */
class JobFailuresTest {
    private final SparkSession spark = SharedSpark.get();

    static final class OrderRejected extends RuntimeException {
        OrderRejected(String message) {
            super(message);
        }
    }

    @Test
    void anExceptionInsideATaskIsTheUsersOwn() {
        Throwable failure = catchThrowable(() -> spark.createDataset(List.of(1, 2, 3), Encoders.INT())
                .map((MapFunction<Integer, Integer>) i -> {
                    if (i == 2) {
                        throw new OrderRejected("order 2 has no customer");
                    }
                    return i;
                }, Encoders.INT()).collectAsList());
        assertThat(JobFailures.describe(JobFailures.rootCause(failure)))
                .isEqualTo(OrderRejected.class.getName() + ": order 2 has no customer");
    }

    @Test
    void anExceptionInsideAUdfIsTheUsersOwn() {
        spark.udf().register("mortar_reject", (UDF1<Long, Integer>) i -> {
            throw new OrderRejected("no price for " + i);
        }, DataTypes.IntegerType);
        Throwable failure = catchThrowable(() -> spark.sql("SELECT mortar_reject(id) FROM range(1)").collectAsList());
        assertThat(JobFailures.describe(JobFailures.rootCause(failure)))
                .isEqualTo(OrderRejected.class.getName() + ": no price for 0");
    }

    @Test
    void aSqlAnalysisErrorReadsWithoutThePlanAndNamesTheStatement() {
        Throwable failure = catchThrowable(() -> SqlJobRunnerAccess.run(
                "SELECT 1;\nSELECT nope FROM range(1)", Map.of(), spark));
        String error = JobFailures.describe(JobFailures.rootCause(failure));
        assertThat(error).startsWith("org.apache.spark.sql.AnalysisException: [UNRESOLVED_COLUMN.WITH_SUGGESTION]")
                .contains("`nope`")
                .endsWith("(SQL statement 2 of 2: SELECT nope FROM range(1))")
                .doesNotContain("+- ");
    }

    @Test
    void reflectionWrappersArePeeled() {
        Throwable wrapped = new java.lang.reflect.InvocationTargetException(new IllegalStateException("boom"));
        assertThat(JobFailures.describe(JobFailures.rootCause(wrapped))).isEqualTo("java.lang.IllegalStateException: boom");
    }
}
