import sys
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glueContext = GlueContext(SparkContext())


def check(limit):
    if limit < 10:
        raise ValueError("limit %d is below the minimum of 10" % limit)


check(3)
