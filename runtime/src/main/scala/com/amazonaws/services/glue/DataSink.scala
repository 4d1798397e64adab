package com.amazonaws.services.glue

import com.amazonaws.services.glue.errors.CallSite
import com.amazonaws.services.glue.util.JsonOptions

/** A write a GlueContext prepared: `writeDynamicFrame(frame)` runs it and answers the frame's error records. */
trait DataSink {
  def writeDynamicFrame(frame: DynamicFrame): DynamicFrame = writeDynamicFrame(frame, CallSite.NotProvided)

  def writeDynamicFrame(frame: DynamicFrame, callSite: CallSite): DynamicFrame

  def setFormat(format: String, options: JsonOptions): Unit

  def withFormat(format: String, options: JsonOptions = JsonOptions.empty): DataSink = {
    setFormat(format, options)
    this
  }

  /** The catalog table a write with `enableUpdateCatalog` creates or updates. */
  def setCatalogInfo(catalogDatabase: String, catalogTableName: String, catalogId: String = ""): Unit

  /** Glue's accumulator size for error records; Mortar keeps every error record, so nothing to size. */
  def setAccumulableSize(size: Int): Unit = ()

  /** The error records of the last frame written. */
  def errorsAsDynamicFrame: DynamicFrame
}

private[glue] abstract class WritingDataSink(glueContext: GlueContext) extends DataSink {
  private var lastWritten: Option[DynamicFrame] = None

  protected def write(frame: DynamicFrame): Unit

  override def writeDynamicFrame(frame: DynamicFrame, callSite: CallSite): DynamicFrame = {
    write(frame)
    lastWritten = Some(frame)
    frame.errorsAsDynamicFrame()
  }

  override def errorsAsDynamicFrame: DynamicFrame = lastWritten match {
    case Some(frame) => frame.errorsAsDynamicFrame()
    case None => glueContext.frame(glueContext.sparkSession.emptyDataFrame, "errors")
  }
}

/** Files or a JDBC table through the runtime's sink (`path`, `partitionKeys`, `enableUpdateCatalog`, …). */
private[glue] class OptionsDataSink(glueContext: GlueContext,
                                    connectionType: String,
                                    options: JsonOptions,
                                    transformationContext: String,
                                    private var format: String,
                                    private var formatOptions: JsonOptions) extends WritingDataSink(glueContext) {
  private var catalogInfo = JsonOptions.empty

  override protected def write(frame: DynamicFrame): Unit =
    glueContext.mortar.writeToOptions(frame.frame, connectionType, (options ++ catalogInfo).asJava, format,
      formatOptions.asJava, transformationContext)

  override def setFormat(format: String, options: JsonOptions): Unit = {
    this.format = format
    this.formatOptions = if (options == null) JsonOptions.empty else options
  }

  override def setCatalogInfo(catalogDatabase: String, catalogTableName: String, catalogId: String): Unit =
    catalogInfo = JsonOptions(Map("catalogDatabase" -> catalogDatabase, "catalogTableName" -> catalogTableName))
}

/** Into a catalog table's location, in its format, through the runtime's catalog sink. */
private[glue] class CatalogDataSink(glueContext: GlueContext,
                                    database: String,
                                    tableName: String,
                                    transformationContext: String,
                                    additionalOptions: JsonOptions) extends WritingDataSink(glueContext) {
  override protected def write(frame: DynamicFrame): Unit =
    glueContext.mortar.writeToCatalog(frame.frame, database, tableName, additionalOptions.asJava,
      transformationContext)

  /** The table's format is the table's own. */
  override def setFormat(format: String, options: JsonOptions): Unit = ()

  override def setCatalogInfo(catalogDatabase: String, catalogTableName: String, catalogId: String): Unit = ()
}
