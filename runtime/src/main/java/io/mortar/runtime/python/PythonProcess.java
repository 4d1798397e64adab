package io.mortar.runtime.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One Python process of a run, started through Mortar's {@code mortar_driver} module, which runs the script as
 * {@code __main__} and, when it raises, prints the traceback and leaves a description of the error in the file
 * named by {@code MORTAR_PYTHON_ERROR_FILE}. The process writes straight into this JVM's standard output and error
 * (the run's {@code driver.log}), and is ended with this JVM.
 */
final class PythonProcess {
    static final String DRIVER_MODULE = "mortar_driver";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PythonProcess() {}

    /**
     * Runs {@code python -m mortar_driver script args…} with {@code env} added to this JVM's environment, and
     * returns when it exits 0; otherwise throws the script's error.
     */
    static void run(String python, Path script, List<String> args, Map<String, String> env, Path workDir)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path errorFile = workDir.resolve("python-error.json");
        Files.deleteIfExists(errorFile);
        List<String> command = new java.util.ArrayList<>(List.of(python, "-m", DRIVER_MODULE, script.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(env);
        builder.environment().put("MORTAR_PYTHON_ERROR_FILE", errorFile.toString());
        builder.environment().put("PYTHONUNBUFFERED", "YES");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the Python interpreter '" + python + "' (set"
                    + " mortar.jobs.python to a Python 3 interpreter): " + e.getMessage(), e);
        }
        Thread ender = new Thread(() -> endTree(process), "python-process-ender");
        Runtime.getRuntime().addShutdownHook(ender);
        int exit;
        try {
            exit = process.waitFor();
        } finally {
            endTree(process);
            try {
                Runtime.getRuntime().removeShutdownHook(ender);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
        if (exit != 0) {
            throw new PythonScriptException(describeFailure(errorFile, exit));
        }
    }

    /** A stopped or timed-out run's driver is sent SIGTERM: the script and its children end with it. */
    private static void endTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    static String describeFailure(Path errorFile, int exit) throws IOException {
        if (!Files.isRegularFile(errorFile)) {
            return "The Python process exited with code " + exit + " without raising an exception"
                    + " (killed, or os._exit); see the run's log";
        }
        JsonNode error = JSON.readTree(errorFile.toFile());
        return error.path("description").asText("The Python script failed with exit code " + exit);
    }
}
