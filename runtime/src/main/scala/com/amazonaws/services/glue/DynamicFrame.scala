package com.amazonaws.services.glue

import com.amazonaws.services.glue.errors.CallSite
import com.amazonaws.services.glue.util.JsonOptions
import io.mortar.runtime.frame.{DynamicSchema, TransformOptions, DynamicFrame => MortarFrame}
import io.mortar.runtime.transform.{ApplyMapping, RecordFunction, ResolveChoice, RowPredicate}
import org.apache.spark.sql.types.StructType
import org.apache.spark.sql.{DataFrame, Row}

import scala.jdk.CollectionConverters._

/**
 * Glue's DynamicFrame for Scala scripts and Java jobs, over the runtime's [[io.mortar.runtime.frame.DynamicFrame]]:
 * every transform is the runtime's (the Python layer's too), given the step's transformation context, call-site
 * info and error thresholds. `map` and `filter` functions see [[DynamicRecord]]s.
 */
class DynamicFrame(val frame: MortarFrame, val glueContext: GlueContext) extends Serializable {
  import DynamicFrame.step

  def applyMapping(mappings: Seq[Product4[String, String, String, String]],
                   caseSensitive: Boolean = true,
                   transformationContext: String = "",
                   callSite: CallSite = CallSite("Not provided", ""),
                   stageThreshold: Long = 0,
                   totalThreshold: Long = 0): DynamicFrame = {
    val specs = mappings.map(m => ApplyMapping.mapping(m._1, m._2, m._3, m._4)).asJava
    wrap(frame.applyMapping(specs, caseSensitive, step(transformationContext, callSite, stageThreshold, totalThreshold)))
  }

  /**
   * Specs per path and/or one action for every other choice; `match_catalog` (as an action or the choice) casts to
   * the types of the catalog table named by `database` and `tableName`.
   */
  def resolveChoice(specs: Seq[Product2[String, String]] = Seq.empty[ResolveSpec],
                    choiceOption: Option[ChoiceOption] = None,
                    database: Option[String] = None,
                    tableName: Option[String] = None,
                    transformationContext: String = "",
                    callSite: CallSite = CallSite("Not provided", ""),
                    stageThreshold: Long = 0,
                    totalThreshold: Long = 0): DynamicFrame = {
    val javaSpecs = specs.map(s => ResolveChoice.spec(s._1, s._2)).asJava
    val choice = choiceOption.map(_.choice).orNull
    val options = step(transformationContext, callSite, stageThreshold, totalThreshold)
    val matchesCatalog = choice == ResolveChoice.MATCH_CATALOG ||
      specs.exists(_._2.trim == ResolveChoice.MATCH_CATALOG)
    if (matchesCatalog) {
      val (db, table) = (database, tableName) match {
        case (Some(d), Some(t)) => (d, t)
        case _ => throw new IllegalArgumentException(
          "resolveChoice with match_catalog needs database and tableName naming the catalog table to match")
      }
      wrap(ResolveChoice.matchCatalog(frame, javaSpecs, choice, glueContext.mortar.catalogSchema(db, table), options))
    } else if (specs.isEmpty && choice == null) {
      throw new IllegalArgumentException("resolveChoice needs specs or a choiceOption")
    } else if (!specs.isEmpty && choice != null) {
      // Glue: the choice option resolves the choices the specs leave
      val bySpecs = frame.resolveChoice(javaSpecs, options)
      if (bySpecs.schema().choicePaths().isEmpty) wrap(bySpecs) else wrap(bySpecs.resolveChoice(choice, options))
    } else if (!specs.isEmpty) {
      wrap(frame.resolveChoice(javaSpecs, options))
    } else {
      wrap(frame.resolveChoice(choice, options))
    }
  }

  def dropField(path: String,
                transformationContext: String = "",
                callSite: CallSite = CallSite("Not provided", ""),
                stageThreshold: Long = 0,
                totalThreshold: Long = 0): DynamicFrame =
    dropFields(Seq(path), transformationContext, callSite, stageThreshold, totalThreshold)

  def dropFields(fieldNames: Seq[String],
                 transformationContext: String = "",
                 callSite: CallSite = CallSite("Not provided", ""),
                 stageThreshold: Long = 0,
                 totalThreshold: Long = 0): DynamicFrame =
    wrap(frame.dropFields(fieldNames.asJava, step(transformationContext, callSite, stageThreshold, totalThreshold)))

