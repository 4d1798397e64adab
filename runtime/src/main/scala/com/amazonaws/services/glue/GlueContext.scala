package com.amazonaws.services.glue

import com.amazonaws.services.glue.util.JsonOptions
import io.mortar.runtime.{JobContext, MortarContext, ScriptRun}
import org.apache.spark.SparkContext
import org.apache.spark.api.java.JavaSparkContext
import org.apache.spark.sql.{DataFrame, SparkSession}
import org.apache.spark.sql.types.StructType

import scala.jdk.CollectionConverters._

/**
 * Glue's entry point for Scala scripts and Java jobs (`new GlueContext(sc)`), over the run's
 * [[io.mortar.runtime.MortarContext]]: sources and sinks are the runtime's, so options, formats, catalog updates
 * and bookmarks behave as in every other Mortar job. Made on the driver, it takes the run's job context from
 * [[io.mortar.runtime.ScriptRun]] (its arguments, its bookmark, the catalog at the run's endpoint).
 *
 * Glue's GlueContext is also a SQLContext; this one gives the session instead ([[getSparkSession]]).
 */
class GlueContext(@transient val sc: SparkContext, val minPartitions: Int, val targetPartitions: Int)
    extends Serializable {

  def this(sc: SparkContext) = this(sc, 10, 20)

  def this(sparkContext: JavaSparkContext) = this(sparkContext.sc)

  @transient val sparkSession: SparkSession = SparkSession.builder().config(sc.getConf).getOrCreate()

  @transient private[glue] val jobContext: JobContext = ScriptRun.current().context(sparkSession)

  def getSparkSession: SparkSession = sparkSession

  def sparkContext: SparkContext = sc

  /** The runtime's context this facade works through. */
  def mortar: MortarContext = jobContext.mortar()

  def getCatalogSource(database: String,
                       tableName: String,
                       redshiftTmpDir: String = "",
                       transformationContext: String = "",
                       pushDownPredicate: String = " ",
                       additionalOptions: JsonOptions = JsonOptions.empty,
                       catalogId: String = null): DataSource =
    new CatalogDataSource(this, database, tableName, transformationContext, pushDownPredicate, additionalOptions)

  def getSource(connectionType: String,
                connectionOptions: JsonOptions,
                transformationContext: String = "",
                pushDownPredicate: String = " "): DataSource = {
    val (kind, format) = GlueContext.typeAndFormat(connectionType, null)
    new OptionsDataSource(this, kind, connectionOptions, transformationContext, format, JsonOptions.empty)
  }

  def getSourceWithFormat(connectionType: String,
                          options: JsonOptions,
                          transformationContext: String = "",
                          format: String = null,
                          formatOptions: JsonOptions = JsonOptions.empty): DataSource = {
    val (kind, fmt) = GlueContext.typeAndFormat(connectionType, format)
    new OptionsDataSource(this, kind, options, transformationContext, fmt, formatOptions)
  }

  def getSink(connectionType: String, options: JsonOptions, transformationContext: String = ""): DataSink = {
    val (kind, format) = GlueContext.typeAndFormat(connectionType, null)
    new OptionsDataSink(this, kind, options, transformationContext, format, JsonOptions.empty)
  }

  def getSinkWithFormat(connectionType: String,
                        options: JsonOptions,
                        transformationContext: String = "",
                        format: String = null,
                        formatOptions: JsonOptions = JsonOptions.empty): DataSink = {
    val (kind, fmt) = GlueContext.typeAndFormat(connectionType, format)
    new OptionsDataSink(this, kind, options, transformationContext, fmt, formatOptions)
  }

  def getCatalogSink(database: String,
                     tableName: String,
                     redshiftTmpDir: String = "",
                     transformationContext: String = "",
                     additionalOptions: JsonOptions = JsonOptions.empty,
                     catalogId: String = null): DataSink =
    new CatalogDataSink(this, database, tableName, transformationContext, additionalOptions)

  /** Writes through a catalog connection: `options` name `dbtable` and, optionally, `database`. */
  def getJDBCSink(catalogConnection: String,
                  options: JsonOptions,
                  redshiftTmpDir: String = "",
                  transformationContext: String = "",
                  catalogId: String = null): DataSink =
    new OptionsDataSink(this, "jdbc", options ++ JsonOptions(Map("connectionName" -> catalogConnection)),
      transformationContext, null, JsonOptions.empty)

  /** A catalog table's columns and partition keys as Spark types. */
  def getCatalogSchemaAsSparkSchema(database: String, tableName: String): StructType =
    mortar.catalogSchema(database, tableName)

  /** A catalog connection's JDBC settings: url, user, password, vendor, … */
  def extractJDBCConf(connectionName: String, catalogId: String = null): Map[String, String] =
    mortar.connection(connectionName).toMap.asScala.toMap

  def currentTimeMillis(): Long = System.currentTimeMillis()

  private[glue] def frame(df: DataFrame, name: String): DynamicFrame =
    new DynamicFrame(io.mortar.runtime.frame.DynamicFrame.fromDF(df, name), this)
}

object GlueContext {
  /** The formats Glue also takes as a connection type (and Python's layer passes so): S3 files in that format. */
  private val FormatTypes = Set("parquet", "orc")

  private def typeAndFormat(connectionType: String, format: String): (String, String) = {
    val kind = if (connectionType == null) "s3" else connectionType.trim.toLowerCase(java.util.Locale.ROOT)
    if (FormatTypes.contains(kind)) ("s3", if (format == null) kind else format) else (kind, format)
  }
}
