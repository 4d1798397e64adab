"""A Glue script's job arguments: ``getResolvedOptions`` and the errors it raises.

Glue starts a script with the run's arguments as ``--name value`` pairs plus its own (bookmark option, run
ids, temporary directory). ``getResolvedOptions`` reads them with ``argparse`` under Glue's rules, so a script
gets the same dict, the same defaults and the same errors on Mortar as on Glue: every name asked for is a
required ``--name``; arguments nobody asked for are ignored; Glue's own arguments are always accepted and
always in the result; asking for one of them is refused.
"""

import argparse

# The result of the last getResolvedOptions call, as in Glue: Relationalize takes its staging path from the
# TempDir found here when the script gives none.
_global_args = {}

BOOKMARK_OPTION = "job-bookmark-option"
# In the order the legacy continuation option's values map onto them (enabled, readonly, ignore).
BOOKMARK_CHOICES = ("job-bookmark-enable", "job-bookmark-pause", "job-bookmark-disable")
BOOKMARK_DEFAULT = "job-bookmark-disable"
CONTINUATION_OPTION = "continuation-option"
CONTINUATION_CHOICES = ("continuation-enabled", "continuation-readonly", "continuation-ignore")
BOOKMARK_RANGE = ("job-bookmark-from", "job-bookmark-to")
RUN_IDS = ("JOB_ID", "JOB_RUN_ID", "SECURITY_CONFIGURATION")
ENCRYPTION_TYPE = "encryption-type"
ENCRYPTION_CHOICES = ("sse-s3",)
DATA_LINEAGE = "enable-data-lineage"
TEMP_DIRS = ("RedshiftTempDir", "TempDir")


class GlueArgumentError(Exception):
    """The arguments break argparse's rules: a required one missing, a value outside the choices, an option
    without its value. The message is argparse's own (``the following arguments are required: --JOB_NAME``)."""


class ReservedArgumentError(RuntimeError, argparse.ArgumentError):
    """A script asked for one of the arguments Glue itself passes.

    Glue raises RuntimeError for the bookmark names and, by a slip in its checks, argparse's ArgumentError
    ("conflicting option string") for the run ids, encryption type and data lineage; this is both, so code
    written against either catches it, and its message always names the argument.
    """

    def __init__(self, name):
        message = "Using reserved arguments " + name
        RuntimeError.__init__(self, message)
        # What argparse.ArgumentError's str() reads: the message alone.
        self.argument_name = None
        self.message = message


class GlueArgumentParser(argparse.ArgumentParser):
    """argparse would print usage and exit the interpreter; Glue surfaces the message as an exception."""

    def error(self, message):
        raise GlueArgumentError(message)


def getResolvedOptions(args, options, allow_abbrev=False):
    """The values of ``options`` (names without ``--``) found in ``args`` (``sys.argv``: the script's path,
    then its arguments), with Glue's own arguments, keyed by argparse's names (``--database-name`` becomes
    ``database_name``). Abbreviated names are not accepted unless ``allow_abbrev`` (Glue 6.0's default)."""
    _refuse_reserved(options)
    parser = GlueArgumentParser(allow_abbrev=allow_abbrev)
    # Added in Glue's order, which is the order of the result's keys.
    parser.add_argument("--" + BOOKMARK_OPTION, choices=BOOKMARK_CHOICES)
    parser.add_argument("--" + CONTINUATION_OPTION, choices=CONTINUATION_CHOICES)
    for name in BOOKMARK_RANGE + RUN_IDS:
        parser.add_argument("--" + name)
    parser.add_argument("--" + ENCRYPTION_TYPE, choices=ENCRYPTION_CHOICES)
    parser.add_argument("--" + DATA_LINEAGE)
    for name in TEMP_DIRS:
        parser.add_argument("--" + name)
    # A temporary directory asked for is never required: Glue passes it only when the job has one.
    for name in options:
        if name not in TEMP_DIRS:
            parser.add_argument("--" + name, required=True)

    parsed, _ignored = parser.parse_known_args(args[1:])
    resolved = vars(parsed)
    _alias_temp_dirs(resolved)
    _resolve_bookmark_option(resolved)
    _check_bookmark_range(resolved)
    _global_args.update(resolved)
    return resolved


def _refuse_reserved(options):
    # Glue checks the bookmark names first, in this order, then meets the others as it adds the names asked for.
    for name in (CONTINUATION_OPTION, BOOKMARK_OPTION):
        if name in options:
            raise ReservedArgumentError(name)
    for name in BOOKMARK_RANGE:
        if name in options:
            raise ReservedArgumentError("--" + name)
    for name in options:
        if name in RUN_IDS + (ENCRYPTION_TYPE, DATA_LINEAGE):
            raise ReservedArgumentError("--" + name)


def _alias_temp_dirs(resolved):
    """TempDir is the current name of RedshiftTempDir: whichever was given fills both, TempDir winning."""
    if resolved["TempDir"] is not None:
        resolved["RedshiftTempDir"] = resolved["TempDir"]
    elif resolved["RedshiftTempDir"] is not None:
        resolved["TempDir"] = resolved["RedshiftTempDir"]


def _resolve_bookmark_option(resolved):
    """--job-bookmark-option wins; else the legacy --continuation-option, translated; else disabled. The legacy
    name never reaches the result."""
    continuation = resolved.pop(CONTINUATION_OPTION.replace("-", "_"))
    key = BOOKMARK_OPTION.replace("-", "_")
    if resolved[key] is None:
        if continuation is None:
            resolved[key] = BOOKMARK_DEFAULT
        else:
            resolved[key] = BOOKMARK_CHOICES[CONTINUATION_CHOICES.index(continuation)]


def _check_bookmark_range(resolved):
    """A paused bookmark replays a range: it takes both ends or neither; other modes take no range at all."""
    absent = ["--" + name for name in BOOKMARK_RANGE if resolved[name.replace("-", "_")] is None]
    if resolved[BOOKMARK_OPTION.replace("-", "_")] == "job-bookmark-pause":
        if len(absent) == 1:
            raise RuntimeError("Missing option or value for " + absent[0])
    elif not absent:
        raise RuntimeError("Invalid option(s) " + " ".join("--" + name for name in BOOKMARK_RANGE)
                           + " for " + resolved[BOOKMARK_OPTION.replace("-", "_")])
