package com.amazonaws.services.glue.errors

/**
 * Where a transform was called from, which Glue attaches to the error records it makes. Accepted so that scripts
 * passing one compile and run; Mortar's error records name the transformation context instead.
 */
case class CallSite(site: String, info: String = "") extends Serializable

object CallSite {
  private[glue] val NotProvided: CallSite = CallSite("Not provided", "")
}
