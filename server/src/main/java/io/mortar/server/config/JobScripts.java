package io.mortar.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What job drivers need to run scripts rather than Mortar's own job kinds, handed to every driver in its
 * environment: the Python interpreter of Python jobs ({@code MORTAR_PYTHON}), the folder holding pyspark and py4j
 * at Spark's exact version ({@code MORTAR_PYTHON_LIBS}, which {@code bin/mortar} installs and exports), and where
 * compiled Scala scripts are kept by content ({@code MORTAR_SCRIPT_CACHE}).
 *
 * @param python the interpreter of Python jobs: a command on the PATH or a path ({@code mortar.jobs.python})
 * @param pythonLibs pyspark and py4j ({@code mortar.jobs.python-libs}); null when this server has none, and then a
 *     glueetl job's Python script fails saying how to install them (Python shell jobs need neither)
 * @param scriptCache compiled Scala scripts ({@code mortar.jobs.script-cache}); null for
 *     {@code <data-dir>/script-cache}, see {@link #withDefaultCacheIn}
 */
public record JobScripts(String python, Path pythonLibs, Path scriptCache) {
    public static final String DEFAULT_PYTHON = "python3";
    /** The variable bin/mortar exports, and the one drivers read. */
    public static final String PYTHON_LIBS_VARIABLE = "MORTAR_PYTHON_LIBS";
    public static final String SCRIPT_CACHE_FOLDER = "script-cache";

    public JobScripts {
        requireNonNull(python, "python");
        if (python.isBlank()) {
            throw new ConfigException("mortar.jobs.python must name a Python 3 interpreter");
        }
    }

    /** The defaults: {@code python3}, pyspark where the environment's {@value #PYTHON_LIBS_VARIABLE} says. */
    public static JobScripts defaults(Map<String, String> environment) {
        String libs = environment.get(PYTHON_LIBS_VARIABLE);
        return new JobScripts(DEFAULT_PYTHON, libs == null || libs.isBlank() ? null : Path.of(libs), null);
    }

    /** These settings with the script cache in {@code dataDir} unless one was set. */
    public JobScripts withDefaultCacheIn(Path dataDir) {
        return scriptCache != null ? this : new JobScripts(python, pythonLibs, dataDir.resolve(SCRIPT_CACHE_FOLDER));
    }

    /** The variables every driver gets (a setting without a value is left out, so the driver's default applies). */
    public Map<String, String> driverEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MORTAR_PYTHON", python);
        if (pythonLibs != null) {
            env.put(PYTHON_LIBS_VARIABLE, pythonLibs.toString());
        }
        if (scriptCache != null) {
            env.put("MORTAR_SCRIPT_CACHE", scriptCache.toString());
        }
        return env;
    }
}
