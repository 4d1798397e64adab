# boto3 inside a Glue script reaches the Glue API and S3 it runs against, with no endpoint in the script.
import json
import sys
import boto3
from awsglue.utils import getResolvedOptions

args = getResolvedOptions(sys.argv, ["JOB_NAME", "database", "bucket"])
glue = boto3.client("glue")
table = glue.get_table(DatabaseName=args["database"], Name="orders")["Table"]
run = glue.get_job_run(JobName=args["JOB_NAME"], RunId=args["JOB_RUN_ID"])["JobRun"]
s3 = boto3.client("s3")
result = {
    "table": table["Name"],
    "columns": [c["Name"] for c in table["StorageDescriptor"]["Columns"]],
    "partition_keys": [k["Name"] for k in table.get("PartitionKeys", [])],
    "run_state": run["JobRunState"],
    "objects": sorted(o["Key"] for o in s3.list_objects_v2(Bucket=args["bucket"], Prefix="raw/orders/")["Contents"]),
}
s3.put_object(Bucket=args["bucket"], Key="reports/boto3.json", Body=json.dumps(result).encode("utf-8"))
