package com.amazonaws.services.glue.util

import com.amazonaws.services.glue.GlueContext
import io.mortar.runtime.JobContext
import org.slf4j.LoggerFactory

/**
 * A Glue job's life in a script: `Job.init(args("JOB_NAME"), glueContext, args.asJava)` at the start and
 * `Job.commit()` at the end, which commits the run's job bookmark (what the bookmarked sources read); the server
 * stores it when the run succeeds. A run whose script never commits moves no bookmark, as in Glue.
 */
object Job {
  private val log = LoggerFactory.getLogger("com.amazonaws.services.glue.util.Job")
  private var context: Option[JobContext] = None
  private var name: String = _

  def init(jobName: String, glueContext: GlueContext): Unit = init(jobName, glueContext, java.util.Map.of())

  def init(jobName: String, glueContext: GlueContext, args: java.util.Map[String, String]): Unit = synchronized {
    context = Some(glueContext.jobContext)
    name = jobName
    log.info("Job {} initialised (run {}, bookmarks {})", jobName, runId, glueContext.jobContext.bookmarks().mode())
  }

  /** Glue's overload with a Glue endpoint: Mortar's driver already knows its endpoint. */
  def init(jobName: String, glueContext: GlueContext, endpoint: String,
           args: java.util.Map[String, String]): Unit = init(jobName, glueContext, args)

  /** Commits the run's job bookmark. */
  def commit(): Unit = synchronized {
    val job = context.getOrElse(throw new IllegalStateException(
      "Job.commit() before Job.init(jobName, glueContext, args)"))
    job.bookmarks().commit()
    log.info("Job {} committed", name)
  }

  def isInitialized: Boolean = synchronized(context.isDefined)

  /** Forgets the initialisation (a new `init` starts over); nothing is committed. */
  def reset(): Unit = synchronized {
    context = None
    name = null
  }

  /** The run's id (`--JOB_RUN_ID`), empty outside a run. */
  def runId: String = synchronized(context.map(_.runId()).getOrElse(""))
}