  /** Drops the fields whose every value is null (Glue's NullType columns). */
  def dropNulls(transformationContext: String = "",
                callSite: CallSite = CallSite("Not provided", ""),
                stageThreshold: Long = 0,
                totalThreshold: Long = 0): DynamicFrame =
    wrap(frame.dropNullFields(step(transformationContext, callSite, stageThreshold, totalThreshold)))

  def selectField(fieldName: String,
                  transformationContext: String = "",
                  callSite: CallSite = CallSite("Not provided", ""),
                  stageThreshold: Long = 0,
                  totalThreshold: Long = 0): DynamicFrame =
    selectFields(Seq(fieldName), transformationContext, callSite, stageThreshold, totalThreshold)

  def selectFields(paths: Seq[String],
                   transformationContext: String = "",
                   callSite: CallSite = CallSite("Not provided", ""),
                   stageThreshold: Long = 0,
                   totalThreshold: Long = 0): DynamicFrame =
    wrap(frame.selectFields(paths.asJava, step(transformationContext, callSite, stageThreshold, totalThreshold)))

  def renameField(oldName: String,
                  newName: String,
                  transformationContext: String = "",
                  callSite: CallSite = CallSite("Not provided", ""),
                  stageThreshold: Long = 0,
                  totalThreshold: Long = 0): DynamicFrame =
    wrap(frame.renameField(oldName, newName, step(transformationContext, callSite, stageThreshold, totalThreshold)))

  /** The records for which `f` is true; a record for which it throws becomes an error record. */
  def filter(f: DynamicRecord => Boolean,
             errorMsg: String = "",
             transformationContext: String = "",
             callSite: CallSite = CallSite("Not provided", ""),
             stageThreshold: Long = 0,
             totalThreshold: Long = 0): DynamicFrame =
    wrap(frame.filter(new RecordPredicate(f, frame.toDF().schema),
      step(transformationContext, callSite, stageThreshold, totalThreshold)))

  /**
   * `f` applied to a copy of every record; the output's schema is inferred from the records it returns. A record
   * for which it throws becomes an error record.
   */
  def map(f: DynamicRecord => DynamicRecord,
          errorMsg: String = "",
          transformationContext: String = "",
          callSite: CallSite = CallSite("Not provided", ""),
          stageThreshold: Long = 0,
          totalThreshold: Long = 0): DynamicFrame =
    wrap(frame.mapRecords(new RecordMapper(f), step(transformationContext, callSite, stageThreshold, totalThreshold)))

  /** Equi-join: `keys1` of this frame equal to `keys2` of `frame2`. */
  def join(keys1: Seq[String],
           keys2: Seq[String],
           frame2: DynamicFrame,
           transformationContext: String = "",
           callSite: CallSite = CallSite("Not provided", ""),
           stageThreshold: Long = 0,
           totalThreshold: Long = 0): DynamicFrame =
    wrap(frame.join(keys1.asJava, keys2.asJava, frame2.frame,
      step(transformationContext, callSite, stageThreshold, totalThreshold)))

  /** The root frame and one per array, each named (`getName`) as the runtime's Relationalize names it. */
  def relationalize(rootTableName: String,
                    stagingPath: String,
                    options: JsonOptions = JsonOptions.empty,
                    transformationContext: String = "",
                    callSite: CallSite = CallSite("Not provided", ""),
                    stageThreshold: Long = 0,
                    totalThreshold: Long = 0): Seq[DynamicFrame] =
    frame.relationalize(rootTableName, step(transformationContext, callSite, stageThreshold, totalThreshold))
      .asMap().asScala.toSeq.map { case (name, f) => wrap(f.withName(name)) }

  /** Two frames: the given paths, and every other field. */
  def splitFields(paths: Seq[String],
                  transformationContext: String = "",
                  callSite: CallSite = CallSite("Not provided", ""),
                  stageThreshold: Long = 0,
                  totalThreshold: Long = 0): Seq[DynamicFrame] = {
    val base = if (getName.isEmpty) "frame" else getName
    frame.splitFields(paths.asJava, base + "_selected", base + "_rest",
      step(transformationContext, callSite, stageThreshold, totalThreshold)).values().asScala.toSeq.map(wrap)
  }

  /** Parses a string field holding `format` (json, csv, …) into a struct. */
  def unbox(path: String,
            format: String,
            optionString: String = "{}",
            transformationContext: String = "",
            callSite: CallSite = CallSite("Not provided", ""),
            stageThreshold: Long = 0,
            totalThreshold: Long = 0): DynamicFrame =
    wrap(frame.unbox(path, format, step(transformationContext, callSite, stageThreshold, totalThreshold)))

