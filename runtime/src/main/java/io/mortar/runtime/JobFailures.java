package io.mortar.runtime;

import io.mortar.runtime.python.PythonScriptException;
import io.mortar.runtime.sql.SqlStatementException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.AnalysisException;

/**
 * Finds the failure a user should read. Reflection, futures and Spark's own job wrapper hide a job's exception
 * behind layers that say nothing ("exit code 1", "InvocationTargetException", "Job aborted due to stage
 * failure"); those layers are peeled off. A SQL statement's failure keeps Spark's message (without the plan
 * Spark appends) and says which statement failed.
 */
final class JobFailures {
    private static final String SPARK_EXCEPTION = "org.apache.spark.SparkException";
    /** How Spark reports a task failure whose exception could not travel to the driver. */
    private static final Pattern TASK_FAILURE = Pattern.compile("most recent failure: Lost task [^)]*\\)[^:]*: ([^\\n]+)");

    private JobFailures() {}

    static Throwable rootCause(Throwable failure) {
        Throwable current = failure;
        while (current.getCause() != null && current.getCause() != current && isWrapper(current)) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean isWrapper(Throwable t) {
        return t instanceof InvocationTargetException
                || t instanceof UndeclaredThrowableException
                || t instanceof ExecutionException
                || t instanceof CompletionException
                || (isSparkException(t) && hasUserCause(t.getCause()));
    }

    private static boolean isSparkException(Throwable t) {
        return t.getClass().getName().equals(SPARK_EXCEPTION);
    }

    /**
     * Spark wraps a task's exception, sometimes twice (a UDF failure inside a stage failure); the innermost
     * exception that is not Spark's own is the user's.
     */
    private static boolean hasUserCause(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (!c.getClass().getName().startsWith("org.apache.spark.")) {
                return true;
            }
            if (!isSparkException(c)) {
                return false;
            }
        }
        return false;
    }

    static String describe(Throwable t) {
        if (t instanceof PythonScriptException python) {
            return python.getMessage(); // the Python exception's own type and message, and the script's line
        }
        if (t instanceof SqlStatementException sql && sql.getCause() != null) {
            return describe(rootCause(sql.getCause())) + " " + sql.where();
        }
        String message = t instanceof AnalysisException analysis ? analysis.getSimpleMessage() : t.getMessage();
        String type = t.getClass().getName();
        if (t instanceof AnalysisException && type.equals("org.apache.spark.sql.catalyst.ExtendedAnalysisException")) {
            type = AnalysisException.class.getName(); // Spark's internal subclass only adds the plan
        }
        if (isSparkException(t) && message != null) {
            Matcher m = TASK_FAILURE.matcher(message);
            if (m.find()) {
                return m.group(1).strip();
            }
        }
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
