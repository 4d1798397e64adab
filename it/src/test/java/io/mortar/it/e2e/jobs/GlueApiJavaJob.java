package io.mortar.it.e2e.jobs;

import com.amazonaws.services.glue.DynamicFrame;
import com.amazonaws.services.glue.GlueContext;
import com.amazonaws.services.glue.MappingSpec;
import com.amazonaws.services.glue.errors.CallSite;
import com.amazonaws.services.glue.util.GlueArgParser;
import com.amazonaws.services.glue.util.Job;
import com.amazonaws.services.glue.util.JsonOptions;
import java.util.List;
import org.apache.spark.SparkContext;
import scala.Product4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A Java job written against Glue's API, as a Glue user writes one: its own SparkContext and GlueContext, the
 * arguments through GlueArgParser, every argument of getCatalogSource given (Java has no defaults), Job.init and
 * Job.commit. It keeps the 2024 orders of the catalog table {@code sales.orders}, renames and retypes their
 * columns, and writes them as JSON to {@code --output}.
 */
public final class GlueApiJavaJob {
    private GlueApiJavaJob() {}

    public static void main(String[] argv) {
        SparkContext sc = SparkContext.getOrCreate();
        GlueContext glueContext = new GlueContext(sc);
        scala.collection.immutable.Map<String, String> args =
                GlueArgParser.getResolvedOptions(argv, new String[] {"JOB_NAME", "output"});
        Job.init(args.apply("JOB_NAME"), glueContext, CollectionConverters.asJava(args));

        DynamicFrame orders = glueContext.getCatalogSource("sales", "orders", "", "orders_2024", "year = 2024",
                JsonOptions.empty(), null).getDynamicFrame();
        List<Product4<String, String, String, String>> mappings = List.of(
                new MappingSpec("order_id", "long", "id", "string"),
                new MappingSpec("amount", "double", "total", "decimal(10,2)"),
                new MappingSpec("month", "int", "month", "int"));
        DynamicFrame renamed = orders.applyMapping(CollectionConverters.asScala(mappings).toSeq(), true, "renamed",
                new CallSite("GlueApiJavaJob.main", ""), 0, 0);

        glueContext.getSinkWithFormat("s3", new JsonOptions("{\"path\": \"" + args.apply("output") + "\"}"),
                "out", "json", JsonOptions.empty()).writeDynamicFrame(renamed);
        Job.commit();
    }
}
