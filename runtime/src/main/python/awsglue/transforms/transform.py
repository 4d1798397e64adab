"""GlueTransform: the base of Glue's transform classes. ``X.apply(**kwargs)`` makes one and calls it."""


class GlueTransform(object):
    @classmethod
    def apply(cls, *args, **kwargs):
        transform = cls()
        return transform(*args, **kwargs)

    @classmethod
    def name(cls):
        return cls.__name__

    @classmethod
    def describeArgs(cls):
        return []

    @classmethod
    def describeReturn(cls):
        return {}

    @classmethod
    def describeTransform(cls):
        return ""

    @classmethod
    def describe(cls):
        return {"name": cls.name(), "args": cls.describeArgs(), "returns": cls.describeReturn(),
                "description": cls.describeTransform()}
