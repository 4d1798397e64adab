package io.mortar.runtime.scalascript

import scala.reflect.internal.util.BatchSourceFile
import scala.tools.nsc.reporters.StoreReporter
import scala.tools.nsc.{Global, Settings}

/** One run of scalac over one script held in memory, into a folder of classes. */
object ScalaCompiler {
  /** The Scala version scripts are compiled with (Spark's, on the driver's class path). */
  def version: String = scala.util.Properties.versionNumberString

  /**
   * Compiles `source`, named `fileName` in messages, against `classPath` into `outDir`. Answers scalac's errors, each
   * `file:line: error: message` with the line and a caret under the column; none when it compiled.
   */
  def compile(fileName: String, source: String, classPath: String, outDir: String): java.util.List[String] = {
    val settings = new Settings(message => throw new IllegalArgumentException("scalac settings: " + message))
    settings.classpath.value = classPath
    settings.outdir.value = outDir
    settings.nowarn.value = true
    val reporter = new StoreReporter(settings)
    val global = new Global(settings, reporter)
    val run = new global.Run
    run.compileSources(List(new BatchSourceFile(fileName, source)))
    val errors = new java.util.ArrayList[String]()
    reporter.infos.iterator.filter(_.severity == reporter.ERROR).foreach { info =>
      val pos = info.pos
      errors.add(
        if (!pos.isDefined) s"$fileName: error: ${info.msg}"
        else s"$fileName:${pos.line}: error: ${info.msg}\n${pos.lineContent}\n${pos.lineCaret}")
    }
    errors
  }
}
