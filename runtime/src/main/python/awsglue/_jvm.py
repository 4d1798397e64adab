"""How Mortar's awsglue reaches the JVM: the runtime's classes through the script's SparkContext gateway."""
import json


def jvm(sc):
    return sc._jvm


def bridge(sc):
    """io.mortar.runtime.python.PythonGlue: the run's context and the marshalling of Python values."""
    return sc._jvm.io.mortar.runtime.python.PythonGlue


def to_json(value):
    """Options, lists and tuples go to the JVM as JSON text, so nested values arrive as they were written."""
    return json.dumps(value if value is not None else {}, default=_json_default)


def _json_default(value):
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError("%s is not a JSON value (options must be strings, numbers, booleans, lists or dicts)"
                    % type(value).__name__)


def transform_options(sc, transformation_ctx="", info="", stage_threshold=0, total_threshold=0):
    """The runtime's TransformOptions: the step's transformation context, info and error thresholds."""
    return sc._jvm.io.mortar.runtime.frame.TransformOptions(
        transformation_ctx or "", info or "", int(stage_threshold or 0), int(total_threshold or 0))
