#!/usr/bin/env python3
"""A full Data Catalog cycle through boto3's Glue client, with assertions.

Runs against any Glue endpoint (Mortar in the tests):

    python3 glue_cycle.py --endpoint http://127.0.0.1:8095 [--prefix boto]

Creates a database and a partitioned table, batch-creates partitions, queries them with Expressions and through
the paginator, updates the table (checking VersionId and archived versions), exercises the errors a boto3 user
catches (client.exceptions.EntityNotFoundException and friends), then deletes everything and checks it is gone.
Progress goes to stderr; the last line on stdout is a JSON summary {"ok": true, "steps": [...]}. Any failed
expectation raises, so the exit status is non-zero with the traceback on stderr.
"""

import argparse
import datetime
import itertools
import json
import sys

import boto3
import botocore.config

STEPS = []


def step(name):
    STEPS.append(name)
    print("step: " + name, file=sys.stderr, flush=True)


def expect(condition, message, *details):
    if not condition:
        raise AssertionError(message + "".join("\n  " + repr(d) for d in details))


def expect_equal(actual, expected, what):
    expect(actual == expected, "%s: expected %r, got %r" % (what, expected, actual))


def expect_error(call, exception_class, code, mentions=(), **kwargs):
    """Calls, expecting the modelled exception class boto3 users catch, its error code, HTTP 400 and a message."""
    try:
        call(**kwargs)
    except exception_class as e:
        error = e.response["Error"]
        expect_equal(error["Code"], code, "error code of %s" % call.__name__)
        expect_equal(e.response["ResponseMetadata"]["HTTPStatusCode"], 400, "HTTP status of %s" % code)
        message = error.get("Message") or ""
        expect(message, "%s carries no message" % code, e.response)
        for word in mentions:
            expect(word.lower() in message.lower(), "%s message %r does not mention %r" % (code, message, word))
        return e
    raise AssertionError("%s(%r) succeeded; expected %s" % (call.__name__, kwargs, code))


def client(endpoint):
    return boto3.client(
        "glue",
        endpoint_url=endpoint,
        region_name="us-east-1",
        # keys from the environment or AWS_SHARED_CREDENTIALS_FILE, as a user's script gets them
        # The test must see the server's first answer: no retries hiding a failure.
        config=botocore.config.Config(retries={"total_max_attempts": 1}, connect_timeout=5, read_timeout=30),
    )


def columns(*pairs):
    return [{"Name": n, "Type": t} for n, t in pairs]


