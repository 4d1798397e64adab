# A catalog-to-catalog ETL job in the style of Glue's console-generated scripts: two catalog tables read, a
# choice resolved, mapped, joined, relationalized, and written as partitioned glueparquet through a sink that
# creates and updates the catalog table.
import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ["JOB_NAME", "database", "output", "phones_output"])

sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)
logger = glueContext.get_logger()

orders = glueContext.create_dynamic_frame.from_catalog(
    database=args["database"], table_name="orders", push_down_predicate="year = '2024'",
    transformation_ctx="orders")
customers = glueContext.create_dynamic_frame.from_catalog(
    database=args["database"], table_name="customers", transformation_ctx="customers")
logger.info("read %d orders and %d customers" % (orders.count(), customers.count()))

# customer_id is a number in some records and text in others: cast to the catalog's type for the column
customers = ResolveChoice.apply(frame=customers, choice="match_catalog", database=args["database"],
                                table_name="customers", transformation_ctx="resolve_customers")
customers = ApplyMapping.apply(frame=customers, mappings=[
    ("customer_id", "int", "cid", "long"),
    ("Name", "string", "customer_name", "string"),  # mappings match names ignoring case unless case_sensitive
    ("contact", "struct", "contact", "struct"),
], transformation_ctx="map_customers")
orders = ApplyMapping.apply(frame=orders, mappings=[
    ("order_id", "long", "order_id", "long"),
    ("customer_id", "int", "customer_id", "long"),
    ("amount", "double", "amount", "double"),
    ("year", "string", "year", "int"),
], transformation_ctx="map_orders")

joined = Join.apply(orders, customers, "customer_id", "cid")
flat = Relationalize.apply(frame=joined, staging_path=args["TempDir"], name="facts",
                           transformation_ctx="relationalize")
# relationalized columns carry dots in their names: Glue's paths quote such a name in backticks
facts = DropFields.apply(frame=flat.select("facts"), paths=["cid", "`contact.phones`"], transformation_ctx="drop")
facts = RenameField.apply(frame=facts, old_name="`contact.email`", new_name="email", transformation_ctx="rename")

sink = glueContext.getSink(path=args["output"], connection_type="s3", updateBehavior="UPDATE_IN_DATABASE",
                           partitionKeys=["year"], enableUpdateCatalog=True, compression="snappy",
                           transformation_ctx="sink")
sink.setCatalogInfo(catalogDatabase=args["database"], catalogTableName="order_facts")
sink.setFormat("glueparquet")
sink.writeFrame(facts)

phones = flat.select("facts_contact.phones")
glueContext.write_dynamic_frame.from_options(frame=phones, connection_type="s3",
                                             connection_options={"path": args["phones_output"]}, format="json")
job.commit()
