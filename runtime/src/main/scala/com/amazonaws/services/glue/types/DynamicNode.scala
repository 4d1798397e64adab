package com.amazonaws.services.glue.types

import scala.jdk.CollectionConverters._

/**
 * A value of a [[com.amazonaws.services.glue.DynamicRecord]], typed as Glue's nodes are (`StringNode("x")`,
 * `LongNode(7L)`, …), for `addField` and `getFieldNode`.
 */
trait DynamicNode extends Serializable {
  def getValue: Any
}

case class StringNode(value: String) extends DynamicNode { override def getValue: Any = value }

case class IntegerNode(value: Int) extends DynamicNode { override def getValue: Any = value }

case class LongNode(value: Long) extends DynamicNode { override def getValue: Any = value }

case class ShortNode(value: Short) extends DynamicNode { override def getValue: Any = value }

case class ByteNode(value: Byte) extends DynamicNode { override def getValue: Any = value }

case class FloatNode(value: Float) extends DynamicNode { override def getValue: Any = value }

case class DoubleNode(value: Double) extends DynamicNode { override def getValue: Any = value }

case class BooleanNode(value: Boolean) extends DynamicNode { override def getValue: Any = value }

case class DecimalNode(value: BigDecimal) extends DynamicNode { override def getValue: Any = value }

case class DateNode(value: java.sql.Date) extends DynamicNode { override def getValue: Any = value }

case class TimestampNode(value: java.sql.Timestamp) extends DynamicNode { override def getValue: Any = value }

case class BinaryNode(value: Array[Byte]) extends DynamicNode { override def getValue: Any = value }

/** A struct: its fields by name. */
case class ObjectNode(fields: Map[String, Any]) extends DynamicNode { override def getValue: Any = fields }

case class ArrayNode(values: Seq[Any]) extends DynamicNode { override def getValue: Any = values }

case object NullNode extends DynamicNode { override def getValue: Any = null }

object DynamicNode {
  /** The node of a record's plain value (what the runtime's records hold: boxed numbers, Java maps and lists). */
  def of(value: Any): DynamicNode = value match {
    case null => NullNode
    case n: DynamicNode => n
    case s: String => StringNode(s)
    case i: java.lang.Integer => IntegerNode(i)
    case l: java.lang.Long => LongNode(l)
    case s: java.lang.Short => ShortNode(s)
    case b: java.lang.Byte => ByteNode(b)
    case f: java.lang.Float => FloatNode(f)
    case d: java.lang.Double => DoubleNode(d)
    case b: java.lang.Boolean => BooleanNode(b)
    case d: java.math.BigDecimal => DecimalNode(BigDecimal(d))
    case d: BigDecimal => DecimalNode(d)
    case d: java.sql.Date => DateNode(d)
    case t: java.sql.Timestamp => TimestampNode(t)
    case b: Array[Byte] => BinaryNode(b)
    case m: java.util.Map[_, _] => ObjectNode(m.asScala.iterator.map { case (k, v) => String.valueOf(k) -> v }.toMap)
    case m: collection.Map[_, _] => ObjectNode(m.iterator.map { case (k, v) => String.valueOf(k) -> v }.toMap)
    case l: java.util.List[_] => ArrayNode(l.asScala.toSeq)
    case s: collection.Seq[_] => ArrayNode(s.toSeq)
    case other => throw new IllegalArgumentException(
      s"No DynamicNode for a ${other.getClass.getName} value: $other")
  }
}
