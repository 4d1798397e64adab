"""Glue's GlueContext for Python scripts, over Mortar's runtime (``io.mortar.runtime.MortarContext``).

``GlueContext(sc)`` takes the SparkContext the script made; the JVM side gives it the run's context (catalog at the
server's endpoint, job bookmarks, connections). Reads and writes go to the runtime's sources and sinks, which
interpret Glue's connection types, formats and options -- the same code Scala scripts and Mortar's own job kinds
use.
"""
import logging
import sys
import time

from pyspark.sql import SparkSession
from pyspark.sql.context import SQLContext

from awsglue import _jvm
from awsglue.data_sink import DataSink
from awsglue.data_source import DataSource
from awsglue.dynamicframe import DynamicFrame, DynamicFrameReader, DynamicFrameWriter


class GlueContext(SQLContext):
    def __init__(self, sparkContext, **options):
        if isinstance(sparkContext, SparkSession):
            session = sparkContext
            sparkContext = session.sparkContext
        else:
            session = SparkSession._getActiveSessionOrCreate()
        super().__init__(sparkContext, session)
        self._mortar = _jvm.bridge(self._sc).context(session._jsparkSession)
        self._min_partitions = options.get("minPartitions")
        self._target_partitions = options.get("targetPartitions")
        self.create_dynamic_frame = DynamicFrameReader(self)
        self.write_dynamic_frame = DynamicFrameWriter(self)
        self.create_data_frame = DataFrameReader(self)
        self.write_data_frame = DataFrameWriter(self)

    @property
    def spark_session(self):
        return self.sparkSession

    # flat aliases Glue's GlueContext has
    def create_dynamic_frame_from_catalog(self, *args, **kwargs):
        return self.create_dynamic_frame.from_catalog(*args, **kwargs)

    def create_dynamic_frame_from_options(self, *args, **kwargs):
        return self.create_dynamic_frame.from_options(*args, **kwargs)

    def create_dynamic_frame_from_rdd(self, *args, **kwargs):
        return self.create_dynamic_frame.from_rdd(*args, **kwargs)

    def write_dynamic_frame_from_options(self, *args, **kwargs):
        return self.write_dynamic_frame.from_options(*args, **kwargs)

    def write_dynamic_frame_from_catalog(self, *args, **kwargs):
        return self.write_dynamic_frame.from_catalog(*args, **kwargs)

    def write_dynamic_frame_from_jdbc_conf(self, *args, **kwargs):
        return self.write_dynamic_frame.from_jdbc_conf(*args, **kwargs)

    def write_from_options(self, frame_or_dfc, connection_type, connection_options=None, format=None,
                           format_options=None, transformation_ctx="", **kwargs):
        return self.write_dynamic_frame.from_options(frame_or_dfc, connection_type, connection_options, format,
                                                     format_options, transformation_ctx)

    # ---- sources and sinks ----

    def getSource(self, connection_type, format=None, transformation_ctx="", push_down_predicate="", **options):
        source = DataSource(self, "options", connection_type=connection_type, options=options,
                            transformation_ctx=transformation_ctx, push_down_predicate=push_down_predicate)
        if format:
            source.setFormat(format)
        return source

    def getSink(self, connection_type, format=None, transformation_ctx="", **options):
        sink = DataSink(self, connection_type, options, transformation_ctx)
        if format:
            sink.setFormat(format)
        return sink

    def getCatalogSource(self, database=None, table_name=None, redshift_tmp_dir="", transformation_ctx="",
                         push_down_predicate="", additional_options=None, catalog_id=None, **kwargs):
        return self._catalog_source(database, table_name, transformation_ctx, push_down_predicate,
                                    additional_options, catalog_id)

    def getCatalogSink(self, database=None, table_name=None, redshift_tmp_dir="", transformation_ctx="",
                       additional_options=None, catalog_id=None, **kwargs):
        sink = DataSink(self, "catalog", dict(additional_options or {}), transformation_ctx)
        sink.setCatalogInfo(database, table_name, catalog_id or "")
        return sink

    def _catalog_source(self, database, table_name, transformation_ctx, push_down_predicate, additional_options,
                        catalog_id):
        return DataSource(self, "catalog", database=database, table_name=table_name,
                          transformation_ctx=transformation_ctx, push_down_predicate=push_down_predicate,
                          options=dict(additional_options or {}))

    def _options_source(self, connection_type, connection_options, format, format_options, transformation_ctx,
                        push_down_predicate):
        source = DataSource(self, "options", connection_type=connection_type, options=connection_options,
                            transformation_ctx=transformation_ctx, push_down_predicate=push_down_predicate)
        source.setFormat(format, **format_options)
        return source

    def _options_map(self, options):
        return _jvm.bridge(self._sc).options(_jvm.to_json(dict(options or {})))

    # ---- connections, files, logging ----

    def extract_jdbc_conf(self, connection_name, catalog_id=None):
        """The connection's JDBC settings as Glue returns them: url (without the database), fullUrl, user,
        password, vendor."""
        return dict(self._mortar.connection(connection_name).toMap())

    def purge_s3_path(self, s3_path, options=None, transformation_ctx=""):
        """Deletes the files under s3_path older than options' retentionPeriod hours (Glue's default: 168, a
        week; 0 deletes them all)."""
        options = options or {}
        _jvm.bridge(self._sc).purgePath(self.sparkSession._jsparkSession, s3_path,
                                         float(options.get("retentionPeriod", 168)))

    def purge_table(self, database, table_name, options=None, transformation_ctx="", catalog_id=None):
        """Deletes the files of a catalog table (at its location) older than options' retentionPeriod hours."""
        options = options or {}
        location = _jvm.bridge(self._sc).tableLocation(self.sparkSession._jsparkSession, database, table_name)
        self.purge_s3_path(location, options, transformation_ctx)

    def get_logger(self):
        return GlueLogger()

    def currentTimeMillis(self):
        return int(time.time() * 1000)

    def forEachBatch(self, frame, batch_function, options=None):
        raise NotImplementedError("Streaming jobs (forEachBatch) are not supported by Mortar")

    def getSampleDynamicFrame(self, *args, **kwargs):
        raise NotImplementedError("getSampleDynamicFrame is not supported by Mortar; read the frame and limit it")


