"""awsglue.gluetypes: Glue's type tree, its names, equality, repr, and the schema JSON dialect both ways."""

import copy
import json
import pickle
import unittest

from awsglue import gluetypes
from awsglue.gluetypes import (ArrayType, BinaryType, BooleanType, ByteType, ChoiceType, DataType, DateType,
                               DecimalType, DoubleType, DynamicRecord, EnumType, Field, FloatType, IntegerType,
                               LongType, MapType, NullType, SetType, ShortType, StringType, StructType,
                               TimestampNTZType, TimestampType, UnknownType, mergeDataTypes)


class TypeNames(unittest.TestCase):
    def test_names_are_the_class_without_type_lower_case_except_int(self):
        expected = {IntegerType: "int", LongType: "long", StringType: "string", BooleanType: "boolean",
                    DoubleType: "double", FloatType: "float", ShortType: "short", ByteType: "byte",
                    DecimalType: "decimal", DateType: "date", TimestampType: "timestamp",
                    TimestampNTZType: "timestampntz", BinaryType: "binary", NullType: "null",
                    UnknownType: "unknown", ArrayType: "array", MapType: "map", SetType: "set",
                    ChoiceType: "choice", StructType: "struct", EnumType: "enum"}
        for type_class, name in expected.items():
            with self.subTest(name):
                self.assertEqual(name, type_class.typeName())
                self.assertTrue(issubclass(type_class, DataType))

    def test_a_set_is_not_an_array(self):
        self.assertNotIsInstance(SetType(), ArrayType)
        self.assertNotEqual(SetType(IntegerType()), ArrayType(IntegerType()))


class Equality(unittest.TestCase):
    def test_types_of_one_class_and_content_are_equal_and_hash_alike(self):
        self.assertEqual(IntegerType(), IntegerType())
        self.assertEqual(hash(IntegerType()), hash(IntegerType({})))
        self.assertEqual(DecimalType(5, 1), DecimalType(5, 1))
        self.assertEqual(ArrayType(StringType()), ArrayType(StringType()))
        self.assertEqual(StructType([Field("a", LongType())]), StructType([Field("a", LongType())]))

    def test_class_content_and_properties_all_count(self):
        self.assertNotEqual(IntegerType(), LongType())
        self.assertNotEqual(IntegerType(), IntegerType({"comment": "x"}))
        self.assertNotEqual(DecimalType(5, 1), DecimalType(5, 2))
        self.assertNotEqual(MapType(StringType()), MapType(IntegerType()))
        self.assertNotEqual(StructType([Field("a", LongType())]), StructType([Field("b", LongType())]))
        self.assertNotEqual(StructType([Field("a", LongType()), Field("b", LongType())]),
                            StructType([Field("b", LongType()), Field("a", LongType())]))
        self.assertNotEqual(IntegerType(), "int")

    def test_choices_are_equal_whatever_their_order(self):
        self.assertEqual(ChoiceType([IntegerType(), StringType()]), ChoiceType([StringType(), IntegerType()]))
        self.assertNotEqual(ChoiceType([IntegerType(), StringType()]), ChoiceType([IntegerType()]))

    def test_fields_compare_name_and_type_not_properties(self):
        self.assertEqual(Field("a", IntegerType(), {"x": 1}), Field("a", IntegerType()))
        self.assertNotEqual(Field("a", IntegerType()), Field("a", LongType()))


class Shapes(unittest.TestCase):
    def test_defaults(self):
        self.assertEqual((10, 2), (DecimalType().precision, DecimalType().scale))
        self.assertEqual(UnknownType(), ArrayType().elementType)
        self.assertEqual(UnknownType(), MapType().valueType)
        self.assertEqual({}, IntegerType().properties)

    def test_a_choice_holds_one_type_per_name(self):
        choice = ChoiceType([IntegerType(), StringType()])
        self.assertEqual({"int": IntegerType(), "string": StringType()}, choice.choices)
        with self.assertRaises(ValueError):
            choice.add(IntegerType())

    def test_a_struct_finds_its_fields_by_name(self):
        struct = StructType([Field("id", LongType())])
        struct.add(Field("name", StringType()))
        self.assertEqual(["id", "name"], [f.name for f in struct])
        self.assertTrue(struct.hasField("name"))
        self.assertTrue(struct.hasField(Field("id", IntegerType())))
        self.assertFalse(struct.hasField("missing"))
        self.assertEqual(StringType(), struct.getField("name").dataType)

    def test_empty_structs_share_no_field_list(self):
        first, second = StructType(), StructType()
        first.add(Field("a", IntegerType()))
        self.assertEqual([], second.fields)

    def test_children_must_be_types(self):
        for make in [lambda: ArrayType("int"), lambda: MapType(1), lambda: Field("a", "int"),
                     lambda: Field(1, IntegerType()), lambda: StructType(["a"])]:
            with self.assertRaises(TypeError):
                make()


