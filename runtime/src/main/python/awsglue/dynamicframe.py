"""Glue's DynamicFrame and DynamicFrameCollection for Python scripts.

A DynamicFrame here is a handle on the runtime's JVM frame (``io.mortar.runtime.frame.DynamicFrame``): every
transform runs in the JVM, as in Glue, except the Python functions a script hands to ``map`` and ``filter``, which
run on the executors as Python UDFs and hand their results back to the JVM (``ComputedRecords``).
"""
import base64
import datetime
import decimal
import json

from awsglue import _jvm
from awsglue.gluetypes import DynamicRecord, _create_dynamic_record, _revert_to_dict


def _record(row):
    """A row as the record a map/filter function gets. A field the row has as null reads as None: Glue's records
    of self-describing data would lack a field their source lacked, but a frame's rows cannot tell absent from
    null, and a function checking for None must see it."""
    return _create_dynamic_record(row.asDict(recursive=True)) if row is not None else DynamicRecord()


def _value_json(value):
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError("%s is not a value a record can hold" % type(value).__name__)


def _record_text(row):
    try:
        return json.dumps(row.asDict(recursive=True), default=_value_json)
    except Exception:  # the record's text is only for the error record; never fail on it
        return str(row)


def _failure(error):
    message = str(error)
    return type(error).__name__ + (": " + message if message else "")


