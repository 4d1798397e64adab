package com.amazonaws.services.glue

/** One path and how to resolve its choice (`ResolveSpec("price", "cast:double")`); a pair, as resolveChoice takes. */
case class ResolveSpec(path: String, action: String) extends Product2[String, String] {
  override def _1: String = path

  override def _2: String = action
}