def storage(location, cols):
    return {
        "Columns": cols,
        "Location": location,
        "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
        "OutputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
        "SerdeInfo": {"SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                      "Parameters": {"serialization.format": "1"}},
    }


def partition_values(partitions):
    return sorted(tuple(p["Values"]) for p in partitions)


def run(endpoint, prefix):
    glue = client(endpoint)
    db = prefix + "_Cycle_DB"  # mixed case: Glue folds names to lower case
    db_name = db.lower()
    table = "orders"
    location = "s3://lake/%s/orders/" % db_name
    data_columns = columns(("id", "bigint"), ("amount", "decimal(10,2)"), ("note", "string"))

    # ------------------------------------------------------------------ database
    step("create_database")
    glue.create_database(DatabaseInput={"Name": db, "Description": "boto3 cycle", "LocationUri": "s3://lake/" + db_name,
                                        "Parameters": {"owner": "boto3"}})
    database = glue.get_database(Name=db_name)["Database"]
    expect_equal(database["Name"], db_name, "database name (lower-cased)")
    expect_equal(database["Description"], "boto3 cycle", "database description")
    expect_equal(database["Parameters"], {"owner": "boto3"}, "database parameters")
    expect(isinstance(database["CreateTime"], datetime.datetime), "CreateTime is not a timestamp", database)
    # the mixed-case name finds the same database
    expect_equal(glue.get_database(Name=db)["Database"]["Name"], db_name, "database looked up by mixed-case name")

    step("create_database_duplicate")
    expect_error(glue.create_database, glue.exceptions.AlreadyExistsException, "AlreadyExistsException",
                 DatabaseInput={"Name": db_name})

    step("get_databases_paginator")
    names = [d["Name"] for page in glue.get_paginator("get_databases").paginate(PaginationConfig={"PageSize": 1})
             for d in page["DatabaseList"]]
    expect(db_name in names, "get_databases does not list " + db_name, names)
    expect_equal(len(names), len(set(names)), "databases listed once each")

    # ------------------------------------------------------------------ table
    step("create_table")
    glue.create_table(DatabaseName=db_name, TableInput={
        "Name": table,
        "Description": "version one",
        "TableType": "EXTERNAL_TABLE",
        "StorageDescriptor": storage(location, data_columns),
        "PartitionKeys": columns(("year", "int"), ("month", "int"), ("region", "string")),
        "Parameters": {"classification": "parquet"},
    })
    expect_error(glue.create_table, glue.exceptions.AlreadyExistsException, "AlreadyExistsException",
                 DatabaseName=db_name, TableInput={"Name": table})
    expect_error(glue.create_table, glue.exceptions.EntityNotFoundException, "EntityNotFoundException",
                 mentions=["no_such_db"], DatabaseName="no_such_db", TableInput={"Name": "t"})

    step("get_table")
    got = glue.get_table(DatabaseName=db_name, Name=table)["Table"]
    expect_equal(got["Name"], table, "table name")
    expect_equal(got["DatabaseName"], db_name, "table database")
    expect_equal(got["Description"], "version one", "table description")
    expect_equal(got["TableType"], "EXTERNAL_TABLE", "table type")
    expect_equal(got["StorageDescriptor"]["Columns"], data_columns, "table columns")
    expect_equal(got["StorageDescriptor"]["Location"], location, "table location")
    expect_equal(got["StorageDescriptor"]["SerdeInfo"]["Parameters"], {"serialization.format": "1"}, "serde params")
    expect_equal([k["Name"] for k in got["PartitionKeys"]], ["year", "month", "region"], "partition keys")
    expect_equal(got["Parameters"], {"classification": "parquet"}, "table parameters")
    expect(isinstance(got["CreateTime"], datetime.datetime), "table CreateTime is not a timestamp", got)
    first_version = int(got["VersionId"])

    step("get_tables_expression")
    glue.create_table(DatabaseName=db_name, TableInput={"Name": "customers",
                                                        "StorageDescriptor": storage("s3://lake/c/", columns(("id", "bigint")))})
    listed = [t["Name"] for t in glue.get_tables(DatabaseName=db_name, Expression="ord*")["TableList"]]
    expect_equal(listed, [table], "get_tables with Expression 'ord*'")
    everything = [t["Name"] for page in glue.get_paginator("get_tables").paginate(
        DatabaseName=db_name, PaginationConfig={"PageSize": 1}) for t in page["TableList"]]
    expect_equal(sorted(everything), ["customers", table], "get_tables paginated one per page")

    # ------------------------------------------------------------------ partitions
    step("batch_create_partition")
    # month is an int key: '9' < '10' numerically but not as text, so Expressions prove typed comparison.
    created = [(str(y), str(m), r) for y, m, r in itertools.product((2024, 2025), (1, 9, 10, 12), ("eu", "us"))]
    inputs = [{"Values": list(v),
               "StorageDescriptor": storage(location + "year=%s/month=%s/region=%s/" % v, data_columns),
               "Parameters": {"rows": str(i)}} for i, v in enumerate(created)]
    response = glue.batch_create_partition(DatabaseName=db_name, TableName=table, PartitionInputList=inputs)
    expect_equal(response.get("Errors", []), [], "batch_create_partition errors")

    step("batch_create_partition_duplicate")
    fresh = ("2026", "1", "eu")
    response = glue.batch_create_partition(DatabaseName=db_name, TableName=table, PartitionInputList=[
        inputs[0], {"Values": list(fresh), "StorageDescriptor": storage(location + "fresh/", data_columns)}])
    errors = response.get("Errors", [])
    expect_equal([e["PartitionValues"] for e in errors], [list(created[0])], "per-item errors of a duplicate")
    expect_equal(errors[0]["ErrorDetail"]["ErrorCode"], "AlreadyExistsException", "per-item error code")
    created.append(fresh)

    step("get_partition")
    one = glue.get_partition(DatabaseName=db_name, TableName=table, PartitionValues=["2025", "9", "us"])["Partition"]
    expect_equal(one["Values"], ["2025", "9", "us"], "partition values")
    expect_equal(one["StorageDescriptor"]["Location"], location + "year=2025/month=9/region=us/", "partition location")
    expect_equal(one["Parameters"], {"rows": str(created.index(("2025", "9", "us")))}, "partition parameters")
    expect_equal(one["DatabaseName"], db_name, "partition database")
    expect_equal(one["TableName"], table, "partition table")
    expect_error(glue.get_partition, glue.exceptions.EntityNotFoundException, "EntityNotFoundException",
                 DatabaseName=db_name, TableName=table, PartitionValues=["1999", "1", "eu"])

    step("get_partitions_expression")
    cases = {
        "year >= 2025 AND region IN ('us', 'ca')": lambda y, m, r: y >= 2025 and r in ("us", "ca"),
        "month >= 9": lambda y, m, r: m >= 9,  # numeric: 10 and 12 included
        "month BETWEEN 2 AND 10 AND NOT region = 'eu'": lambda y, m, r: 2 <= m <= 10 and r != "eu",
        "region LIKE 'e%' OR (year = 2026)": lambda y, m, r: r.startswith("e") or y == 2026,
        "year <> 2024 AND month < 10": lambda y, m, r: y != 2024 and m < 10,
    }
    for expression, predicate in cases.items():
        wanted = sorted(v for v in created if predicate(int(v[0]), int(v[1]), v[2]))
        got = partition_values(glue.get_partitions(DatabaseName=db_name, TableName=table,
                                                   Expression=expression)["Partitions"])
        expect_equal(got, wanted, "get_partitions(Expression=%r)" % expression)
    expect_error(glue.get_partitions, glue.exceptions.InvalidInputException, "InvalidInputException",
                 DatabaseName=db_name, TableName=table, Expression="no_such_key = 1")

    step("get_partitions_paginator")
    pages = list(glue.get_paginator("get_partitions").paginate(
        DatabaseName=db_name, TableName=table, PaginationConfig={"PageSize": 3}))
    every = [p for page in pages for p in page["Partitions"]]
    expect_equal(partition_values(every), sorted(created), "all partitions through the paginator")
    expect(len(pages) >= -(-len(created) // 3), "page size 3 not honoured: %d pages" % len(pages))
    expect(all(len(page["Partitions"]) <= 3 for page in pages), "a page holds more than 3 partitions")
    filtered = [tuple(p["Values"]) for page in glue.get_paginator("get_partitions").paginate(
        DatabaseName=db_name, TableName=table, Expression="year = 2024",
        PaginationConfig={"PageSize": 2}) for p in page["Partitions"]]
    expect_equal(sorted(filtered), sorted(v for v in created if v[0] == "2024"), "paginated Expression")

    step("get_partitions_segments")
    # parallel scans: the segments are disjoint and together hold every partition
    segments = [partition_values(p for page in glue.get_paginator("get_partitions").paginate(
        DatabaseName=db_name, TableName=table, Segment={"SegmentNumber": n, "TotalSegments": 3})
        for p in page["Partitions"]) for n in range(3)]
    expect_equal(sorted(v for s in segments for v in s), sorted(created), "union of 3 segments")
    lean = glue.get_partitions(DatabaseName=db_name, TableName=table, ExcludeColumnSchema=True,
                               Expression="year = 2026")["Partitions"]
    expect_equal(partition_values(lean), [fresh], "ExcludeColumnSchema query")
    expect("Columns" not in lean[0]["StorageDescriptor"] or not lean[0]["StorageDescriptor"]["Columns"],
           "ExcludeColumnSchema still returned columns", lean[0])

    step("batch_get_partition")
    wanted = [("2024", "9", "eu"), ("2025", "12", "us"), ("1999", "1", "eu")]  # the last one does not exist
    response = glue.batch_get_partition(DatabaseName=db_name, TableName=table,
                                        PartitionsToGet=[{"Values": list(v)} for v in wanted])
    expect_equal(partition_values(response["Partitions"]), sorted(wanted[:2]), "batch_get_partition found")

    step("update_partition")
    target = ["2024", "12", "us"]
    glue.update_partition(DatabaseName=db_name, TableName=table, PartitionValueList=target, PartitionInput={
        "Values": target, "StorageDescriptor": storage("s3://elsewhere/moved/", data_columns),
        "Parameters": {"moved": "true"}})
    moved = glue.get_partition(DatabaseName=db_name, TableName=table, PartitionValues=target)["Partition"]
    expect_equal(moved["StorageDescriptor"]["Location"], "s3://elsewhere/moved/", "updated partition location")
    expect_equal(moved["Parameters"], {"moved": "true"}, "updated partition parameters (full replacement)")

    step("batch_delete_partition")
    doomed = [("2024", "1", "eu"), ("2025", "1", "eu")]
    response = glue.batch_delete_partition(DatabaseName=db_name, TableName=table,
                                           PartitionsToDelete=[{"Values": list(v)} for v in doomed])
    expect_equal(response.get("Errors", []), [], "batch_delete_partition errors")
    for v in doomed:
        created.remove(v)
    remaining = partition_values(glue.get_partitions(DatabaseName=db_name, TableName=table)["Partitions"])
    expect_equal(remaining, sorted(created), "partitions after batch delete")

    # ------------------------------------------------------------------ table versions
    step("update_table_with_version")
    current = glue.get_table(DatabaseName=db_name, Name=table)["Table"]
    version = current["VersionId"]
    new_columns = data_columns + columns(("discount", "double"))
    updated_input = {
        "Name": table, "Description": "version two", "TableType": "EXTERNAL_TABLE",
        "StorageDescriptor": storage(location, new_columns),
        "PartitionKeys": current["PartitionKeys"],
        "Parameters": {"classification": "parquet", "revision": "2"},
    }
    glue.update_table(DatabaseName=db_name, TableInput=updated_input, VersionId=version)
    after = glue.get_table(DatabaseName=db_name, Name=table)["Table"]
    expect_equal(after["Description"], "version two", "description after update")
    expect_equal(after["StorageDescriptor"]["Columns"], new_columns, "columns after update")
    expect_equal(after["Parameters"], {"classification": "parquet", "revision": "2"}, "parameters after update")
    expect(int(after["VersionId"]) > int(version) >= first_version,
           "VersionId did not advance: %s -> %s" % (version, after["VersionId"]))
    # the partitions survive a table update that keeps the partition keys
    expect_equal(len(glue.get_partitions(DatabaseName=db_name, TableName=table)["Partitions"]), len(created),
                 "partitions after update_table")

    step("update_table_stale_version")
    expect_error(glue.update_table, glue.exceptions.ConcurrentModificationException, "ConcurrentModificationException",
                 DatabaseName=db_name, TableInput=dict(updated_input, Description="lost update"), VersionId=version)
    expect_equal(glue.get_table(DatabaseName=db_name, Name=table)["Table"]["Description"], "version two",
                 "description after a rejected stale update")

    step("get_table_versions")
    versions = {v["VersionId"]: v["Table"] for page in glue.get_paginator("get_table_versions").paginate(
        DatabaseName=db_name, TableName=table) for v in page["TableVersions"]}
    expect(version in versions, "the archived version %s is not listed" % version, sorted(versions))
    expect_equal(versions[version]["Description"], "version one", "archived definition")
    expect_equal(versions[after["VersionId"]]["Description"], "version two", "current version in the listing")
    archived = glue.get_table_version(DatabaseName=db_name, TableName=table, VersionId=version)["TableVersion"]
    expect_equal(archived["Table"]["StorageDescriptor"]["Columns"], data_columns, "get_table_version columns")

    step("update_table_skip_archive")
    glue.update_table(DatabaseName=db_name, TableInput=dict(updated_input, Description="version three"),
                      VersionId=after["VersionId"], SkipArchive=True)
    latest = glue.get_table(DatabaseName=db_name, Name=table)["Table"]
    expect_equal(latest["Description"], "version three", "description after SkipArchive update")
    expect(int(latest["VersionId"]) > int(after["VersionId"]), "VersionId did not advance on SkipArchive update")
    listed_after = {v["VersionId"] for v in glue.get_table_versions(DatabaseName=db_name, TableName=table)["TableVersions"]}
    expect(after["VersionId"] not in listed_after,
           "SkipArchive archived version %s anyway" % after["VersionId"], sorted(listed_after))

    # ------------------------------------------------------------------ deletion
    step("delete_table")
    glue.delete_table(DatabaseName=db_name, Name=table)
    expect_error(glue.get_table, glue.exceptions.EntityNotFoundException, "EntityNotFoundException",
                 mentions=[table], DatabaseName=db_name, Name=table)
    expect_error(glue.get_partitions, glue.exceptions.EntityNotFoundException, "EntityNotFoundException",
                 DatabaseName=db_name, TableName=table)
    expect_error(glue.delete_table, glue.exceptions.EntityNotFoundException, "EntityNotFoundException",
                 DatabaseName=db_name, Name=table)
    expect_equal([t["Name"] for t in glue.get_tables(DatabaseName=db_name)["TableList"]], ["customers"],
                 "tables after delete")

    step("delete_database")
    glue.delete_database(Name=db_name)
    expect_error(glue.get_database, glue.exceptions.EntityNotFoundException, "EntityNotFoundException",
                 mentions=[db_name], Name=db_name)
    expect_error(glue.get_table, glue.exceptions.EntityNotFoundException, "EntityNotFoundException",
                 DatabaseName=db_name, Name="customers")
    names = [d["Name"] for page in glue.get_paginator("get_databases").paginate() for d in page["DatabaseList"]]
    expect(db_name not in names, "deleted database still listed", names)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True, help="Glue endpoint URL, e.g. http://127.0.0.1:8095")
    parser.add_argument("--prefix", default="boto", help="prefix of the database this run creates")
    args = parser.parse_args()
    run(args.endpoint, args.prefix)
    print(json.dumps({"ok": True, "boto3": boto3.__version__, "steps": STEPS}))


if __name__ == "__main__":
    main()
