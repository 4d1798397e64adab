# Files read by options, as scripts that skip the catalog do: CSV with a header and a custom separator, JSON
# lines found recursively; unioned and written as gzip-compressed JSON.
import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME", "csv_path", "json_path", "output"])
sc = SparkContext.getOrCreate()
glueContext = GlueContext(sc)
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

csv = glueContext.create_dynamic_frame_from_options(
    "s3", {"paths": [args["csv_path"]]}, format="csv", format_options={"withHeader": True, "separator": ";"},
    transformation_ctx="csv")
source = glueContext.getSource("s3", paths=[args["json_path"]], recurse=True, transformation_ctx="json")
source.setFormat("json")
json_frame = source.getFrame()

csv = ApplyMapping.apply(frame=csv, mappings=[("sku", "string", "sku", "string"), ("qty", "int", "qty", "long"),
                                              ("shop", "string", "shop", "string")])
json_frame = SelectFields.apply(frame=json_frame, paths=["sku", "qty", "shop"])
json_frame = ApplyMapping.apply(frame=json_frame, mappings=[("sku", "string", "sku", "string"),
                                                            ("qty", "long", "qty", "long"),
                                                            ("shop", "string", "shop", "string")])
both = csv.union(json_frame)
glueContext.write_dynamic_frame.from_options(
    frame=both, connection_type="s3", connection_options={"path": args["output"], "compression": "gzip"},
    format="json")
job.commit()
