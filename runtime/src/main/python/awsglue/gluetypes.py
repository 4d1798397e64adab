"""Glue's own type tree, as ``DynamicFrame.schema()`` gives it to scripts.

Unlike Spark's types every node carries ``properties`` (a dict), a field can hold a ``ChoiceType`` (several
types seen for it), and there are ``SetType``, ``EnumType`` and ``UnknownType``. Type names are the class
name without ``Type``, lower-case (``long``, ``struct``), except ``IntegerType``, which is ``int``.

The JVM hands schemas over as JSON in Glue's dialect: every node is ``{"dataType": name, "properties": {}}``;
a struct adds ``fields`` (``[{"name", "container", "properties"}]``), an array or set ``elementType``, a map
``valueType`` (keys are strings), a choice ``choices``, a decimal ``precision`` and ``scale``, an enum
``options``. ``_deserialize_json_string`` reads it; ``_serialize_schema`` writes it.
"""

import json


class DataType:
    """A node of the tree. Two types are equal when they are of one class with equal contents and properties."""

    def __init__(self, properties=None):
        self.properties = {} if properties is None else properties

    @classmethod
    def typeName(cls):
        return cls.__name__[:-len("Type")].lower()

    def jsonValue(self):
        return {"dataType": self.typeName(), "properties": self.properties}

    def _contents(self):
        """What besides the class and the properties makes two types equal."""
        return ()

    def __eq__(self, other):
        return (type(other) is type(self) and other.properties == self.properties
                and other._contents() == self._contents())

    def __hash__(self):
        # Properties are a dict, so the hash cannot cover them; equal types still hash alike.
        return hash(type(self).__name__)

    def __repr__(self):
        return "{}({})".format(type(self).__name__, self.properties)

    @classmethod
    def fromJsonValue(cls, value):
        return cls(properties=value.get("properties", {}))


# Atomic types. Not singletons (as Spark's are): each instance carries its own properties.

class AtomicType(DataType):
    pass


class BinaryType(AtomicType):
    pass


class BooleanType(AtomicType):
    pass


class ByteType(AtomicType):
    pass


class DateType(AtomicType):
    pass


class DoubleType(AtomicType):
    pass


class FloatType(AtomicType):
    pass


class IntegerType(AtomicType):
    @classmethod
    def typeName(cls):
        return "int"


class LongType(AtomicType):
    pass


class NullType(AtomicType):
    """Only nulls were seen: no type yet (DropNullFields drops such fields)."""


class ShortType(AtomicType):
    pass


class StringType(AtomicType):
    pass


class TimestampType(AtomicType):
    pass


class TimestampNTZType(AtomicType):
    pass


class UnknownType(AtomicType):
    """Nothing is known: the element of an empty array, the start of a merge."""


class DecimalType(AtomicType):
    def __init__(self, precision=10, scale=2, properties=None):
        super().__init__(properties)
        self.precision = precision
        self.scale = scale

    def _contents(self):
        return (self.precision, self.scale)

    def __repr__(self):
        return "DecimalType({}, {}, {})".format(self.precision, self.scale, self.properties)

    def jsonValue(self):
        return dict(super().jsonValue(), precision=self.precision, scale=self.scale)

    @classmethod
    def fromJsonValue(cls, value):
        return cls(value.get("precision", 10), value.get("scale", 2), value.get("properties", {}))


class EnumType(AtomicType):
    """A string restricted to ``options``."""

    def __init__(self, options, properties=None):
        super().__init__(properties)
        self.options = list(options)

    def _contents(self):
        return (self.options,)

    def __repr__(self):
        shown = ",".join(self.options[:3]) + (",..." if len(self.options) > 3 else "")
        return "EnumType([{}], {})".format(shown, self.properties)

    def jsonValue(self):
        return dict(super().jsonValue(), options=list(self.options))

    @classmethod
    def fromJsonValue(cls, value):
        return cls(value["options"], value.get("properties", {}))


# Collection types.

def _require_type(value, what):
    if not isinstance(value, DataType):
        raise TypeError("{} should be a DataType, got {}".format(what, type(value).__name__))
    return value


