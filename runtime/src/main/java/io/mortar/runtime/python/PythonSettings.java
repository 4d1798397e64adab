package io.mortar.runtime.python;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.apache.spark.SparkConf;

/**
 * Where a run's Python comes from: the interpreter ({@code spark.pyspark.python}, else {@code MORTAR_PYTHON}, else
 * {@code python3}), PySpark and py4j at exactly Spark's version ({@code MORTAR_PYTHON_LIBS}, a folder
 * {@code bin/mortar} installs them into from PyPI), and Mortar's own Python (the {@code awsglue} package and
 * {@code mortar_driver}), which travels inside the runtime's jar: Python imports from a jar as from a zip.
 */
record PythonSettings(String python, String libs, String runtimePython) {
    static final String LIBS_ENV = "MORTAR_PYTHON_LIBS";

    static PythonSettings from(SparkConf conf) {
        String python = conf.get("spark.pyspark.python", null);
        if (python == null || python.isBlank()) {
            String env = System.getenv("MORTAR_PYTHON");
            python = env == null || env.isBlank() ? "python3" : env;
        }
        return new PythonSettings(python, System.getenv(LIBS_ENV), locateRuntimePython().toString());
    }

    /** PySpark and py4j, which a Spark job needs and a Python shell job does not. */
    String requireLibs() {
        if (libs == null || libs.isBlank()) {
            throw new IllegalStateException("PySpark is not installed for this server: Python scripts need pyspark"
                    + " and py4j at Spark's version in the folder " + LIBS_ENV + " names; start the server with"
                    + " bin/mortar, which installs them, or set " + LIBS_ENV);
        }
        return libs;
    }

    /** The jar (or, in a build, the classes folder) holding this class also holds Mortar's Python modules. */
    static Path locateRuntimePython() {
        try {
            return Path.of(PythonSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the runtime's jar", e);
        }
    }
}
