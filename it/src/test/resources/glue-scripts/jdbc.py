# JDBC through a catalog connection, as Glue scripts do it: a read by connectionName, a Python filter, and a
# write with from_jdbc_conf into another table of the same database.
import json
import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME", "connection", "database", "report"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

customers = glueContext.create_dynamic_frame.from_options(
    connection_type="postgresql",
    connection_options={"useConnectionProperties": "true", "connectionName": args["connection"],
                        "database": args["database"], "dbtable": "public.customers"},
    transformation_ctx="customers")
big = Filter.apply(frame=customers, f=lambda r: r["spend"] > 100, transformation_ctx="big")
big = ApplyMapping.apply(frame=big, mappings=[("id", "int", "id", "int"), ("name", "string", "name", "string"),
                                              ("spend", "double", "spend", "double")])
glueContext.write_dynamic_frame.from_jdbc_conf(
    frame=big, catalog_connection=args["connection"],
    connection_options={"dbtable": "public.big_customers", "database": args["database"]},
    transformation_ctx="write_big")

conf = glueContext.extract_jdbc_conf(args["connection"])
report = {"vendor": conf["vendor"], "user": conf["user"], "has_password": bool(conf["password"]),
          "url": conf["url"]}
spark.createDataFrame([(json.dumps(report),)], "report string").coalesce(1).write.mode("overwrite").text(
    args["report"])
job.commit()
