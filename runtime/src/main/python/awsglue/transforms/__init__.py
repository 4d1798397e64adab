"""Glue's transforms (``from awsglue.transforms import *``): each a GlueTransform whose ``apply`` calls the
DynamicFrame (or DynamicFrameCollection) method of the same meaning, so the work happens in the JVM."""
from awsglue.dynamicframe import DynamicFrame, DynamicFrameCollection
from awsglue.transforms.transform import GlueTransform

__all__ = [
    "GlueTransform", "ApplyMapping", "ResolveChoice", "DropNullFields", "DropFields", "SelectFields", "RenameField",
    "SplitFields", "SplitRows", "Join", "Relationalize", "Filter", "Map", "Unbox", "UnnestFrame",
    "SelectFromCollection", "MapToCollection", "FlatMap", "ErrorsAsDynamicFrame", "Repartition", "Coalesce",
    "Spigot", "Union", "DynamicFrame", "DynamicFrameCollection",
]


class ApplyMapping(GlueTransform):
    def __call__(self, frame, mappings, case_sensitive=False, transformation_ctx="", info="", stageThreshold=0,
                 totalThreshold=0):
        return frame.apply_mapping(mappings, case_sensitive, transformation_ctx, info, stageThreshold,
                                   totalThreshold)


class ResolveChoice(GlueTransform):
    def __call__(self, frame, specs=None, choice="", database=None, table_name=None, transformation_ctx="",
                 info="", stageThreshold=0, totalThreshold=0, catalog_id=None):
        return frame.resolveChoice(specs, choice, database, table_name, transformation_ctx, info, stageThreshold,
                                   totalThreshold, catalog_id)


class DropNullFields(GlueTransform):
    def __call__(self, frame, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return frame.drop_null_fields(transformation_ctx, info, stageThreshold, totalThreshold)


class DropFields(GlueTransform):
    def __call__(self, frame, paths, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return frame.drop_fields(paths, transformation_ctx, info, stageThreshold, totalThreshold)


class SelectFields(GlueTransform):
    def __call__(self, frame, paths, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return frame.select_fields(paths, transformation_ctx, info, stageThreshold, totalThreshold)


class RenameField(GlueTransform):
    def __call__(self, frame, old_name, new_name, transformation_ctx="", info="", stageThreshold=0,
                 totalThreshold=0):
        return frame.rename_field(old_name, new_name, transformation_ctx, info, stageThreshold, totalThreshold)


class SplitFields(GlueTransform):
    def __call__(self, frame, paths, name1=None, name2=None, transformation_ctx="", info="", stageThreshold=0,
                 totalThreshold=0):
        name1 = name1 or frame.name + "_1" if frame.name else name1 or "frame1"
        name2 = name2 or frame.name + "_2" if frame.name else name2 or "frame2"
        return frame.split_fields(paths, name1, name2, transformation_ctx, info, stageThreshold, totalThreshold)


class SplitRows(GlueTransform):
    def __call__(self, frame, comparison_dict, name1="frame1", name2="frame2", transformation_ctx="", info="",
                 stageThreshold=0, totalThreshold=0):
        return frame.split_rows(comparison_dict, name1, name2, transformation_ctx, info, stageThreshold,
                                totalThreshold)


class Join(GlueTransform):
    def __call__(self, frame1, frame2, keys1, keys2, transformation_ctx=""):
        return frame1.join(keys1, keys2, frame2, transformation_ctx)


class Relationalize(GlueTransform):
    def __call__(self, frame, staging_path=None, name="roottable", options=None, transformation_ctx="", info="",
                 stageThreshold=0, totalThreshold=0):
        if staging_path is None:
            from awsglue import utils
            staging_path = (utils._global_args or {}).get("TempDir")
        return frame.relationalize(name, staging_path, options, transformation_ctx, info, stageThreshold,
                                   totalThreshold)


class Filter(GlueTransform):
    def __call__(self, frame, f, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return frame.filter(f, transformation_ctx, info, stageThreshold, totalThreshold)


class Map(GlueTransform):
    def __call__(self, frame, f, preservesPartitioning=False, transformation_ctx="", info="", stageThreshold=0,
                 totalThreshold=0):
        return frame.map(f, preservesPartitioning, transformation_ctx, info, stageThreshold, totalThreshold)


class Unbox(GlueTransform):
    def __call__(self, frame, path, format, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0,
                 **options):
        return frame.unbox(path, format, transformation_ctx, info, stageThreshold, totalThreshold, **options)


class UnnestFrame(GlueTransform):
    def __call__(self, frame, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return frame.unnest(transformation_ctx, info, stageThreshold, totalThreshold)


class SelectFromCollection(GlueTransform):
    def __call__(self, dfc, key, transformation_ctx=""):
        return dfc.select(key, transformation_ctx)


class MapToCollection(GlueTransform):
    def __call__(self, dfc, callable, transformation_ctx=""):
        return dfc.map(callable, transformation_ctx)


class FlatMap(GlueTransform):
    def __call__(self, dfc, BaseTransform, frame_name="", transformation_ctx="", **base_kwargs):
        def apply(frame, ctx):
            return BaseTransform.apply(frame=frame, transformation_ctx=ctx, **base_kwargs)
        return dfc.flatmap(apply, transformation_ctx)


class ErrorsAsDynamicFrame(GlueTransform):
    def __call__(self, frame):
        return frame.errorsAsDynamicFrame()


class Repartition(GlueTransform):
    def __call__(self, frame, num_partitions, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return frame.repartition(num_partitions, transformation_ctx, info, stageThreshold, totalThreshold)


class Coalesce(GlueTransform):
    def __call__(self, frame, num_partitions, shuffle=False, transformation_ctx="", info="", stageThreshold=0,
                 totalThreshold=0):
        return frame.coalesce(num_partitions, shuffle, transformation_ctx, info, stageThreshold, totalThreshold)


class Spigot(GlueTransform):
    def __call__(self, frame, path, options=None, transformation_ctx=""):
        return frame.spigot(path, options, transformation_ctx)


class Union(GlueTransform):
    def __call__(self, frame1, frame2, transformation_ctx="", info="", stageThreshold=0, totalThreshold=0):
        return frame1.union(frame2, transformation_ctx, info, stageThreshold, totalThreshold)
