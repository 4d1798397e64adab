import com.amazonaws.services.glue.{DynamicFrame, DynamicRecord, GlueContext}
import com.amazonaws.services.glue.errors.CallSite
import com.amazonaws.services.glue.log.GlueLogger
import com.amazonaws.services.glue.types.StringNode
import com.amazonaws.services.glue.util.{GlueArgParser, Job, JsonOptions}
import org.apache.spark.SparkContext

import scala.jdk.CollectionConverters._

// A GlueApp in the console's style, with named arguments and defaults left out as scripts leave them.
// (SparkContext.getOrCreate(): in the test JVM a context is running already.)
object OrdersApp {
  def main(sysArgs: Array[String]): Unit = {
    val sc: SparkContext = SparkContext.getOrCreate()
    val glueContext: GlueContext = new GlueContext(sc)
    val logger = new GlueLogger
    val args = GlueArgParser.getResolvedOptions(sysArgs, Seq("JOB_NAME", "orders", "customers", "output").toArray)
    Job.init(args("JOB_NAME"), glueContext, args.asJava)

    val orders = glueContext.getSourceWithFormat(connectionType = "s3",
      options = JsonOptions(Map("paths" -> Seq(args("orders")))), transformationContext = "orders",
      format = "csv", formatOptions = JsonOptions("""{"withHeader": true}""")).getDynamicFrame()
    val customers = glueContext.getSource("s3", JsonOptions(s"""{"paths": ["${args("customers")}"]}"""),
      "customers").withFormat("json").getDynamicFrame()

    val ids = customers.resolveChoice(specs = Seq(("customer_id", "cast:long")), transformationContext = "ids")
    val mapped = orders.applyMapping(mappings = Seq(("order_id", "int", "order_id", "long"),
      ("customer_id", "int", "customer", "long"), ("amount", "double", "amount", "double")),
      caseSensitive = false, transformationContext = "mapped",
      callSite = CallSite("OrdersApp.scala:30", "mapping"))
    val notTiny = mapped.filter((rec: DynamicRecord) => rec.getField("amount").exists(_.asInstanceOf[Double] >= 5.0),
      transformationContext = "not_tiny")
    val sized = notTiny.map { rec =>
      val amount = rec.getField("amount").get.asInstanceOf[Double]
      rec.addField("size", StringNode(if (amount > 50) "large" else "small"))
      rec
    }
    val joined = sized.join(Seq("customer"), Seq("customer_id"), ids, transformationContext = "joined")
      .dropFields(Seq("customer_id"))
    logger.info(s"${joined.count()} orders joined")

    glueContext.getSinkWithFormat(connectionType = "s3",
      options = JsonOptions(Map("path" -> args("output"), "partitionKeys" -> Seq("size"))),
      transformationContext = "out", format = "parquet").writeDynamicFrame(joined)
    Job.commit()
  }
}
