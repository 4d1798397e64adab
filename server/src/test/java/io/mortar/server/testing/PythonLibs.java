package io.mortar.server.testing;

import io.mortar.server.config.JobScripts;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pyspark and py4j that tests of Python jobs run on: the folder {@code MORTAR_PYTHON_LIBS} names, which bin/test
 * installs (bin/lib/python-libs.sh) and exports. Without it such a test fails, saying how to get it.
 */
public final class PythonLibs {
    private PythonLibs() {}

    public static Path require() {
        String libs = System.getenv(JobScripts.PYTHON_LIBS_VARIABLE);
        String how = " Run the tests with bin/test, which installs pyspark and py4j and exports it; or, in the clone,"
                + " `source bin/lib/python-libs.sh && mortar_install_python_libs .` and run Maven from that shell.";
        if (libs == null || libs.isBlank()) {
            throw new IllegalStateException("Python job tests need " + JobScripts.PYTHON_LIBS_VARIABLE
                    + ", the folder holding pyspark and py4j at Spark's version." + how);
        }
        Path folder = Path.of(libs);
        if (!Files.isDirectory(folder.resolve("pyspark")) || !Files.isDirectory(folder.resolve("py4j"))) {
            throw new IllegalStateException(JobScripts.PYTHON_LIBS_VARIABLE + "=" + libs
                    + " holds no pyspark and py4j." + how);
        }
        return folder;
    }
}