class Repr(unittest.TestCase):
    def test_repr_is_glues(self):
        self.assertEqual("IntegerType({})", repr(IntegerType()))
        self.assertEqual("DecimalType(5, 1, {})", repr(DecimalType(5, 1)))
        self.assertEqual("ArrayType(StringType({}), {})", repr(ArrayType(StringType())))
        self.assertEqual("MapType(LongType({}), {})", repr(MapType(LongType())))
        self.assertEqual("ChoiceType([IntegerType({}),StringType({})], {})",
                         repr(ChoiceType([StringType(), IntegerType()])))
        self.assertEqual("StructType([Field(a, IntegerType({}), {}),Field(b, NullType({}), {})], {})",
                         repr(StructType([Field("a", IntegerType()), Field("b", NullType())])))
        self.assertEqual("EnumType([a,b,c,...], {})", repr(EnumType(["a", "b", "c", "d"])))
        self.assertEqual("StringType({'comment': 'c'})", repr(StringType({"comment": "c"})))


# A schema as the JVM writes it (GlueSchemaJson): one of every node.
JVM_SCHEMA = {
    "dataType": "struct", "properties": {}, "fields": [
        {"name": "id", "container": {"dataType": "long", "properties": {}}, "properties": {}},
        {"name": "price", "container": {"dataType": "choice", "properties": {}, "choices": [
            {"dataType": "int", "properties": {}}, {"dataType": "string", "properties": {}}]}, "properties": {}},
        {"name": "amount", "container": {"dataType": "decimal", "properties": {}, "precision": 12, "scale": 3},
         "properties": {}},
        {"name": "tags", "container": {"dataType": "array", "properties": {},
                                       "elementType": {"dataType": "string", "properties": {}}}, "properties": {}},
        {"name": "attrs", "container": {"dataType": "map", "properties": {},
                                        "valueType": {"dataType": "double", "properties": {}}}, "properties": {}},
        {"name": "address", "container": {"dataType": "struct", "properties": {}, "fields": [
            {"name": "city", "container": {"dataType": "string", "properties": {}}, "properties": {}}]},
         "properties": {}},
        {"name": "nothing", "container": {"dataType": "null", "properties": {}}, "properties": {}},
    ]}

JVM_SCHEMA_TYPE = StructType([
    Field("id", LongType()),
    Field("price", ChoiceType([IntegerType(), StringType()])),
    Field("amount", DecimalType(12, 3)),
    Field("tags", ArrayType(StringType())),
    Field("attrs", MapType(DoubleType())),
    Field("address", StructType([Field("city", StringType())])),
    Field("nothing", NullType()),
])