class DynamicFrame(object):
    def __init__(self, jdf, glue_ctx, name=""):
        self._jdf = jdf
        self.glue_ctx = glue_ctx
        self._sc = glue_ctx._sc if glue_ctx is not None else None
        self.name = name if name else (jdf.name() if jdf is not None else "")

    # ---- frames and data frames ----

    @staticmethod
    def fromDF(dataframe, glue_ctx, name):
        jvm = dataframe.sparkSession._sc._jvm
        return DynamicFrame(jvm.io.mortar.runtime.frame.DynamicFrame.fromDF(dataframe._jdf, name or ""), glue_ctx,
                            name)

    def toDF(self, options=None):
        from pyspark.sql import DataFrame
        jframe = self._jdf
        if options:
            specs = [(o.path, o.action) for o in options]
            jframe = jframe.resolveChoice(_jvm.bridge(self._sc).specs(_jvm.to_json(specs)),
                                          _jvm.transform_options(self._sc))
        return DataFrame(jframe.toDF(), self.glue_ctx.spark_session)

    def _wrap(self, jframe, name=None):
        return DynamicFrame(jframe, self.glue_ctx, name if name is not None else jframe.name())

    def _options(self, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return _jvm.transform_options(self._sc, transformation_ctx, info, stageThreshold, totalThreshold)

    # ---- looking at a frame ----

    def schema(self):
        from awsglue import gluetypes
        json_text = self._sc._jvm.io.mortar.runtime.frame.GlueSchemaJson.of(self._jdf)
        return gluetypes._deserialize_json_string(json_text)

    def printSchema(self):
        print(self._jdf.schema().treeString())

    def show(self, num_rows=20):
        for line in self.toDF().limit(num_rows).toJSON().collect():
            print(line)

    def count(self):
        return self._jdf.count()

    def getNumPartitions(self):
        return self._jdf.toDF().rdd().getNumPartitions()

    def repartition(self, num_partitions, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return self._wrap(self._jdf.repartition(int(num_partitions)))

    def coalesce(self, num_partitions, shuffle=False, transformation_ctx="", info="", stageThreshold=0,
                 totalThreshold=0):
        if shuffle:
            return self.repartition(num_partitions)
        return self._wrap(self._jdf.coalesce(int(num_partitions)))

    # ---- errors ----

    def errorsAsDynamicFrame(self):
        return self._wrap(self._jdf.errorsAsDynamicFrame())

    def errorsCount(self):
        return self._jdf.errorsCount()

    def stageErrorsCount(self):
        return self._jdf.stageErrorsCount()

    def assertErrorThreshold(self):
        self._jdf.assertErrorThreshold()

    # ---- transforms in the JVM ----

    def apply_mapping(self, mappings, case_sensitive=False, transformation_ctx="", info="", stageThreshold=0,
                      totalThreshold=0):
        jmappings = _jvm.bridge(self._sc).mappings(_jvm.to_json([list(m) for m in mappings]))
        return self._wrap(self._jdf.applyMapping(
            jmappings, bool(case_sensitive), self._options(transformation_ctx, info, stageThreshold, totalThreshold)))

    applyMapping = apply_mapping

    def resolveChoice(self, specs=None, choice="", database=None, table_name=None, transformation_ctx="", info="",
                      stageThreshold=0, totalThreshold=0, catalog_id=None):
        if specs is None and not choice:
            raise ValueError("resolveChoice needs specs or choice")
        if specs is not None and choice:
            raise ValueError("resolveChoice takes specs or choice, not both")
        if specs is not None and (not isinstance(specs, list)
                                  or not all(isinstance(s, tuple) and len(s) == 2 for s in specs)):
            raise TypeError("specs must be a list of (path, action) tuples")
        options = self._options(transformation_ctx, info, stageThreshold, totalThreshold)
        jspecs = _jvm.bridge(self._sc).specs(_jvm.to_json([list(s) for s in specs])) if specs is not None else None
        actions = [a for _, a in specs] if specs is not None else [choice]
        if "match_catalog" in actions:
            if not database or not table_name:
                raise ValueError("resolveChoice with match_catalog needs database and table_name")
            # each such choice cast to its column's type in the catalog table (the runtime's ResolveChoice)
            catalog = self.glue_ctx._mortar.catalogSchema(database, table_name)
            return self._wrap(self._sc._jvm.io.mortar.runtime.transform.ResolveChoice.matchCatalog(
                self._jdf, jspecs, choice or None, catalog, options))
        if jspecs is not None:
            return self._wrap(self._jdf.resolveChoice(jspecs, options))
        return self._wrap(self._jdf.resolveChoice(choice, options))

    def drop_fields(self, paths, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return self._wrap(self._jdf.dropFields(self._strings(paths),
                                               self._options(transformation_ctx, info, stageThreshold, totalThreshold)))

    def select_fields(self, paths, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return self._wrap(self._jdf.selectFields(self._strings(paths),
                                                 self._options(transformation_ctx, info, stageThreshold,
                                                               totalThreshold)))

    def rename_field(self, oldName, newName, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return self._wrap(self._jdf.renameField(oldName, newName,
                                                self._options(transformation_ctx, info, stageThreshold, totalThreshold)))

    def drop_null_fields(self, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return self._wrap(self._jdf.dropNullFields(self._options(transformation_ctx, info, stageThreshold,
                                                                 totalThreshold)))

    def split_fields(self, paths, name1, name2, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        jcollection = self._jdf.splitFields(self._strings(paths), name1, name2,
                                            self._options(transformation_ctx, info, stageThreshold, totalThreshold))
        return DynamicFrameCollection._from_java(jcollection, self.glue_ctx)

    def split_rows(self, comparison_dict, name1, name2, transformation_ctx="", info="", stageThreshold=0,
                   totalThreshold=0):
        """Rows matching every comparison ({path: {op: value}}, op one of < > = != <= >=) go to name1, the rest
        to name2."""
        from pyspark.sql import functions as F
        condition = None
        operators = {"<": "__lt__", ">": "__gt__", "=": "__eq__", "==": "__eq__", "!=": "__ne__",
                     "<=": "__le__", ">=": "__ge__"}
        for path, comparisons in comparison_dict.items():
            for op, value in comparisons.items():
                if op not in operators:
                    raise ValueError("split_rows: unknown comparison '%s' for %s (use < > = != <= >=)" % (op, path))
                term = getattr(F.col(_quoted(path)), operators[op])(F.lit(value))
                condition = term if condition is None else condition & term
        if condition is None:
            raise ValueError("split_rows needs at least one comparison")
        df = self.toDF()
        options = self._options(transformation_ctx, info, stageThreshold, totalThreshold)
        matched = self._jdf.derive(df.filter(F.coalesce(condition, F.lit(False)))._jdf, options)
        rest = self._jdf.derive(df.filter(~F.coalesce(condition, F.lit(False)))._jdf, options)
        return DynamicFrameCollection({name1: self._wrap(matched.withName(name1), name1),
                                       name2: self._wrap(rest.withName(name2), name2)}, self.glue_ctx)

    def join(self, paths1, paths2, frame2, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        if isinstance(paths1, str):
            paths1 = [paths1]
        if isinstance(paths2, str):
            paths2 = [paths2]
        return self._wrap(self._jdf.join(self._strings(paths1), self._strings(paths2), frame2._jdf,
                                         self._options(transformation_ctx, info, stageThreshold, totalThreshold)))

    def relationalize(self, root_table_name, staging_path=None, options=None, transformation_ctx="", info="",
                      stageThreshold=0, totalThreshold=0):
        jcollection = self._jdf.relationalize(root_table_name,
                                              self._options(transformation_ctx, info, stageThreshold, totalThreshold))
        return DynamicFrameCollection._from_java(jcollection, self.glue_ctx)

    def unbox(self, path, format, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0, **options):
        return self._wrap(self._jdf.unbox(path, format,
                                          self._options(transformation_ctx, info, stageThreshold, totalThreshold)))

    def unnest(self, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        """Nested structs flattened into top-level fields named by their paths (a.b)."""
        from pyspark.sql import functions as F
        from pyspark.sql.types import StructType
        columns = []

        def flatten(prefix, dtype):
            for field in dtype.fields:
                path = prefix + [field.name]
                if isinstance(field.dataType, StructType):
                    flatten(path, field.dataType)
                else:
                    columns.append(F.col(".".join("`%s`" % p for p in path)).alias(".".join(path)))

        df = self.toDF()
        flatten([], df.schema)
        return self._wrap(self._jdf.derive(df.select(*columns)._jdf,
                                           self._options(transformation_ctx, info, stageThreshold, totalThreshold)))

    def union(self, other_frame, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return self._wrap(self._jdf.union(other_frame._jdf,
                                          self._options(transformation_ctx, info, stageThreshold, totalThreshold)))

    def mergeDynamicFrame(self, stage_dynamic_frame, primary_keys, transformation_ctx="", options=None, info="",
                          stageThreshold=0, totalThreshold=0):
        """Records of stage_dynamic_frame replace this frame's records with the same primary keys; the others of
        both are kept."""
        if not primary_keys:
            raise ValueError("mergeDynamicFrame needs primary_keys")
        source = self.toDF()
        stage = stage_dynamic_frame.toDF()
        kept = source.join(stage.select(*[_quoted(k) for k in primary_keys]), on=list(primary_keys), how="left_anti")
        merged = kept.unionByName(stage, allowMissingColumns=True)
        jframe = self._sc._jvm.io.mortar.runtime.frame.DynamicFrame.combine(
            self._sc._jvm.java.util.List.of(self._jdf, stage_dynamic_frame._jdf), merged._jdf,
            transformation_ctx or self.name,
            self._options(transformation_ctx, info, stageThreshold, totalThreshold))
        return self._wrap(jframe)

    def spigot(self, path, options=None, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        """Writes a sample (options topk, default 100, and prob) as JSON to path; the frame passes through."""
        options = options or {}
        df = self.toDF()
        if "prob" in options:
            df = df.sample(fraction=float(options["prob"]))
        df.limit(int(options.get("topk", 100))).write.mode("overwrite").json(path)
        return self

    # ---- Python functions, run on the executors ----

    def map(self, f, preservesPartitioning=False, transformation_ctx="", info="", stageThreshold=0,
            totalThreshold=0):
        from pyspark.sql import functions as F
        from pyspark.sql.types import StringType, StructField, StructType

        def apply(row):
            try:
                out = f(_record(row))
            except Exception as error:  # a record the function fails on becomes an error record
                return (None, _record_text(row), _failure(error))
            if out is None:
                return (None, None, None)
            try:
                return (json.dumps(_revert_to_dict(dict(out)), default=_value_json), None, None)
            except Exception as error:
                return (None, _record_text(row), _failure(error))

        result = StructType([StructField("json", StringType()), StructField("record", StringType()),
                             StructField("message", StringType())])
        df = self.toDF()
        results = df.select(F.udf(apply, result)(_all_columns(df)).alias("r")).select("r.*")
        jframe = self._sc._jvm.io.mortar.runtime.frame.ComputedRecords.derive(
            self._jdf, results._jdf, "Map", self._options(transformation_ctx, info, stageThreshold, totalThreshold))
        return self._wrap(jframe)

    def filter(self, f, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        from pyspark.sql import functions as F
        from pyspark.sql.types import BooleanType, StringType, StructField, StructType

        def verdict(row):
            try:
                return (bool(f(_record(row))), None)
            except (KeyError, ValueError, TypeError):
                return (False, None)  # as Glue: a record the predicate cannot read is filtered out
            except Exception as error:
                return (False, _failure(error))

        result = StructType([StructField("keep", BooleanType()), StructField("error", StringType())])
        df = self.toDF()
        verdicts = df.withColumn("__mortar_verdict", F.udf(verdict, result)(_all_columns(df))) \
            .withColumn("__mortar_keep", F.col("__mortar_verdict.keep")) \
            .withColumn("__mortar_failure", F.col("__mortar_verdict.error")) \
            .drop("__mortar_verdict")
        jframe = self._sc._jvm.io.mortar.runtime.frame.ComputedRecords.filter(
            self._jdf, verdicts._jdf, "__mortar_keep", "__mortar_failure", "Filter",
            self._options(transformation_ctx, info, stageThreshold, totalThreshold))
        return self._wrap(jframe)

    # ---- helpers ----

    def _strings(self, values):
        if isinstance(values, str):
            values = [values]
        return _jvm.bridge(self._sc).strings(_jvm.to_json(list(values)))

    def __repr__(self):
        return "DynamicFrame[%s]" % self.name


def _quoted(path):
    return ".".join("`%s`" % part for part in path.split("."))


def _all_columns(df):
    from pyspark.sql import functions as F
    return F.struct(*[F.col("`%s`" % c) for c in df.columns])


class DynamicFrameCollection(object):
    """Named DynamicFrames (what relationalize, split_fields and Studio's custom transforms give and take)."""

    def __init__(self, dynamic_frames, glue_ctx):
        if isinstance(dynamic_frames, list):
            dynamic_frames = {frame.name: frame for frame in dynamic_frames}
        elif not isinstance(dynamic_frames, dict):
            raise TypeError("DynamicFrameCollection takes a dict of name to DynamicFrame, or a list of frames")
        self._frames = dict(dynamic_frames)
        self.glue_ctx = glue_ctx

    @staticmethod
    def _from_java(jcollection, glue_ctx):
        frames = {}
        for name in jcollection.keys():
            frames[name] = DynamicFrame(jcollection.get(name), glue_ctx, name)
        return DynamicFrameCollection(frames, glue_ctx)

    def __getitem__(self, key):
        return self._frames[key]

    def __len__(self):
        return len(self._frames)

    def __iter__(self):
        return iter(self._frames)

    def keys(self):
        return self._frames.keys()

    def values(self):
        return self._frames.values()

    def select(self, key, transformation_ctx=""):
        """The frame named key; an unknown key gives an empty frame, as Glue's does."""
        if key in self._frames:
            return self._frames[key]
        jvm = self.glue_ctx._sc._jvm
        empty = self.glue_ctx.spark_session.createDataFrame([], "dummy string").drop("dummy")
        return DynamicFrame(jvm.io.mortar.runtime.frame.DynamicFrame.fromDF(empty._jdf, key), self.glue_ctx, key)

    def map(self, callable, transformation_ctx=""):
        return DynamicFrameCollection(
            {name: self._named(callable(frame, transformation_ctx), name) for name, frame in self._frames.items()},
            self.glue_ctx)

    def flatmap(self, f, transformation_ctx=""):
        out = {}
        for name, frame in self._frames.items():
            result = f(frame, transformation_ctx)
            if isinstance(result, DynamicFrameCollection):
                for inner, inner_frame in result._frames.items():
                    out[name + "_" + inner] = inner_frame
            else:
                out[name] = self._named(result, name)
        return DynamicFrameCollection(out, self.glue_ctx)

    @staticmethod
    def _named(frame, name):
        frame.name = name
        return frame

    def __repr__(self):
        return "DynamicFrameCollection(%s)" % ", ".join(self._frames)


class DynamicFrameReader(object):
    """glueContext.create_dynamic_frame: from_catalog, from_options, from_rdd."""

    def __init__(self, glue_context):
        self._glue_context = glue_context

    def from_catalog(self, database=None, table_name=None, redshift_tmp_dir="", transformation_ctx="",
                     push_down_predicate="", additional_options=None, catalog_id=None, **kwargs):
        database = database if database is not None else kwargs.pop("name_space", None)
        table_name = table_name if table_name is not None else kwargs.pop("table", None)
        if not database:
            raise ValueError("from_catalog needs database (or name_space)")
        if not table_name:
            raise ValueError("from_catalog needs table_name")
        return self._glue_context._catalog_source(database, table_name, transformation_ctx, push_down_predicate,
                                                  additional_options, catalog_id).getFrame()

    def from_options(self, connection_type, connection_options=None, format=None, format_options=None,
                     transformation_ctx="", push_down_predicate="", **kwargs):
        return self._glue_context._options_source(connection_type, connection_options or {}, format,
                                                  format_options or {}, transformation_ctx,
                                                  push_down_predicate).getFrame()

    def from_rdd(self, data, name, schema=None, sample_ratio=None, transformation_ctx="", **kwargs):
        spark = self._glue_context.spark_session
        df = spark.createDataFrame(data, schema=schema, samplingRatio=sample_ratio)
        return DynamicFrame.fromDF(df, self._glue_context, name)


class DynamicFrameWriter(object):
    """glueContext.write_dynamic_frame: from_options, from_catalog, from_jdbc_conf."""

    def __init__(self, glue_context):
        self._glue_context = glue_context

    def from_options(self, frame, connection_type, connection_options=None, format=None, format_options=None,
                     transformation_ctx=""):
        if isinstance(frame, DynamicFrameCollection):
            return DynamicFrameCollection(
                {name: self.from_options(f, connection_type, _frame_options(connection_options, name), format,
                                         format_options, transformation_ctx) for name, f in frame._frames.items()},
                self._glue_context)
        sink = self._glue_context.getSink(connection_type, format, transformation_ctx,
                                          **(connection_options or {}))
        if format_options:
            sink.setFormat(format, **format_options)
        return sink.write(frame)

    def from_catalog(self, frame, database=None, table_name=None, redshift_tmp_dir="", transformation_ctx="",
                     additional_options=None, catalog_id=None, **kwargs):
        database = database if database is not None else kwargs.pop("name_space", None)
        if not database or not table_name:
            raise ValueError("write_dynamic_frame.from_catalog needs database and table_name")
        self._glue_context._mortar.writeToCatalog(frame._jdf, database, table_name,
                                                  self._glue_context._options_map(additional_options),
                                                  transformation_ctx or None)
        return frame

    def from_jdbc_conf(self, frame, catalog_connection, connection_options=None, redshift_tmp_dir="",
                       transformation_ctx="", catalog_id=None):
        options = dict(connection_options or {})
        options["connectionName"] = catalog_connection
        vendor = self._glue_context.extract_jdbc_conf(catalog_connection).get("vendor") or "jdbc"
        return self.from_options(frame, vendor, options, None, None, transformation_ctx)


def _frame_options(connection_options, name):
    """A collection written to one place: each frame under its own name (Glue's useFrameName)."""
    options = dict(connection_options or {})
    if "path" in options:
        options["path"] = options["path"].rstrip("/") + "/" + name
    if "dbtable" in options:
        options["dbtable"] = name
    return options