  /** The same records; a sample of them (`topk`, default 100; `prob`, default 1) written as JSON to `path`. */
  def spigot(path: String,
             options: JsonOptions = new JsonOptions("{}"),
             transformationContext: String = "",
             callSite: CallSite = CallSite("Not provided", ""),
             stageThreshold: Long = 0,
             totalThreshold: Long = 0): DynamicFrame = {
    val topk = options.get("topk").map(v => String.valueOf(v).toDouble.toInt).getOrElse(100)
    val prob = options.get("prob").map(v => String.valueOf(v).toDouble).getOrElse(1.0)
    val all = frame.toDF()
    val sample = (if (prob < 1.0) all.sample(prob) else all).limit(topk)
    glueContext.mortar.writeToOptions(MortarFrame.fromDF(sample, getName), "s3",
      Map[String, AnyRef]("path" -> path, "mode" -> "overwrite").asJava, "json", java.util.Map.of[String, AnyRef](),
      transformationContext)
    this
  }

  /** All records of both frames, fields matched by name. */
  def union(other: DynamicFrame,
            transformationContext: String = "",
            callSite: CallSite = CallSite("Not provided", ""),
            stageThreshold: Long = 0,
            totalThreshold: Long = 0): DynamicFrame =
    wrap(frame.union(other.frame, step(transformationContext, callSite, stageThreshold, totalThreshold)))

  def repartition(numPartitions: Int,
                  transformationContext: String = "",
                  callSite: CallSite = CallSite("Not provided", ""),
                  stageThreshold: Long = 0,
                  totalThreshold: Long = 0): DynamicFrame =
    wrap(frame.repartition(numPartitions))

  def coalesce(numPartitions: Int,
               shuffle: Boolean = false,
               transformationContext: String = "",
               callSite: CallSite = CallSite("Not provided", ""),
               stageThreshold: Long = 0,
               totalThreshold: Long = 0): DynamicFrame =
    wrap(if (shuffle) frame.repartition(numPartitions) else frame.coalesce(numPartitions))

  def getNumPartitions: Int = frame.toDF().rdd.getNumPartitions

  /** The records as a DataFrame, after resolving the given choices; other choices stay structs. */
  def toDF(specs: Seq[ResolveSpec] = Seq.empty[ResolveSpec]): DataFrame =
    if (specs.isEmpty) frame.toDF() else resolveChoice(specs).frame.toDF()

  def schema: DynamicSchema = frame.schema()

  def printSchema(): Unit = frame.printSchema()

  def show(numRows: Int = 20): Unit = frame.show(numRows)

  def count(): Long = frame.count()

  /** Error records of every step that led here. */
  def errorsCount(): Long = frame.errorsCount()

  /** Error records of the step that made this frame. */
  def stageErrorsCount(): Long = frame.stageErrorsCount()

  def errorsAsDynamicFrame(): DynamicFrame = wrap(frame.errorsAsDynamicFrame())

  def assertErrorThreshold(): Unit = frame.assertErrorThreshold()

  def getName: String = frame.name()

  def withName(name: String): DynamicFrame = wrap(frame.withName(name))

  override def toString: String = frame.toString

  private def wrap(result: MortarFrame): DynamicFrame = new DynamicFrame(result, glueContext)
}

object DynamicFrame {
  /** A DataFrame as a dynamic frame. */
  def apply(df: DataFrame, glueContext: GlueContext): DynamicFrame =
    new DynamicFrame(MortarFrame.fromDF(df, ""), glueContext)

  def emptyDynamicFrame(glueContext: GlueContext): DynamicFrame =
    apply(glueContext.sparkSession.emptyDataFrame, glueContext)

  private def step(transformationContext: String, callSite: CallSite, stageThreshold: Long,
                   totalThreshold: Long): TransformOptions =
    new TransformOptions(transformationContext, if (callSite == null) "" else callSite.info, stageThreshold,
      totalThreshold)
}

/** A Scala filter function over records, as the runtime's row predicate (runs on executors). */
private[glue] final class RecordPredicate(f: DynamicRecord => Boolean, schema: StructType) extends RowPredicate {
  override def test(row: Row): Boolean = f(DynamicRecord(row, schema))
}

/** A Scala map function over records, as the runtime's record function (runs on executors). */
private[glue] final class RecordMapper(f: DynamicRecord => DynamicRecord) extends RecordFunction {
  override def apply(record: java.util.Map[String, AnyRef]): java.util.Map[String, AnyRef] = {
    val result = f(new DynamicRecord(DynamicRecord.copy(record)))
    if (result == null) null else result.fields
  }
}
