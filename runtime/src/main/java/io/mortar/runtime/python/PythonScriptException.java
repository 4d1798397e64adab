package io.mortar.runtime.python;

/**
 * A job's Python script failed: its message is what the run's {@code ErrorMessage} says — the Python exception's
 * type and message and the script's line that raised it ({@code NameError: name 'x' is not defined (etl.py, line
 * 12)}). The whole traceback went to the run's log as Python printed it.
 */
public final class PythonScriptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PythonScriptException(String message) {
        super(message);
    }
}
