package com.amazonaws.services.glue.util

/**
 * A Scala script's arguments (`GlueArgParser.getResolvedOptions(sysArgs, Seq("JOB_NAME").toArray)`) under Glue's
 * rules, as Python's `getResolvedOptions` has them: every name asked for is a required `--name value` (or
 * `--name=value`); arguments nobody asked for are ignored; a name given twice takes its last value; the result is
 * keyed by the names as asked for, without dashes. `TempDir` is the current name of `RedshiftTempDir`: asking for
 * either finds whichever was given, and neither is required. Glue's own bookmark and run arguments cannot be asked
 * for: the job gets them from Glue.
 */
object GlueArgParser {
  private val TempDirs = Seq("TempDir", "RedshiftTempDir")
  private val Reserved = Set("job-bookmark-option", "continuation-option", "job-bookmark-from", "job-bookmark-to",
    "JOB_ID", "JOB_RUN_ID", "SECURITY_CONFIGURATION", "encryption-type", "enable-data-lineage")

  def getResolvedOptions(args: Array[String], options: Array[String]): Map[String, String] = {
    options.find(Reserved.contains).foreach(name => throw new IllegalArgumentException(
      s"Using reserved arguments --$name: Glue passes it to every job, a script cannot ask for it"))
    val found = parse(if (args == null) Array.empty[String] else args, options.toSet ++ TempDirs)
    val missing = options.filterNot(TempDirs.contains).filterNot(found.contains)
    if (missing.nonEmpty) {
      throw new IllegalArgumentException(
        "The following arguments are required: " + missing.map("--" + _).mkString(", "))
    }
    val tempDir = found.get("TempDir").orElse(found.get("RedshiftTempDir"))
    options.iterator.flatMap { name =>
      if (TempDirs.contains(name)) tempDir.map(name -> _) else Some(name -> found(name))
    }.toMap
  }

  /** The values of the wanted names; a wanted name without a value is an error naming it. */
  private def parse(args: Array[String], wanted: Set[String]): Map[String, String] = {
    val values = Map.newBuilder[String, String]
    var i = 0
    while (i < args.length) {
      val token = args(i)
      if (token.startsWith("--") && token.length > 2) {
        val body = token.substring(2)
        val eq = body.indexOf('=')
        if (eq > 0) {
          val name = body.substring(0, eq)
          if (wanted.contains(name)) values += name -> body.substring(eq + 1)
        } else if (wanted.contains(body)) {
          if (i + 1 >= args.length || isName(args(i + 1))) {
            throw new IllegalArgumentException(s"Argument --$body: expected one argument")
          }
          values += body -> args(i + 1)
          i += 1
        }
      }
      i += 1
    }
    values.result()
  }

  /** What argparse takes for an option rather than a value: `--x`, not a negative number or a lone `--`. */
  private def isName(token: String): Boolean =
    token.startsWith("--") && token.length > 2
}
