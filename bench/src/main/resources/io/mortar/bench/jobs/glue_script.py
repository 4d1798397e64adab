# The Glue script benchmark's job as a PySpark Glue script, step for step what GlueScriptJavaJob does on
# MortarContext: CSV with a header, ResolveChoice, (with_map=true) a Python function on every record, ApplyMapping,
# a Join with a small frame, Parquet partitioned by region.
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME", "input_path", "regions_path", "output_path", "with_map"])
sc = SparkContext()
glueContext = GlueContext(sc)
job = Job(glueContext)
job.init(args["JOB_NAME"], args)
with_map = args["with_map"] == "true"

orders = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={"paths": [args["input_path"]], "recurse": True},
    format="csv",
    format_options={"withHeader": True},
    transformation_ctx="orders")
orders = orders.resolveChoice(specs=[("amount", "cast:double")], transformation_ctx="resolved")


def enrich(record):
    amount = record["amount"]
    record["total"] = None if amount is None else float(amount) * float(record["quantity"])
    record["status"] = record["status"].lower()
    return record


if with_map:
    orders = orders.map(f=enrich, transformation_ctx="enriched")

mappings = [
    ("order_id", "long", "order_id", "long"),
    ("customer_id", "int", "customer_id", "long"),
    ("region_code", "string", "region_code", "string"),
    ("amount", "double", "amount", "decimal(12,2)"),
    ("quantity", "int", "quantity", "int"),
    ("status", "string", "status", "string"),
    ("order_date", "string", "order_date", "date"),
]
if with_map:
    mappings.append(("total", "double", "total", "decimal(14,2)"))
mapped = orders.apply_mapping(mappings, transformation_ctx="mapped")

regions = glueContext.create_dynamic_frame.from_options(
    connection_type="s3",
    connection_options={"paths": [args["regions_path"]]},
    format="csv",
    format_options={"withHeader": True},
    transformation_ctx="regions")
joined = mapped.join(["region_code"], ["region_code"], regions, transformation_ctx="joined")

glueContext.write_dynamic_frame.from_options(
    frame=joined,
    connection_type="s3",
    connection_options={"path": args["output_path"], "partitionKeys": ["region_name"]},
    format="parquet",
    transformation_ctx="sink")
job.commit()
