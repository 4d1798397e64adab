# The shape Glue Studio generates for a custom transform node: a function from a DynamicFrameCollection to a
# DynamicFrameCollection, then SelectFromCollection.
import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrame, DynamicFrameCollection


# Script generated for node Custom Transform
def MyTransform(glueContext, dfc) -> DynamicFrameCollection:
    from pyspark.sql import functions as F
    df = dfc.select(list(dfc.keys())[0]).toDF()
    totals = df.groupBy("shop").agg(F.sum("qty").alias("total_qty"), F.count("*").alias("lines"))
    return DynamicFrameCollection({"CustomTransform0": DynamicFrame.fromDF(totals, glueContext, "totals")},
                                  glueContext)


args = getResolvedOptions(sys.argv, ["JOB_NAME", "input", "output"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Amazon S3
AmazonS3_node1 = glueContext.create_dynamic_frame.from_options(
    format_options={"quoteChar": '"', "withHeader": True, "separator": ";"}, connection_type="s3", format="csv",
    connection_options={"paths": [args["input"]], "recurse": True}, transformation_ctx="AmazonS3_node1")

# Script generated for node Custom Transform
CustomTransform_node2 = MyTransform(glueContext, DynamicFrameCollection({"AmazonS3_node1": AmazonS3_node1},
                                                                       glueContext))

# Script generated for node Select From Collection
SelectFromCollection_node3 = SelectFromCollection.apply(
    dfc=CustomTransform_node2, key=list(CustomTransform_node2.keys())[0], transformation_ctx="SelectFromCollection_node3")

# Script generated for node Amazon S3
AmazonS3_node4 = glueContext.write_dynamic_frame.from_options(
    frame=SelectFromCollection_node3, connection_type="s3", format="csv",
    connection_options={"path": args["output"], "partitionKeys": []}, format_options={"withHeader": True},
    transformation_ctx="AmazonS3_node4")
job.commit()