class _ElementsType(DataType):
    """What arrays and sets share; Glue keeps them apart (a set is no array), so they are siblings."""

    def __init__(self, elementType=None, properties=None):
        super().__init__(properties)
        self.elementType = UnknownType() if elementType is None else _require_type(elementType, "elementType")

    def _contents(self):
        return (self.elementType,)

    def __repr__(self):
        return "{}({}, {})".format(type(self).__name__, self.elementType, self.properties)

    def jsonValue(self):
        return dict(super().jsonValue(), elementType=self.elementType.jsonValue())

    @classmethod
    def fromJsonValue(cls, value):
        return cls(_deserialize_json_value(value["elementType"]), value.get("properties", {}))


class ArrayType(_ElementsType):
    pass


class SetType(_ElementsType):
    """Distinct elements; the same shape in JSON as an array (``elementType``)."""


class MapType(DataType):
    """A map from strings to ``valueType``: Glue's maps name no key type."""

    def __init__(self, valueType=None, properties=None):
        super().__init__(properties)
        self.valueType = UnknownType() if valueType is None else _require_type(valueType, "valueType")

    def _contents(self):
        return (self.valueType,)

    def __repr__(self):
        return "MapType({}, {})".format(self.valueType, self.properties)

    def jsonValue(self):
        return dict(super().jsonValue(), valueType=self.valueType.jsonValue())

    @classmethod
    def fromJsonValue(cls, value):
        return cls(_deserialize_json_value(value["valueType"]), value.get("properties", {}))


class ChoiceType(DataType):
    """The types one field was seen with, at most one of each type name; ``choices`` maps name to type."""

    def __init__(self, choices=(), properties=None):
        super().__init__(properties)
        self.choices = {}
        for choice in choices:
            self.add(choice)

    def add(self, choice):
        _require_type(choice, "a choice")
        if choice.typeName() in self.choices:
            raise ValueError("Attempting to insert duplicate choice", choice)
        self.choices[choice.typeName()] = choice

    def merge(self, choices):
        """Adds the types, merging each with the choice of its name already held."""
        for choice in choices if isinstance(choices, list) else [choices]:
            held = self.choices.get(choice.typeName(), UnknownType())
            self.choices[choice.typeName()] = mergeDataTypes(held, choice)

    def _contents(self):
        return (self.choices,)

    def __repr__(self):
        members = sorted(self.choices.values(), key=lambda t: t.typeName())
        return "ChoiceType([{}], {})".format(",".join(str(m) for m in members), self.properties)

    def jsonValue(self):
        return dict(super().jsonValue(), choices=[c.jsonValue() for c in self.choices.values()])

    @classmethod
    def fromJsonValue(cls, value):
        return cls([_deserialize_json_value(c) for c in value["choices"]], value.get("properties", {}))


class Field:
    """A named member of a struct. Equality looks at the name and the type, not the properties (as Glue's)."""

    def __init__(self, name, dataType, properties=None):
        if not isinstance(name, str):
            raise TypeError("Field name must be a string, got {}".format(type(name).__name__))
        self.name = name
        self.dataType = _require_type(dataType, "dataType")
        self.properties = {} if properties is None else properties

    def __eq__(self, other):
        return isinstance(other, Field) and other.name == self.name and other.dataType == self.dataType

    def __hash__(self):
        return hash(self.name)

    def __repr__(self):
        return "Field({}, {}, {})".format(self.name, self.dataType, self.properties)

    def jsonValue(self):
        return {"name": self.name, "container": self.dataType.jsonValue(), "properties": self.properties}

    @classmethod
    def fromJsonValue(cls, value):
        return cls(value["name"], _deserialize_json_value(value["container"]), value.get("properties", {}))