class DataFrameReader(object):
    """glueContext.create_data_frame: a Spark DataFrame from the same sources."""

    def __init__(self, glue_context):
        self._glue_context = glue_context

    def from_catalog(self, database=None, table_name=None, redshift_tmp_dir="", transformation_ctx="",
                     push_down_predicate="", additional_options=None, catalog_id=None, **kwargs):
        return self._glue_context.create_dynamic_frame.from_catalog(
            database, table_name, redshift_tmp_dir, transformation_ctx, push_down_predicate, additional_options,
            catalog_id, **kwargs).toDF()

    def from_options(self, connection_type, connection_options=None, format=None, format_options=None,
                     transformation_ctx="", push_down_predicate="", **kwargs):
        return self._glue_context.create_dynamic_frame.from_options(
            connection_type, connection_options, format, format_options, transformation_ctx,
            push_down_predicate, **kwargs).toDF()


class DataFrameWriter(object):
    """glueContext.write_data_frame: a Spark DataFrame written as a DynamicFrame would be."""

    def __init__(self, glue_context):
        self._glue_context = glue_context

    def from_catalog(self, frame, database=None, table_name=None, redshift_tmp_dir="", transformation_ctx="",
                     additional_options=None, catalog_id=None, **kwargs):
        dynamic = DynamicFrame.fromDF(frame, self._glue_context, transformation_ctx or "data_frame")
        return self._glue_context.write_dynamic_frame.from_catalog(
            dynamic, database, table_name, redshift_tmp_dir, transformation_ctx, additional_options, catalog_id,
            **kwargs)


class GlueLogger(object):
    """glueContext.get_logger(): lines in the run's log with their level."""

    def __init__(self):
        self._log = logging.getLogger("GlueLogger")
        if not self._log.handlers:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s GlueLogger: %(message)s",
                                                   "%y/%m/%d %H:%M:%S"))
            self._log.addHandler(handler)
            self._log.setLevel(logging.INFO)
            self._log.propagate = False

    def info(self, message):
        self._log.info(message)

    def warn(self, message):
        self._log.warning(message)

    warning = warn

    def error(self, message):
        self._log.error(message)

    def debug(self, message):
        self._log.debug(message)
