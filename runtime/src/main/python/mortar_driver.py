"""Runs a job's Python script for Mortar's driver: ``python -m mortar_driver SCRIPT ARG...``.

The script runs as ``__main__`` with ``sys.argv`` as Glue gives it (the script, then ``--name value`` pairs). When it
raises, the traceback goes to the run's log and a one-line description -- the exception's type and message and the
script's line that raised it -- to the file ``MORTAR_PYTHON_ERROR_FILE`` names, which the driver makes the run's
``ErrorMessage``. A Java exception that reached Python through py4j is described by the Java exception itself.
"""
import importlib.abc
import importlib.util
import json
import os
import runpy
import sys
import time
import traceback


def main():
    if len(sys.argv) < 2:
        sys.stderr.write("usage: python -m mortar_driver SCRIPT [ARG...]\n")
        return 2
    script = os.path.abspath(sys.argv[1])
    sys.argv = [script] + sys.argv[2:]
    sys.stderr.write("%s INFO mortar_driver: running %s with Python %s\n" % (
        time.strftime("%y/%m/%d %H:%M:%S"), os.path.basename(script), sys.version.split()[0]))
    _sign_glue_calls_with_the_run_credential()
    # as `python script.py` does: the script's own folder comes first on the path
    sys.path.insert(0, os.path.dirname(script))
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as exit_:
        if exit_.code is None or exit_.code == 0:
            return 0
        _report(script, exit_, "SystemExit: %s" % (exit_.code,))
        return exit_.code if isinstance(exit_.code, int) else 1
    except BaseException as error:  # noqa: B902 -- every failure of the script is the run's failure
        traceback.print_exc()
        _report(script, error, _describe(error))
        return 1
    return 0


def _sign_glue_calls_with_the_run_credential():
    """Makes boto3's Glue clients sign with the run's own credential (MORTAR_ACCESS_KEY_ID, ...), unchanged scripts.

    The AWS_* keys in the environment are S3's (S3A's keys, for boto3's S3 client); a Glue client the script makes
    without keys of its own gets the run's credential instead (and, over HTTPS, trusts the server's certificate).
    botocore is patched only when the script imports it, so a script without boto3 pays nothing.
    """
    key = os.environ.get("MORTAR_ACCESS_KEY_ID")
    if not key:
        return
    certificate = os.environ.get("MORTAR_TLS_CA")  # over HTTPS, the server's certificate to trust
    credential = {
        "aws_access_key_id": key,
        "aws_secret_access_key": os.environ.get("MORTAR_SECRET_ACCESS_KEY"),
        "aws_session_token": os.environ.get("MORTAR_SESSION_TOKEN"),
    }

    def patch(session_module):
        original = session_module.Session.create_client

        def create_client(self, service_name, *args, **kwargs):
            # positional arguments up to endpoint_url (5) leave the keys to the keywords
            if service_name == "glue" and len(args) <= 5 and not kwargs.get("aws_access_key_id"):
                kwargs.update(credential)
            if service_name == "glue" and certificate and len(args) < 4 and "verify" not in kwargs:
                kwargs["verify"] = certificate
            return original(self, service_name, *args, **kwargs)

        session_module.Session.create_client = create_client

    sys.meta_path.insert(0, _AfterImport("botocore.session", patch))


class _AfterImport(importlib.abc.MetaPathFinder):
    """Calls ``then(module)`` once the module named ``name`` is imported, whoever imports it."""

    def __init__(self, name, then):
        self._name = name
        self._then = then

    def find_spec(self, fullname, path, target=None):
        if fullname != self._name:
            return None
        sys.meta_path.remove(self)  # the real finders find it; this one only wraps the loading
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        then = self._then

        class _Loader(importlib.abc.Loader):
            def create_module(self, spec_):
                return loader.create_module(spec_)

            def exec_module(self, module):
                loader.exec_module(module)
                then(module)

        spec.loader = _Loader()
        return spec


def _describe(error):
    java = getattr(error, "java_exception", None)
    if java is not None:
        try:
            message = java.getMessage()
            return java.getClass().getName() + (": " + message if message else "")
        except Exception:  # the gateway may be gone; the Python side is all there is
            pass
    message = str(error)
    return type(error).__name__ + (": " + message if message else "")


def _script_line(script, error):
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if os.path.abspath(frame.filename) == script:
            line = frame.lineno
    return line


def _report(script, error, description):
    line = _script_line(script, error)
    if line is not None:
        description += " (%s, line %d)" % (os.path.basename(script), line)
    path = os.environ.get("MORTAR_PYTHON_ERROR_FILE")
    if not path:
        return
    document = {
        "description": description,
        "type": type(error).__name__,
        "line": line,
        "traceback": "".join(traceback.format_exception(type(error), error, error.__traceback__)),
    }
    with open(path, "w", encoding="utf-8") as out:
        json.dump(document, out)


if __name__ == "__main__":
    sys.exit(main())
