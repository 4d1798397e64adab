package com.amazonaws.services.glue.log

import org.apache.logging.log4j.{LogManager, Logger}

/** A script's logger (`new GlueLogger`): lines in the run's driver log, under the logger name `GlueLogger`. */
class GlueLogger extends Serializable {
  @transient private lazy val log: Logger = LogManager.getLogger("GlueLogger")

  def info(message: String): Unit = log.info(message)

  def warn(message: String): Unit = log.warn(message)

  def error(message: String): Unit = log.error(message)

  def debug(message: String): Unit = log.debug(message)

  def trace(message: String): Unit = log.trace(message)

  def info(message: String, t: Throwable): Unit = log.info(message, t)

  def warn(message: String, t: Throwable): Unit = log.warn(message, t)

  def error(message: String, t: Throwable): Unit = log.error(message, t)
}
