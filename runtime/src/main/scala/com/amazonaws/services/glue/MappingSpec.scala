package com.amazonaws.services.glue

import org.apache.spark.sql.types.DataType

/**
 * One mapping of applyMapping: a source path and type to a target path and type. A four-tuple of strings does the
 * same; this is the named form, also built from Spark types.
 */
case class MappingSpec(sourcePath: String, sourceType: String, targetPath: String, targetType: String)
    extends Product4[String, String, String, String] {
  override def _1: String = sourcePath

  override def _2: String = sourceType

  override def _3: String = targetPath

  override def _4: String = targetType
}

object MappingSpec {
  val orderingByTarget: Ordering[MappingSpec] = Ordering.by((m: MappingSpec) => m.targetPath)

  def apply(sourcePath: String, sourceType: DataType, targetPath: String, targetType: DataType): MappingSpec =
    MappingSpec(sourcePath, sourceType.catalogString, targetPath, targetType.catalogString)

}
