package com.amazonaws.services.glue.util

import com.fasterxml.jackson.databind.ObjectMapper

import scala.collection.immutable.VectorMap
import scala.jdk.CollectionConverters._

/**
 * Glue's options bag: connection, format and transform options as scripts write them, from JSON text
 * (`JsonOptions("""{"path": "s3://…"}""")`) or a Scala map. The runtime reads them as a Java map of plain values
 * ([[asJava]]): strings, numbers, booleans, lists and maps, exactly as a Python script's dict reaches it.
 */
class JsonOptions(val options: Map[String, Any]) extends Serializable {
  def this(json: String) = this(JsonOptions.parse(json))

  def this(options: java.util.Map[String, _]) = this(JsonValues.toScalaMap(options))

  def get(key: String): Option[Any] = options.get(key)

  def getOption(key: String): Option[String] = options.get(key).map(String.valueOf)

  def isEmpty: Boolean = options.isEmpty

  /** A copy with more options, later keys winning. */
  def ++(more: JsonOptions): JsonOptions = new JsonOptions(VectorMap.from(options) ++ more.options)

  /** The options as the runtime takes them: Java maps and lists of plain values. */
  def asJava: java.util.Map[String, AnyRef] = JsonValues.toJavaMap(options)

  override def toString: String = JsonOptions.mapper.writeValueAsString(asJava)

  override def equals(other: Any): Boolean = other match {
    case that: JsonOptions => options == that.options
    case _ => false
  }

  override def hashCode: Int = options.hashCode
}

object JsonOptions {
  private[glue] val mapper = new ObjectMapper()

  val empty: JsonOptions = new JsonOptions(Map.empty[String, Any])

  def apply(json: String): JsonOptions = new JsonOptions(json)

  def apply(options: Map[String, Any]): JsonOptions = new JsonOptions(options)

  private def parse(json: String): Map[String, Any] = {
    if (json == null || json.isBlank) {
      Map.empty
    } else {
      val parsed = try {
        mapper.readValue(json, classOf[java.util.Map[String, AnyRef]])
      } catch {
        case e: com.fasterxml.jackson.core.JsonProcessingException =>
          throw new IllegalArgumentException("JsonOptions: not a JSON object: " + e.getOriginalMessage, e)
      }
      JsonValues.toScalaMap(parsed)
    }
  }
}

/** Values between Scala (what scripts write) and Java (what the runtime reads), all the way down. */
private[glue] object JsonValues {
  def toJavaMap(values: collection.Map[String, _]): java.util.Map[String, AnyRef] = {
    val out = new java.util.LinkedHashMap[String, AnyRef]()
    values.foreach { case (k, v) => out.put(k, toJava(v)) }
    out
  }

  def toJava(value: Any): AnyRef = value match {
    case null | None => null
    case Some(v) => toJava(v)
    case m: collection.Map[_, _] => toJavaMap(m.map { case (k, v) => String.valueOf(k) -> v })
    case m: java.util.Map[_, _] => toJavaMap(m.asScala.map { case (k, v) => String.valueOf(k) -> v })
    case s: String => s
    case a: Array[Byte] => a
    case a: Array[_] => toJavaList(a.toSeq)
    case s: collection.Iterable[_] => toJavaList(s)
    case l: java.util.List[_] => toJavaList(l.asScala)
    case d: BigDecimal => d.bigDecimal
    case i: BigInt => i.bigInteger
    case v: AnyRef => v
    case v => v.asInstanceOf[AnyRef] // primitives arrive boxed
  }

  private def toJavaList(values: collection.Iterable[_]): java.util.List[AnyRef] = {
    val out = new java.util.ArrayList[AnyRef]()
    values.foreach(v => out.add(toJava(v)))
    out
  }

  /** In the order the keys came (JSON text keeps its order through to what the runtime reads). */
  def toScalaMap(values: java.util.Map[String, _]): Map[String, Any] =
    if (values == null) Map.empty
    else VectorMap.from(values.asScala.iterator.map { case (k, v) => k -> toScala(v) })

  def toScala(value: Any): Any = value match {
    case m: java.util.Map[_, _] => VectorMap.from(m.asScala.iterator.map { case (k, v) => String.valueOf(k) -> toScala(v) })
    case l: java.util.List[_] => l.asScala.iterator.map(toScala).toList
    case v => v
  }
}
