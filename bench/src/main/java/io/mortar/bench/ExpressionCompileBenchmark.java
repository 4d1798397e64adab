package io.mortar.bench;

import io.mortar.store.expression.ExpressionBinder;
import io.mortar.store.expression.PartitionKey;
import io.mortar.store.jdbc.catalog.PartitionSlots;
import io.mortar.store.jdbc.expression.CompiledExpression;
import io.mortar.store.jdbc.expression.ExpressionSqlDialect;
import io.mortar.store.jdbc.expression.PartitionExpressionCompiler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** What compiling a GetPartitions Expression to SQL costs on every request. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExpressionCompileBenchmark {
    private static final List<PartitionKey> KEYS = List.of(new PartitionKey("year", "int"),
            new PartitionKey("month", "int"), new PartitionKey("region", "string"));

    @Param({"year = 2021 AND month = 6 AND region LIKE 'r-00%'",
            "(year > 2019 AND month IN (1, 2, 3)) OR (region BETWEEN 'a' AND 'm' AND NOT year = 2000)"})
    public String expression;

    private final PartitionExpressionCompiler sqlite = new PartitionExpressionCompiler(ExpressionSqlDialect.SQLITE);

    @Benchmark
    public CompiledExpression compile() {
        // parse, bind and write SQL: what a GetPartitions with an Expression costs before the query runs
        return sqlite.compile(ExpressionBinder.bind(expression, KEYS), PartitionSlots::column);
    }
}
