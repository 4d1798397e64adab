import com.amazonaws.services.glue.DynamicFrame
import com.amazonaws.services.glue.DynamicRecord
import com.amazonaws.services.glue.GlueContext
import com.amazonaws.services.glue.log.GlueLogger
import com.amazonaws.services.glue.types.LongNode
import com.amazonaws.services.glue.util.GlueArgParser
import com.amazonaws.services.glue.util.Job
import com.amazonaws.services.glue.util.JsonOptions
import org.apache.spark.SparkContext
import scala.jdk.CollectionConverters._

// Payments arrive as CSV files; each run adds the settled ones, in cents and with the customer's name and region,
// to the catalog table named by --output_table. With the job bookmark on, a run reads only the files that are new.
object GlueApp {
  def main(sysArgs: Array[String]): Unit = {
    val sc: SparkContext = new SparkContext()
    val glueContext: GlueContext = new GlueContext(sc)
    val logger = new GlueLogger
    val args = GlueArgParser.getResolvedOptions(sysArgs, Seq("JOB_NAME", "input", "output_table").toArray)
    Job.init(args("JOB_NAME"), glueContext, args.asJava)

    val payments: DynamicFrame = glueContext.getSourceWithFormat(
      connectionType = "s3",
      options = JsonOptions(Map("paths" -> Seq(args("input")), "recurse" -> true)),
      transformationContext = "payments",
      format = "csv",
      formatOptions = JsonOptions(Map("withHeader" -> true, "separator" -> ","))
    ).getDynamicFrame()

    val settled = payments.filter((rec: DynamicRecord) => rec.getField("status").contains("settled"),
      transformationContext = "settled")
    val inCents = settled.map((rec: DynamicRecord) => {
      val amount = rec.getField("amount").get.asInstanceOf[Double]
      rec.addField("cents", LongNode(Math.round(amount * 100)))
      rec
    }, transformationContext = "in_cents")

    // no transformation context: the customers are read whole every run
    val customers = glueContext.getCatalogSource(database = "sales", tableName = "customers")
      .getDynamicFrame()
      .resolveChoice(specs = Seq(("customer_id", "cast:int")))

    val joined = inCents.join(keys1 = Seq("customer"), keys2 = Seq("customer_id"), frame2 = customers,
      transformationContext = "joined").selectFields(Seq("payment_id", "name", "cents", "region"))
    logger.info(s"Adding ${joined.count()} settled payments")

    glueContext.getCatalogSink(database = "sales", tableName = args("output_table"), transformationContext = "sink",
      additionalOptions = JsonOptions(Map("enableUpdateCatalog" -> true, "updateBehavior" -> "UPDATE_IN_DATABASE")))
      .writeDynamicFrame(joined)
    Job.commit()
  }
}
