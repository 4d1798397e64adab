package com.amazonaws.services.glue

import com.amazonaws.services.glue.types.DynamicNode
import com.amazonaws.services.glue.util.{JsonOptions, JsonValues}
import io.mortar.runtime.frame.{FieldPath, RecordValues}
import org.apache.spark.sql.Row
import org.apache.spark.sql.types.StructType

import scala.jdk.CollectionConverters._

/**
 * One record as `map` and `filter` functions see it: a row's fields by name, structs as nested records and arrays as
 * lists, a choice as the value it holds (the runtime's `RecordValues`). Paths are dotted, with back-ticks around
 * names that hold dots. Changes made in a `map` function become the output record; the output's schema is inferred
 * from what the function returns.
 */
class DynamicRecord private[glue] (private[glue] val fields: java.util.Map[String, AnyRef])
    extends Serializable with Cloneable {

  /** The value at `path`, if the record has one (a null field is `Some(null)`). */
  def getField(path: String): Option[Any] = {
    val names = DynamicRecord.names(path)
    var current: AnyRef = fields
    for (name <- names) {
      current match {
        case m: java.util.Map[_, _] if m.containsKey(name) => current = m.asInstanceOf[java.util.Map[String, AnyRef]].get(name)
        case _ => return None
      }
    }
    Some(current)
  }

  def getFieldNode(path: String): Option[DynamicNode] = getField(path).map(DynamicNode.of)

  /** Sets the value at `path`, making the structs on the way. */
  def addField(path: String, dynamicNode: DynamicNode): Unit = setField(path, dynamicNode.getValue)

  /** Sets the value at `path` from a plain value (numbers, strings, Scala or Java maps and sequences). */
  def setField(path: String, value: Any): Unit = {
    val names = DynamicRecord.names(path)
    var parent = fields
    for (name <- names.init) {
      parent = parent.get(name) match {
        case m: java.util.Map[_, _] => m.asInstanceOf[java.util.Map[String, AnyRef]]
        case _ =>
          val created = new java.util.LinkedHashMap[String, AnyRef]()
          parent.put(name, created)
          created
      }
    }
    parent.put(names.last, JsonValues.toJava(value))
  }

  /** Removes the field at `path`, answering what it held. */
  def dropField(path: String, underRename: Boolean = false): Option[DynamicNode] = {
    val names = DynamicRecord.names(path)
    val parent = if (names.size == 1) Some(fields) else getField(names.init.map(FieldPathText.quote).mkString(".")) match {
      case Some(m: java.util.Map[_, _]) => Some(m.asInstanceOf[java.util.Map[String, AnyRef]])
      case _ => None
    }
    parent.filter(_.containsKey(names.last)).map(p => DynamicNode.of(p.remove(names.last)))
  }

  /** The record's fields as JSON. */
  def toJson: String = JsonOptions.mapper.writeValueAsString(fields)

  override def clone(): DynamicRecord = new DynamicRecord(DynamicRecord.copy(fields))

  override def equals(other: Any): Boolean = other match {
    case that: DynamicRecord => fields == that.fields
    case _ => false
  }

  override def hashCode: Int = fields.hashCode

  override def toString: String = toJson
}

object DynamicRecord {
  /** A Spark row of the given schema as a record. */
  def apply(row: Row, schema: StructType): DynamicRecord = new DynamicRecord(RecordValues.fromRow(row, schema))

  private def names(path: String): Seq[String] = {
    val segments = FieldPath.parse(path).segments().asScala.toSeq
    segments.map {
      case n: FieldPath.Name => n.name()
      case _ => throw new IllegalArgumentException(
        s"A record path names fields only, not array elements: '$path'")
    }
  }

  private[glue] def copy(values: java.util.Map[String, AnyRef]): java.util.Map[String, AnyRef] = {
    val out = new java.util.LinkedHashMap[String, AnyRef]()
    values.forEach((k, v) => out.put(k, copyValue(v)))
    out
  }

  private def copyValue(value: AnyRef): AnyRef = value match {
    case m: java.util.Map[_, _] => copy(m.asInstanceOf[java.util.Map[String, AnyRef]])
    case l: java.util.List[_] =>
      val out = new java.util.ArrayList[AnyRef]()
      l.forEach(v => out.add(copyValue(v.asInstanceOf[AnyRef])))
      out
    case v => v
  }
}

private object FieldPathText {
  def quote(name: String): String = new FieldPath(java.util.List.of(new FieldPath.Name(name))).toString
}
