package com.amazonaws.services.glue

import com.amazonaws.services.glue.util.JsonOptions
import org.apache.spark.sql.DataFrame

/** A read a GlueContext prepared: `getDynamicFrame()` runs it. */
trait DataSource {
  def getDynamicFrame(): DynamicFrame

  /** Glue's partition targets are Spark's business here: the frame is read as Spark splits it. */
  def getDynamicFrame(minPartitions: Int, targetPartitions: Int): DynamicFrame = getDynamicFrame()

  def getDataFrame(): DataFrame

  def setFormat(format: String, options: JsonOptions): Unit

  def withFormat(format: String, options: JsonOptions = JsonOptions.empty): DataSource = {
    setFormat(format, options)
    this
  }
}

/** A catalog table through the runtime's catalog source; the table decides the format. */
private[glue] class CatalogDataSource(glueContext: GlueContext,
                                      database: String,
                                      tableName: String,
                                      transformationContext: String,
                                      pushDownPredicate: String,
                                      additionalOptions: JsonOptions) extends DataSource {
  override def getDynamicFrame(): DynamicFrame =
    new DynamicFrame(source().dynamicFrame(), glueContext)

  override def getDataFrame(): DataFrame = source().dataFrame()

  /** A catalog table's format is the table's own. */
  override def setFormat(format: String, options: JsonOptions): Unit = ()

  private def source() = {
    val read = glueContext.mortar.fromCatalog(database, tableName)
      .options(additionalOptions.asJava)
      .transformationContext(transformationContext)
    // Glue's default predicate is a blank: no predicate
    if (pushDownPredicate != null && !pushDownPredicate.isBlank) read.pushDownPredicate(pushDownPredicate) else read
  }
}

/** Files or a JDBC table described by options, through the runtime's options source. */
private[glue] class OptionsDataSource(glueContext: GlueContext,
                                      connectionType: String,
                                      connectionOptions: JsonOptions,
                                      transformationContext: String,
                                      private var format: String,
                                      private var formatOptions: JsonOptions) extends DataSource {
  override def getDynamicFrame(): DynamicFrame =
    new DynamicFrame(source().dynamicFrame(), glueContext)

  override def getDataFrame(): DataFrame = source().dataFrame()

  override def setFormat(format: String, options: JsonOptions): Unit = {
    this.format = format
    this.formatOptions = if (options == null) JsonOptions.empty else options
  }

  private def source() =
    glueContext.mortar.fromOptions(connectionType, connectionOptions.asJava, format, formatOptions.asJava)
      .transformationContext(transformationContext)
}
