package com.amazonaws.services.glue

/**
 * One action for every choice a frame has (`resolveChoice(choiceOption = Some(ChoiceOption("make_struct")))`):
 * `cast:<type>`, `project:<type>`, `make_cols`, `make_struct` or `match_catalog`.
 */
trait ChoiceOption extends Serializable {
  def choice: String

  override def toString: String = choice
}

object ChoiceOption {
  val CAST = "cast"
  val MAKE_COLS = "make_cols"
  val MAKE_STRUCT = "make_struct"
  val MATCH_CATALOG = "match_catalog"
  val PROJECT = "project"

  def apply(choice: String): ChoiceOption = {
    require(choice != null && !choice.isBlank, "ChoiceOption needs an action")
    SimpleChoiceOption(choice.trim)
  }

  private final case class SimpleChoiceOption(choice: String) extends ChoiceOption
}

/** Every choice cast to the type its column has in the catalog table given to resolveChoice. */
case class MatchCatalogSchemaChoiceOption() extends ChoiceOption {
  override def choice: String = ChoiceOption.MATCH_CATALOG
}
