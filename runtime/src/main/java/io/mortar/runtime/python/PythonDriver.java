package io.mortar.runtime.python;

import io.mortar.runtime.ScriptLocation;
import io.mortar.runtime.ScriptRun;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.python.Py4JServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a PySpark Glue script as the driver's Python process, as Spark's own {@code PythonRunner} does, but inside
 * Mortar's driver so the run's status and bookmark are reported like every other kind: a Py4J gateway into this
 * JVM, then the script with PySpark and py4j (at Spark's exact version), Mortar's {@code awsglue} and the run's
 * own Python on {@code PYTHONPATH}. The script makes its SparkContext through the gateway, with the settings
 * spark-submit left in this JVM's system properties; Spark's Python workers find the same path through
 * {@code spark.executorEnv.PYTHONPATH} (local and standalone executors alike). Always client mode: Spark runs no
 * Python driver in a standalone cluster.
 */
public final class PythonDriver {
    private static final Logger LOG = LoggerFactory.getLogger(PythonDriver.class);
    private PythonDriver() {}

    public static void run(ScriptLocation script, ScriptRun run) throws Exception {
        SparkConf conf = new SparkConf();
        PythonSettings settings = PythonSettings.from(conf);
        Path workDir = workDir();
        Configuration hadoop = hadoopConfiguration(conf);
        Path local = script.localCopy(workDir.resolve("script"), hadoop);

        List<String> path = new ArrayList<>(PythonModules.prepare(run.args(), settings.python(), workDir, hadoop));
        path.add(settings.runtimePython());
        path.add(settings.requireLibs());
        String pythonPath = String.join(File.pathSeparator, path);
        // read by the script's SparkConf (pyspark loads the JVM's system properties) and handed to every worker
        String executorPath = System.getProperty("spark.executorEnv.PYTHONPATH");
        System.setProperty("spark.executorEnv.PYTHONPATH",
                executorPath == null || executorPath.isBlank() ? pythonPath : pythonPath + File.pathSeparator + executorPath);

        LOG.info("Starting the Py4J gateway for {}", local.getFileName());
        Py4JServer gateway = new Py4JServer(conf);
        gateway.start();
        LOG.info("Starting {} with PYTHONPATH {}", settings.python(), pythonPath);
        try {
            Map<String, String> env = new LinkedHashMap<>(Boto3Environment.of(conf, workDir));
            String inherited = System.getenv("PYTHONPATH");
            env.put("PYTHONPATH", inherited == null || inherited.isBlank() ? pythonPath
                    : pythonPath + File.pathSeparator + inherited);
            env.put("PYSPARK_GATEWAY_PORT", Integer.toString(gateway.getListeningPort()));
            env.put("PYSPARK_GATEWAY_SECRET", gateway.secret());
            env.put("PYSPARK_PYTHON", settings.python());
            env.put("PYTHONHASHSEED", "0");
            PythonProcess.run(settings.python(), local, run.argv(), env, workDir);
        } finally {
            gateway.shutdown();
        }
    }

    /** The run's folder (the server's {@code runs/<id>}), or a temporary one for a driver started by hand. */
    static Path workDir() throws java.io.IOException {
        String dir = System.getenv("MORTAR_RUN_DIR");
        return dir == null || dir.isBlank() ? Files.createTempDirectory("mortar-python") : Path.of(dir);
    }

    /** Hadoop's settings from the run's Spark settings ({@code spark.hadoop.*}), before any SparkContext exists. */
    public static Configuration hadoopConfiguration(SparkConf conf) {
        Configuration hadoop = new Configuration();
        for (scala.Tuple2<String, String> entry : conf.getAll()) {
            if (entry._1().startsWith("spark.hadoop.")) {
                hadoop.set(entry._1().substring("spark.hadoop.".length()), entry._2());
            }
        }
        return hadoop;
    }
}
