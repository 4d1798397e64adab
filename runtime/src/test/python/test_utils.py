"""getResolvedOptions against Glue's rules: aws-glue-libs' getResolvedOptions (main, Glue 6.0), its README on
abbreviations, Glue's guide "Accessing parameters using getResolvedOptions", aws-glue-libs issue #22."""

import argparse
import contextlib
import io
import unittest

from awsglue import utils
from awsglue.utils import GlueArgumentError, getResolvedOptions

# What Glue's result holds when only --JOB_NAME was asked for and passed, keys in Glue's order.
GLUE_OWN_DEFAULTS = {
    "job_bookmark_option": "job-bookmark-disable",
    "job_bookmark_from": None,
    "job_bookmark_to": None,
    "JOB_ID": None,
    "JOB_RUN_ID": None,
    "SECURITY_CONFIGURATION": None,
    "encryption_type": None,
    "enable_data_lineage": None,
    "RedshiftTempDir": None,
    "TempDir": None,
}


def resolve(*argv, options=("JOB_NAME",), **kw):
    return getResolvedOptions(["script.py", *argv], list(options), **kw)


class RequestedArguments(unittest.TestCase):
    def test_requested_names_come_back_with_glues_own_arguments_in_glues_key_order(self):
        args = resolve("--JOB_NAME", "j", "--other", "x")
        self.assertEqual(dict(GLUE_OWN_DEFAULTS, JOB_NAME="j"), args)
        self.assertEqual(list(GLUE_OWN_DEFAULTS) + ["JOB_NAME"], list(args))

    def test_the_guides_example_reads_every_requested_argument(self):
        names = ["JOB_NAME", "day_partition_key", "hour_partition_key", "day_partition_value",
                 "hour_partition_value"]
        args = resolve("--day_partition_key", "partition_0", "--hour_partition_key", "partition_1",
                       "--day_partition_value", "2024-01-02", "--hour_partition_value", "07",
                       "--JOB_NAME", "my_test_Job", options=names)
        self.assertEqual("partition_0", args["day_partition_key"])
        self.assertEqual("2024-01-02", args["day_partition_value"])
        self.assertEqual("07", args["hour_partition_value"])
        self.assertEqual("my_test_Job", args["JOB_NAME"])

    def test_a_missing_requested_argument_fails_naming_it_as_argparse_does(self):
        with self.assertRaises(GlueArgumentError) as raised:
            resolve("--other", "x", options=["JOB_NAME", "day"])
        self.assertEqual("the following arguments are required: --JOB_NAME, --day", str(raised.exception))

    def test_the_first_element_is_the_script_and_never_parsed(self):
        with self.assertRaises(GlueArgumentError):
            getResolvedOptions(["--JOB_NAME", "j"], ["JOB_NAME"])
        self.assertEqual("j", getResolvedOptions(["--x", "--JOB_NAME", "j"], ["JOB_NAME"])["JOB_NAME"])

    def test_unknown_arguments_and_stray_values_are_ignored(self):
        args = resolve("stray", "--JOB_NAME", "j", "--unknown", "u", "--flag", "--conf", "spark.x=1")
        self.assertEqual(dict(GLUE_OWN_DEFAULTS, JOB_NAME="j"), args)

    def test_a_hyphenated_name_is_keyed_with_underscores(self):
        args = resolve("--database-name", "sales", options=["database-name"])
        self.assertEqual("sales", args["database_name"])
        self.assertNotIn("database-name", args)

    def test_name_equals_value_form_and_values_holding_equals_signs(self):
        args = resolve("--JOB_NAME=j", "--conf=spark.a=1", "--empty=", options=["JOB_NAME", "conf", "empty"])
        self.assertEqual(("j", "spark.a=1", ""), (args["JOB_NAME"], args["conf"], args["empty"]))

    def test_a_value_starting_with_two_hyphens_needs_the_equals_form(self):
        with self.assertRaises(GlueArgumentError) as raised:
            resolve("--JOB_NAME", "j", "--key", "--value", options=["JOB_NAME", "key"])
        self.assertEqual("argument --key: expected one argument", str(raised.exception))
        self.assertEqual("--value", resolve("--key=--value", options=["key"])["key"])

    def test_a_negative_number_is_a_value(self):
        self.assertEqual("-5", resolve("--offset", "-5", options=["offset"])["offset"])

    def test_an_empty_value_is_kept(self):
        self.assertEqual("", resolve("--JOB_NAME", "")["JOB_NAME"])

    def test_a_repeated_argument_keeps_its_last_value(self):
        self.assertEqual("second", resolve("--JOB_NAME", "first", "--JOB_NAME", "second")["JOB_NAME"])

    def test_names_are_case_sensitive(self):
        with self.assertRaises(GlueArgumentError):
            resolve("--job_name", "j")

    def test_a_name_asked_twice_is_refused_by_argparse(self):
        with self.assertRaises(argparse.ArgumentError) as raised:
            resolve("--JOB_NAME", "j", options=["JOB_NAME", "JOB_NAME"])
        self.assertIn("--JOB_NAME", str(raised.exception))


