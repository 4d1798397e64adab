"""Glue's DataSink (``glueContext.getSink``, ``getCatalogSink``): a write described first, done on writeFrame.

The S3 sink that updates the catalog is what most Glue scripts write with::

    sink = glueContext.getSink(connection_type="s3", path="s3://bucket/out/", enableUpdateCatalog=True,
                               updateBehavior="UPDATE_IN_DATABASE", partitionKeys=["year"])
    sink.setFormat("glueparquet")
    sink.setCatalogInfo(catalogDatabase="db", catalogTableName="table")
    sink.writeFrame(frame)
"""


class DataSink(object):
    def __init__(self, glue_context, connection_type, options, transformation_ctx=""):
        self._glue_context = glue_context
        self._connection_type = connection_type
        self._options = dict(options or {})
        self._transformation_ctx = transformation_ctx or ""
        self._format = None
        self._format_options = {}
        self._catalog = None

    def setFormat(self, format, **options):
        self._format = format
        self._format_options = options

    def setCatalogInfo(self, catalogDatabase, catalogTableName, catalogId=""):
        self._catalog = (catalogDatabase, catalogTableName)

    def setAccumulableSize(self, size):
        pass  # Glue's sampling of errors for its console; nothing to size here

    def writeFrame(self, dynamic_frame, info=""):
        ctx = self._glue_context
        mortar = ctx._mortar
        context = self._transformation_ctx or None
        if self._connection_type == "catalog":
            database, table = self._catalog
            mortar.writeToCatalog(dynamic_frame._jdf, database, table, ctx._options_map(self._options), context)
            return dynamic_frame
        options = dict(self._options)
        if self._catalog is not None:
            options.setdefault("catalogDatabase", self._catalog[0])
            options.setdefault("catalogTableName", self._catalog[1])
        mortar.writeToOptions(dynamic_frame._jdf, self._connection_type, ctx._options_map(options), self._format,
                              ctx._options_map(self._format_options), context)
        return dynamic_frame

    def write(self, dynamic_frame_or_dfc, info=""):
        from awsglue.dynamicframe import DynamicFrameCollection
        if isinstance(dynamic_frame_or_dfc, DynamicFrameCollection):
            return DynamicFrameCollection({name: self.writeFrame(frame, info)
                                           for name, frame in dynamic_frame_or_dfc._frames.items()},
                                          self._glue_context)
        return self.writeFrame(dynamic_frame_or_dfc, info)
