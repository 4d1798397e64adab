"""Glue's Job: ``job.init(name, args)`` at the start of a script, ``job.commit()`` at its end.

``commit()`` is what moves the job's bookmark: the sources read with a transformation_ctx record what they read,
and the run, when it succeeds, stores that as the job's bookmark. A script that never commits moves nothing.
"""
from awsglue import _jvm


class Job(object):
    def __init__(self, glue_context):
        session = getattr(glue_context, "spark_session", None) or glue_context
        self._session = session
        self._sc = session.sparkContext
        self._initialized = False
        self._name = None

    @classmethod
    def continuation_options(cls):
        return ["--continuation-option", "continuation-enabled", "continuation-readonly", "continuation-ignore"]

    @classmethod
    def job_bookmark_options(cls):
        return ["--job-bookmark-option", "job-bookmark-enable", "job-bookmark-pause", "job-bookmark-disable"]

    @classmethod
    def job_bookmark_range_options(cls):
        return ["--job-bookmark-from", "--job-bookmark-to"]

    @classmethod
    def id_params(cls):
        return ["--JOB_NAME", "--JOB_ID", "--JOB_RUN_ID", "--SECURITY_CONFIGURATION"]

    @classmethod
    def encryption_type_options(cls):
        return ["--encryption-type", "sse-s3"]

    @classmethod
    def data_lineage_options(cls):
        return ["--enable-data-lineage"]

    def init(self, job_name, args=None):
        if self._initialized:
            raise RuntimeError("Job %s is already initialized" % self._name)
        self._name = job_name
        # the run's context (catalog, bookmark) is made now if no GlueContext made it yet
        _jvm.bridge(self._sc).job(self._session._jsparkSession)
        self._initialized = True

    def isInitialized(self):
        return self._initialized

    def commit(self):
        if not self._initialized:
            raise RuntimeError("Job.commit() before Job.init(): call job.init(args['JOB_NAME'], args) first")
        _jvm.bridge(self._sc).commit(self._session._jsparkSession)