class Abbreviations(unittest.TestCase):
    """Glue 6.0 (README "Breaking change"): abbreviations are not accepted unless allow_abbrev=True."""

    def test_an_abbreviated_name_does_not_count_as_the_requested_one(self):
        with self.assertRaises(GlueArgumentError) as raised:
            resolve("--JOB_N", "j")
        self.assertIn("--JOB_NAME", str(raised.exception))

    def test_an_abbreviation_of_an_unrequested_name_is_ignored(self):
        self.assertIsNone(resolve("--JOB_NAME", "j", "--Temp", "s3://t/")["TempDir"])

    def test_allow_abbrev_brings_prefixes_back(self):
        self.assertEqual("j", resolve("--JOB_N", "j", allow_abbrev=True)["JOB_NAME"])
        with self.assertRaises(GlueArgumentError) as raised:
            resolve("--JOB", "j", allow_abbrev=True)
        self.assertIn("ambiguous option: --JOB", str(raised.exception))


class ReservedNames(unittest.TestCase):
    def test_asking_for_a_bookmark_argument_raises_runtime_error_naming_it(self):
        for name, shown in [("job-bookmark-option", "job-bookmark-option"),
                            ("continuation-option", "continuation-option"),
                            ("job-bookmark-from", "--job-bookmark-from"),
                            ("job-bookmark-to", "--job-bookmark-to")]:
            with self.subTest(name), self.assertRaises(RuntimeError) as raised:
                resolve("--JOB_NAME", "j", options=["JOB_NAME", name])
            self.assertEqual("Using reserved arguments " + shown, str(raised.exception))

    def test_asking_for_a_run_id_or_encryption_or_lineage_raises_naming_it(self):
        # Glue's checks miss these (issue #22) and argparse then refuses the second --NAME with an ArgumentError;
        # the error here is both that and a RuntimeError.
        for name in ["JOB_ID", "JOB_RUN_ID", "SECURITY_CONFIGURATION", "encryption-type", "enable-data-lineage"]:
            with self.subTest(name), self.assertRaises(RuntimeError) as raised:
                resolve("--JOB_NAME", "j", "--" + name, "x", options=["JOB_NAME", name])
            self.assertIsInstance(raised.exception, argparse.ArgumentError)
            self.assertEqual("Using reserved arguments --" + name, str(raised.exception))

    def test_the_bookmark_names_are_checked_before_the_others(self):
        with self.assertRaises(RuntimeError) as raised:
            resolve(options=["JOB_RUN_ID", "job-bookmark-to"])
        self.assertEqual("Using reserved arguments --job-bookmark-to", str(raised.exception))

    def test_job_name_is_not_reserved_and_not_always_accepted(self):
        self.assertNotIn("JOB_NAME", resolve("--JOB_NAME", "j", options=[]))

    def test_reserved_arguments_passed_come_back_without_being_asked_for(self):
        args = resolve("--JOB_NAME", "j", "--JOB_ID", "id", "--JOB_RUN_ID", "jr_1", "--SECURITY_CONFIGURATION",
                       "sc", "--encryption-type", "sse-s3", "--enable-data-lineage", "true")
        self.assertEqual(("id", "jr_1", "sc", "sse-s3", "true"),
                         (args["JOB_ID"], args["JOB_RUN_ID"], args["SECURITY_CONFIGURATION"],
                          args["encryption_type"], args["enable_data_lineage"]))

    def test_encryption_type_takes_only_sse_s3(self):
        with self.assertRaises(GlueArgumentError) as raised:
            resolve("--JOB_NAME", "j", "--encryption-type", "sse-kms")
        self.assertIn("argument --encryption-type: invalid choice: 'sse-kms'", str(raised.exception))


