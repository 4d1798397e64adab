"""Glue's DataSource (``glueContext.getSource``, ``getCatalogSource``): a read described first, done on getFrame."""
from awsglue import _jvm


class DataSource(object):
    def __init__(self, glue_context, kind, connection_type=None, database=None, table_name=None, options=None,
                 transformation_ctx="", push_down_predicate=""):
        self._glue_context = glue_context
        self._kind = kind
        self._connection_type = connection_type
        self._database = database
        self._table_name = table_name
        self._options = dict(options or {})
        self._transformation_ctx = transformation_ctx or ""
        self._push_down_predicate = push_down_predicate or ""
        self._format = None
        self._format_options = {}

    def setFormat(self, format, **options):
        self._format = format
        self._format_options = options

    def getFrame(self, **options):
        from awsglue.dynamicframe import DynamicFrame
        jframe = self._jsource().dynamicFrame()
        return DynamicFrame(jframe, self._glue_context, self._transformation_ctx or jframe.name())

    getDynamicFrame = getFrame

    def getDataFrame(self):
        from pyspark.sql import DataFrame
        return DataFrame(self._jsource().dataFrame(), self._glue_context.spark_session)

    def _jsource(self):
        ctx = self._glue_context
        mortar = ctx._mortar
        if self._kind == "catalog":
            source = mortar.fromCatalog(self._database, self._table_name).options(ctx._options_map(self._options))
            if self._push_down_predicate.strip():
                source = source.pushDownPredicate(self._push_down_predicate)
        else:
            source = mortar.fromOptions(self._connection_type, ctx._options_map(self._options), self._format,
                                        ctx._options_map(self._format_options))
        if self._transformation_ctx:
            source = source.transformationContext(self._transformation_ctx)
        return source
