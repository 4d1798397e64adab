package io.mortar.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Finds the failure a user should read. Reflection, futures and Spark's own job wrapper hide a job's exception
 * behind layers that say nothing ("exit code 1", "InvocationTargetException"); those layers are peeled off.
 */
final class JobFailures {
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
                || (t.getClass().getName().equals("org.apache.spark.SparkException") && isUserCause(t.getCause()));
    }

    /** Spark wraps a task's exception; the wrapped one is the user's unless it is Spark's own again. */
    private static boolean isUserCause(Throwable cause) {
        return cause != null && !cause.getClass().getName().startsWith("org.apache.spark.");
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        String type = t.getClass().getName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