class TempDir(unittest.TestCase):
    def test_temp_dir_fills_redshift_temp_dir(self):
        args = resolve("--JOB_NAME", "j", "--TempDir", "s3://b/tmp/")
        self.assertEqual(("s3://b/tmp/", "s3://b/tmp/"), (args["TempDir"], args["RedshiftTempDir"]))

    def test_redshift_temp_dir_fills_temp_dir(self):
        args = resolve("--JOB_NAME", "j", "--RedshiftTempDir", "s3://b/rs/")
        self.assertEqual(("s3://b/rs/", "s3://b/rs/"), (args["TempDir"], args["RedshiftTempDir"]))

    def test_temp_dir_wins_when_both_are_given(self):
        args = resolve("--RedshiftTempDir", "s3://b/rs/", "--JOB_NAME", "j", "--TempDir", "s3://b/tmp/")
        self.assertEqual(("s3://b/tmp/", "s3://b/tmp/"), (args["TempDir"], args["RedshiftTempDir"]))

    def test_asking_for_temp_dir_does_not_make_it_required(self):
        args = resolve("--JOB_NAME", "j", options=["JOB_NAME", "TempDir", "RedshiftTempDir"])
        self.assertEqual(dict(GLUE_OWN_DEFAULTS, JOB_NAME="j"), args)

    def test_last_resolved_arguments_are_kept_for_relationalize(self):
        resolve("--JOB_NAME", "j", "--TempDir", "s3://b/last/")
        self.assertEqual("s3://b/last/", utils._global_args["TempDir"])


class BookmarkOption(unittest.TestCase):
    def test_defaults_to_disabled(self):
        self.assertEqual("job-bookmark-disable", resolve("--JOB_NAME", "j")["job_bookmark_option"])

    def test_each_mode_is_passed_through(self):
        for mode in ["job-bookmark-enable", "job-bookmark-disable"]:
            with self.subTest(mode):
                self.assertEqual(mode, resolve("--JOB_NAME", "j", "--job-bookmark-option", mode)["job_bookmark_option"])

    def test_an_unknown_mode_fails_naming_the_argument(self):
        with self.assertRaises(GlueArgumentError) as raised:
            resolve("--JOB_NAME", "j", "--job-bookmark-option", "job-bookmark-on")
        self.assertIn("argument --job-bookmark-option: invalid choice: 'job-bookmark-on'", str(raised.exception))

    def test_legacy_continuation_option_is_translated_and_not_returned(self):
        for legacy, mode in [("continuation-enabled", "job-bookmark-enable"),
                             ("continuation-readonly", "job-bookmark-pause"),
                             ("continuation-ignore", "job-bookmark-disable")]:
            with self.subTest(legacy):
                args = resolve("--JOB_NAME", "j", "--continuation-option", legacy)
                self.assertEqual(mode, args["job_bookmark_option"])
                self.assertNotIn("continuation_option", args)

    def test_bookmark_option_wins_over_the_legacy_one(self):
        args = resolve("--continuation-option", "continuation-enabled", "--job-bookmark-option",
                       "job-bookmark-disable", "--JOB_NAME", "j")
        self.assertEqual("job-bookmark-disable", args["job_bookmark_option"])

    def test_pause_takes_a_range(self):
        args = resolve("--JOB_NAME", "j", "--job-bookmark-option", "job-bookmark-pause",
                       "--job-bookmark-from", "jr_1", "--job-bookmark-to", "jr_2")
        self.assertEqual(("job-bookmark-pause", "jr_1", "jr_2"),
                         (args["job_bookmark_option"], args["job_bookmark_from"], args["job_bookmark_to"]))

    def test_pause_takes_no_range_at_all(self):
        self.assertIsNone(resolve("--JOB_NAME", "j", "--job-bookmark-option", "job-bookmark-pause")["job_bookmark_to"])

    def test_pause_with_half_a_range_names_the_missing_end(self):
        with self.assertRaises(RuntimeError) as raised:
            resolve("--JOB_NAME", "j", "--job-bookmark-option", "job-bookmark-pause", "--job-bookmark-from", "jr_1")
        self.assertEqual("Missing option or value for --job-bookmark-to", str(raised.exception))
        with self.assertRaises(RuntimeError) as raised:
            resolve("--JOB_NAME", "j", "--continuation-option", "continuation-readonly", "--job-bookmark-to", "jr_2")
        self.assertEqual("Missing option or value for --job-bookmark-from", str(raised.exception))

    def test_a_full_range_without_pause_is_refused(self):
        with self.assertRaises(RuntimeError) as raised:
            resolve("--JOB_NAME", "j", "--job-bookmark-from", "jr_1", "--job-bookmark-to", "jr_2")
        self.assertIn("--job-bookmark-from --job-bookmark-to", str(raised.exception))

    def test_half_a_range_without_pause_is_accepted(self):
        self.assertEqual("jr_1", resolve("--JOB_NAME", "j", "--job-bookmark-from", "jr_1")["job_bookmark_from"])


class Help(unittest.TestCase):
    def test_help_prints_usage_and_exits_successfully_as_argparse_does_in_glue(self):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), self.assertRaises(SystemExit) as raised:
            resolve("--help")
        self.assertEqual(0, raised.exception.code)
        self.assertIn("--JOB_NAME JOB_NAME", out.getvalue())


if __name__ == "__main__":
    unittest.main()
