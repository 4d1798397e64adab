package io.mortar.it.e2e.jobs;

import static io.mortar.runtime.transform.ApplyMapping.mapping;

import io.mortar.runtime.JobContext;
import io.mortar.runtime.MortarContext;
import io.mortar.runtime.MortarJob;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.TransformOptions;
import io.mortar.runtime.transform.ResolveChoice;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end test's Java job, written as a user would: orders (CSV) of 2024 from February on, through the
 * catalog with a server-side and a push-down partition predicate; customers (JSON, whose id is sometimes a
 * number and sometimes a string) with the choice resolved; mapped, joined and written as Parquet partitioned by
 * year and region, creating the catalog table and its partitions.
 */
public final class OrderFactsJob implements MortarJob {
    @Override
    public void run(JobContext context) {
        MortarContext mortar = context.mortar();
        String database = context.args().require("database");
        DynamicFrame orders = mortar.fromCatalog(database, "orders")
                .catalogPartitionPredicate("year = 2024")
                .pushDownPredicate("month >= 2")
                .transformationContext("orders")
                .dynamicFrame();
        DynamicFrame customers = mortar.fromCatalog(database, "customers")
                .transformationContext("customers")
                .dynamicFrame()
                .resolveChoice(List.of(ResolveChoice.spec("customer_id", "cast:int")), TransformOptions.of("ids"))
                .applyMapping(List.of(
                        mapping("customer_id", "int", "cid", "int"),
                        mapping("name", "string", "customer_name", "string"),
                        mapping("region", "string", "region", "string")), TransformOptions.of("customers_mapped"));
        DynamicFrame facts = orders
                .join(List.of("customer_id"), List.of("cid"), customers, TransformOptions.of("joined"))
                .applyMapping(List.of(
                        mapping("order_id", "long", "order_id", "long"),
                        mapping("customer_name", "string", "customer_name", "string"),
                        mapping("amount", "double", "amount", "double"),
                        mapping("year", "int", "year", "int"),
                        mapping("region", "string", "region", "string")), TransformOptions.of("facts"));
        mortar.writeToOptions(facts, "s3", Map.of(
                "path", context.args().require("output"),
                "partitionKeys", List.of("year", "region"),
                "enableUpdateCatalog", true,
                "catalogDatabase", database,
                "catalogTableName", context.args().require("table")), "parquet", Map.of(), "facts_sink");
    }
}
