# Python functions over records, run on the executors: Map adds fields (a record it fails on becomes an error
# record), Filter keeps some; the error count is reported beside the output.
import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME", "input", "output", "report"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

tickets = glueContext.create_dynamic_frame.from_options(
    connection_type="s3", connection_options={"paths": [args["input"]]}, format="json")


def enrich(rec):
    rec["title_words"] = len(rec["title"].split())
    rec["priority"] = "high" if rec["severity"] >= 3 else "low"  # a missing severity fails this record
    rec["customer"] = {"id": rec["customer_id"], "vip": rec["customer_id"] in (7, 9)}
    del rec["customer_id"]
    return rec


enriched = Map.apply(frame=tickets, f=enrich, transformation_ctx="enrich")
urgent = Filter.apply(frame=enriched, f=lambda r: r["priority"] == "high" or r.customer["vip"],
                      transformation_ctx="urgent")
glueContext.write_dynamic_frame.from_options(frame=urgent, connection_type="s3",
                                             connection_options={"path": args["output"]}, format="json")
errors = urgent.errorsAsDynamicFrame().toDF().collect()
report = spark.createDataFrame([(urgent.errorsCount(), [e["message"] for e in errors])], "errors long, messages array<string>")
report.coalesce(1).write.mode("overwrite").json(args["report"])
job.commit()