class StructType(DataType):
    """Fields in order; a frame's schema is one of these."""

    def __init__(self, fields=(), properties=None):
        super().__init__(properties)
        self.fields = []
        self.field_map = {}
        for field in fields:
            self.add(field)

    def add(self, field):
        if not isinstance(field, Field):
            raise TypeError("field must be a Field, got {}".format(type(field).__name__))
        self.fields.append(field)
        self.field_map[field.name] = field

    def hasField(self, field):
        return (field.name if isinstance(field, Field) else field) in self.field_map

    def getField(self, field):
        return self.field_map[field.name if isinstance(field, Field) else field]

    def __iter__(self):
        return iter(self.fields)

    def _contents(self):
        return (self.fields,)

    def __repr__(self):
        return "StructType([{}], {})".format(",".join(str(f) for f in self.fields), self.properties)

    def jsonValue(self):
        return dict(super().jsonValue(), fields=[f.jsonValue() for f in self.fields])

    @classmethod
    def fromJsonValue(cls, value):
        return cls([Field.fromJsonValue(f) for f in value["fields"]], value.get("properties", {}))


_TYPES_BY_NAME = {t.typeName(): t for t in (
    BinaryType, BooleanType, ByteType, DateType, DecimalType, DoubleType, EnumType, FloatType, IntegerType,
    LongType, NullType, ShortType, StringType, TimestampType, TimestampNTZType, UnknownType,
    ArrayType, SetType, MapType, ChoiceType, StructType)}


def _deserialize_json_string(json_text):
    """The type a schema JSON text (Glue's dialect) describes."""
    return _deserialize_json_value(json.loads(json_text))


def _deserialize_json_value(value):
    if not isinstance(value, dict) or "dataType" not in value:
        raise ValueError("A Glue type is a JSON object with a dataType, got: {!r}".format(value))
    type_class = _TYPES_BY_NAME.get(value["dataType"])
    if type_class is None:
        raise ValueError("Unknown Glue data type: {}".format(value["dataType"]))
    return type_class.fromJsonValue(value)


def _serialize_schema(data_type):
    """The JSON text of a type, in the dialect ``_deserialize_json_string`` reads."""
    return json.dumps(data_type.jsonValue())


def mergeDataTypes(left, right):
    """One type covering both, as Glue combines schemas: null and unknown give way; different types become a
    choice; structs merge field by field (left's fields first), arrays and maps by element. Properties are not
    merged: the result keeps the left side's."""
    if isinstance(left, (UnknownType, NullType)):
        return right
    if isinstance(right, (UnknownType, NullType)):
        return left
    if isinstance(left, ChoiceType) or isinstance(right, ChoiceType) or type(left) is not type(right):
        return _choice_of(left, right)
    if isinstance(left, StructType):
        fields = [Field(f.name, mergeDataTypes(f.dataType, right.getField(f).dataType) if right.hasField(f)
                        else f.dataType, f.properties) for f in left]
        fields += [Field(f.name, f.dataType, f.properties) for f in right if not left.hasField(f)]
        return StructType(fields, left.properties)
    if isinstance(left, _ElementsType):
        return type(left)(mergeDataTypes(left.elementType, right.elementType))
    if isinstance(left, MapType):
        return MapType(mergeDataTypes(left.valueType, right.valueType))
    if isinstance(left, EnumType):
        return EnumType(left.options + right.options)
    return left


def _choice_of(left, right):
    members = dict(right.choices) if isinstance(right, ChoiceType) else {right.typeName(): right}
    for name, member in (left.choices if isinstance(left, ChoiceType) else {left.typeName(): left}).items():
        members[name] = mergeDataTypes(member, members[name]) if name in members else member
    return ChoiceType(members.values(), left.properties)


class DynamicRecord(dict):
    """A record as ``map`` and ``filter`` functions get it: a dict whose keys also read as attributes.

    A missing key raises KeyError, as in Glue, so a filter over records without the field drops them."""

    def __getattr__(self, name):
        if name.startswith("__"):
            # Protocols (copy, pickle) probe for dunder attributes and expect AttributeError.
            raise AttributeError(name)
        return self[name]

    def __setattr__(self, name, value):
        self[name] = value


def _create_dynamic_record(record):
    """A record from a row given as nested dicts: it and its nested structs read as DynamicRecords."""
    return DynamicRecord({k: _create_dynamic_record(v) if type(v) is dict else v for k, v in record.items()})


def _revert_to_dict(value):
    """Plain dicts and lists again, for pickling back to the JVM."""
    if isinstance(value, dict):
        return {k: _revert_to_dict(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_revert_to_dict(v) for v in value]
    return value
