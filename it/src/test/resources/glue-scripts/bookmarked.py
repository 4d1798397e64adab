# An incremental job: with --job-bookmark-option job-bookmark-enable each run reads only the files that arrived
# since the last run that committed.
import sys
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME", "input", "output"])
sc = SparkContext()
glueContext = GlueContext(sc)
job = Job(glueContext)
job.init(args["JOB_NAME"], args)
events = glueContext.create_dynamic_frame.from_options(
    connection_type="s3", connection_options={"paths": [args["input"]]}, format="json",
    transformation_ctx="events")
glueContext.write_dynamic_frame.from_options(frame=events, connection_type="s3",
                                             connection_options={"path": args["output"]}, format="json")
job.commit()