class SchemaJson(unittest.TestCase):
    def test_reads_every_node_of_the_dialect(self):
        self.assertEqual(JVM_SCHEMA_TYPE, gluetypes._deserialize_json_string(json.dumps(JVM_SCHEMA)))

    def test_writes_what_it_reads(self):
        self.assertEqual(JVM_SCHEMA, json.loads(gluetypes._serialize_schema(JVM_SCHEMA_TYPE)))

    def test_round_trips_every_type_with_properties(self):
        types = [BinaryType(), BooleanType(), ByteType(), DateType(), DoubleType(), FloatType(), IntegerType(),
                 LongType(), NullType(), ShortType(), StringType(), TimestampType(), TimestampNTZType(),
                 UnknownType(), DecimalType(38, 0), EnumType(["red", "green"]), SetType(DateType()),
                 ArrayType(ArrayType(IntegerType({"k": "v"}))), MapType(StructType([Field("x", ByteType())])),
                 ChoiceType([StructType([Field("a", IntegerType())]), ArrayType(LongType())], {"p": 1}),
                 StructType([Field("f", BooleanType(), {"comment": "flag"})], {"origin": "catalog"})]
        for data_type in types:
            with self.subTest(repr(data_type)):
                back = gluetypes._deserialize_json_string(gluetypes._serialize_schema(data_type))
                self.assertEqual(data_type, back)
                self.assertEqual(repr(data_type), repr(back))

    def test_properties_may_be_left_out(self):
        self.assertEqual(StructType([Field("a", IntegerType())]), gluetypes._deserialize_json_string(
            '{"dataType": "struct", "fields": [{"name": "a", "container": {"dataType": "int"}}]}'))
        self.assertEqual(DecimalType(10, 2), gluetypes._deserialize_json_string('{"dataType": "decimal"}'))

    def test_json_value_names_the_node(self):
        self.assertEqual({"dataType": "decimal", "properties": {}, "precision": 5, "scale": 1},
                         DecimalType(5, 1).jsonValue())
        self.assertEqual({"dataType": "enum", "properties": {}, "options": ["a"]}, EnumType(["a"]).jsonValue())
        self.assertEqual({"name": "a", "container": {"dataType": "int", "properties": {}}, "properties": {}},
                         Field("a", IntegerType()).jsonValue())

    def test_an_unknown_type_name_is_an_error_naming_it(self):
        with self.assertRaises(ValueError) as raised:
            gluetypes._deserialize_json_string('{"dataType": "interval", "properties": {}}')
        self.assertIn("interval", str(raised.exception))
        with self.assertRaises(ValueError):
            gluetypes._deserialize_json_string('["int"]')


class Merge(unittest.TestCase):
    def test_null_and_unknown_give_way(self):
        self.assertEqual(IntegerType(), mergeDataTypes(NullType(), IntegerType()))
        self.assertEqual(StringType(), mergeDataTypes(StringType(), UnknownType()))

    def test_different_types_become_a_choice_and_choices_grow(self):
        self.assertEqual(ChoiceType([IntegerType(), StringType()]), mergeDataTypes(IntegerType(), StringType()))
        self.assertEqual(ChoiceType([IntegerType(), StringType(), LongType()]),
                         mergeDataTypes(ChoiceType([IntegerType(), StringType()]), LongType()))

    def test_structs_merge_field_by_field_left_first(self):
        merged = mergeDataTypes(StructType([Field("a", IntegerType()), Field("b", StringType())]),
                                StructType([Field("c", LongType()), Field("a", StringType())]))
        self.assertEqual(StructType([Field("a", ChoiceType([IntegerType(), StringType()])),
                                     Field("b", StringType()), Field("c", LongType())]), merged)

    def test_arrays_and_maps_merge_their_elements(self):
        self.assertEqual(ArrayType(IntegerType()), mergeDataTypes(ArrayType(NullType()), ArrayType(IntegerType())))
        self.assertEqual(MapType(ChoiceType([IntegerType(), StringType()])),
                         mergeDataTypes(MapType(IntegerType()), MapType(StringType())))

    def test_choice_merge_merges_a_held_member(self):
        choice = ChoiceType([StructType([Field("a", IntegerType())])])
        choice.merge(StructType([Field("b", StringType())]))
        self.assertEqual(StructType([Field("a", IntegerType()), Field("b", StringType())]), choice.choices["struct"])


class Records(unittest.TestCase):
    def test_keys_read_and_write_as_attributes(self):
        record = gluetypes._create_dynamic_record({"id": 1, "address": {"city": "Oslo", "geo": {"lat": 59.9}}})
        self.assertEqual(1, record.id)
        self.assertEqual("Oslo", record.address.city)
        self.assertEqual(59.9, record.address.geo.lat)
        record.total = 3
        self.assertEqual(3, record["total"])

    def test_a_missing_key_is_a_key_error_as_filters_expect(self):
        with self.assertRaises(KeyError):
            DynamicRecord({}).missing

    def test_records_copy_pickle_and_revert_to_plain_dicts(self):
        record = gluetypes._create_dynamic_record({"a": {"b": [{"c": 1}]}})
        self.assertEqual(record, copy.deepcopy(record))
        self.assertEqual(record, pickle.loads(pickle.dumps(record)))
        plain = gluetypes._revert_to_dict(record)
        self.assertIs(dict, type(plain))
        self.assertIs(dict, type(plain["a"]))
        self.assertEqual({"a": {"b": [{"c": 1}]}}, plain)


if __name__ == "__main__":
    unittest.main()
