package io.mortar.bench.jobs;

import static io.mortar.runtime.transform.ApplyMapping.mapping;

import io.mortar.runtime.JobContext;
import io.mortar.runtime.MortarContext;
import io.mortar.runtime.MortarJob;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.TransformOptions;
import io.mortar.runtime.transform.ApplyMapping;
import io.mortar.runtime.transform.ResolveChoice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Glue script benchmark's job in Java on {@link MortarContext}, step for step what {@code glue_script.py} does
 * through Python's {@code awsglue}: CSV with a header from {@code --input_path}, ResolveChoice (amount cast to
 * double), with {@code --with_map true} a record function on every record (Glue's Map), ApplyMapping, a Join with
 * the small frame at {@code --regions_path}, Parquet partitioned by region into {@code --output_path}.
 */
public final class GlueScriptJavaJob implements MortarJob {
    /** The ApplyMapping both versions of the job make; the Python script's list says the same. */
    static List<ApplyMapping.Mapping> orderMappings(boolean withMap) {
        List<ApplyMapping.Mapping> mappings = new ArrayList<>(List.of(
                mapping("order_id", "long", "order_id", "long"),
                mapping("customer_id", "int", "customer_id", "long"),
                mapping("region_code", "string", "region_code", "string"),
                mapping("amount", "double", "amount", "decimal(12,2)"),
                mapping("quantity", "int", "quantity", "int"),
                mapping("status", "string", "status", "string"),
                mapping("order_date", "string", "order_date", "date")));
        if (withMap) {
            mappings.add(mapping("total", "double", "total", "decimal(14,2)"));
        }
        return mappings;
    }

    @Override
    public void run(JobContext context) {
        MortarContext mortar = context.mortar();
        boolean withMap = Boolean.parseBoolean(context.args().require("with_map"));
        DynamicFrame orders = mortar.fromOptions("s3", Map.of("paths", List.of(context.args().require("input_path")),
                "recurse", true), "csv", Map.of("withHeader", true)).transformationContext("orders").dynamicFrame();
        orders = orders.resolveChoice(List.of(ResolveChoice.spec("amount", "cast:double")), TransformOptions.of("resolved"));
        if (withMap) {
            orders = orders.mapRecords(GlueScriptJavaJob::enrich, TransformOptions.of("enriched"));
        }
        DynamicFrame mapped = orders.applyMapping(orderMappings(withMap), TransformOptions.of("mapped"));
        DynamicFrame regions = mortar.fromOptions("s3", Map.of("paths", List.of(context.args().require("regions_path"))),
                "csv", Map.of("withHeader", true)).transformationContext("regions").dynamicFrame();
        DynamicFrame joined = mapped.join(List.of("region_code"), List.of("region_code"), regions,
                TransformOptions.of("joined"));
        mortar.writeToOptions(joined, "s3", Map.of("path", context.args().require("output_path"),
                "partitionKeys", List.of("region_name")), "parquet", Map.of(), "sink");
    }

    /** The record function: the order's total, and its status in lower case (the script's {@code enrich}). */
    static Map<String, Object> enrich(Map<String, Object> record) {
        Map<String, Object> out = new HashMap<>(record);
        Object amount = record.get("amount");
        out.put("total", amount == null ? null
                : ((Number) amount).doubleValue() * ((Number) record.get("quantity")).doubleValue());
        out.put("status", ((String) record.get("status")).toLowerCase(Locale.ROOT));
        return out;
    }
}
