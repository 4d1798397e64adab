package io.mortar.runtime.scalascript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.runtime.testing.SharedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scala scripts compiled as Glue takes them: against the driver's class path (the Glue API among it), cached by
 * content, scalac's errors naming the script's file and line; and a console-style GlueApp run with them.
 */
class ScalaScriptsTest {
    @TempDir
    static Path dir;

    @Test
    void aScriptIsCompiledOnceAndThenFoundInTheCache() throws IOException {
        ScalaScripts scripts = new ScalaScripts(dir.resolve("cache-a"));
        String source = "object Hello { def main(args: Array[String]): Unit = println(\"hello \" + args.length) }\n";

        CompiledScript first = scripts.compile("hello.scala", source);
        assertThat(first.fromCache()).isFalse();
        assertThat(first.jar()).isRegularFile().startsWith(scripts.cacheDir());
        CompiledScript second = scripts.compile("other-name.scala", source);
        assertThat(second.fromCache()).isTrue();
        assertThat(second.jar()).isEqualTo(first.jar());
        // one entry, no compilation folders left behind
        try (Stream<Path> entries = Files.list(scripts.cacheDir())) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(first.key());
        }

        CompiledScript changed = scripts.compile("hello.scala", source + "// changed\n");
        assertThat(changed.fromCache()).isFalse();
        assertThat(changed.key()).isNotEqualTo(first.key());
        assertThat(scripts.cacheDir().getFileName().toString()).isEqualTo("scala-" + ScalaCompiler.version());
        assertThat(ScalaCompiler.version()).isEqualTo(scala.util.Properties.versionNumberString());
    }

    @Test
    void aCompileErrorNamesTheFileAndLineAndCachesNothing() throws IOException {
        ScalaScripts scripts = new ScalaScripts(dir.resolve("cache-b"));
        String source = """
                import com.amazonaws.services.glue.GlueContext
                object GlueApp {
                  def main(sysArgs: Array[String]): Unit = {
                    val n: Int = "not a number"
                  }
                }
                """;
        assertThatThrownBy(() -> scripts.compile("broken_job.scala", source))
                .isInstanceOf(ScalaCompileException.class)
                .hasMessageStartingWith("Scala script broken_job.scala does not compile:")
                .hasMessageContaining("broken_job.scala:4: error: type mismatch")
                .hasMessageContaining("val n: Int = \"not a number\"");
        try (Stream<Path> entries = Files.list(scripts.cacheDir())) {
            assertThat(entries).isEmpty();
        }
        // the Glue API is on the compile class path: a name it lacks is scalac's error, not a missing package
        assertThatThrownBy(() -> scripts.compile("typo.scala",
                "import com.amazonaws.services.glue.GlueContxt\nobject A"))
                .hasMessageContaining("typo.scala:1: error: object GlueContxt is not a member of package "
                        + "com.amazonaws.services.glue");
    }

    @Test
    void aConsoleStyleGlueAppRunsWithItsNamedArgumentsRecordFunctionsAndJoin() throws Exception {
        SparkSession spark = SharedSpark.get();
        Path orders = dir.resolve("in/orders");
        Files.createDirectories(orders);
        Files.writeString(orders.resolve("part-0.csv"),
                "Order_Id,CUSTOMER_ID,Amount\n1,1,10.5\n2,2,99.0\n3,3,2.0\n4,3,7.25\n5,9,60.0\n");
        Path customers = dir.resolve("in/customers");
        Files.createDirectories(customers);
        Files.writeString(customers.resolve("part-0.json"), """
                {"customer_id": 1, "name": "Ana"}
                {"customer_id": "2", "name": "Bo"}
                {"customer_id": 3, "name": "Caro"}
                """);
        Path output = dir.resolve("out/orders");

        CompiledScript compiled = new ScalaScripts(dir.resolve("cache-c")).compile("OrdersApp.scala",
                resource("/scalascript/OrdersApp.scala"));
        // as the driver does on a cluster: the executors load the script's functions from its jar
        spark.sparkContext().addJar(compiled.jar().toString());
        runMain(compiled, "OrdersApp", "--JOB_NAME", "orders-app", "--orders", orders.toUri().toString(),
                "--customers", customers.toUri().toString(), "--output", output.toUri().toString(),
                "--job-bookmark-option", "job-bookmark-disable", "--unknown", "ignored");

        List<String> rows = new ArrayList<>();
        for (Row row : spark.read().parquet(output.toString()).orderBy("order_id").collectAsList()) {
            rows.add(row.getAs("order_id") + "|" + row.getAs("customer") + "|" + row.getAs("amount") + "|"
                    + row.getAs("name") + "|" + row.getAs("size"));
        }
        // order 3 is below the filter's 5.0; order 5's customer does not exist
        assertThat(rows).containsExactly("1|1|10.5|Ana|small", "2|2|99.0|Bo|large", "4|3|7.25|Caro|small");
        try (Stream<Path> parts = Files.list(output)) {
            assertThat(parts.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("size=")))
                    .containsExactlyInAnyOrder("size=small", "size=large");
        }
    }

    private static void runMain(CompiledScript compiled, String className, String... args) throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = compiled.loader(previous)) {
            Thread.currentThread().setContextClassLoader(loader);
            Class.forName(className, true, loader).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ScalaScriptsTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
