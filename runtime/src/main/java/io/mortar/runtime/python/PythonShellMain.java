package io.mortar.runtime.python;

import io.mortar.runtime.JobArguments;
import io.mortar.runtime.RunStatusFile;
import io.mortar.runtime.ScriptLocation;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;

/**
 * The driver of a {@code pythonshell} job: a plain Python 3 process, no Spark, as Glue's Python shell jobs are.
 * {@code java -cp <jars>/* io.mortar.runtime.python.PythonShellMain --scriptLocation … --JOB_NAME …}: the JVM only
 * fetches the script and the run's Python modules, points {@code boto3} at Mortar, and reports the run's status
 * as every driver does; its S3 settings come as {@code -Dspark.hadoop.fs.s3a.*} system properties. Mortar's
 * {@code awsglue} is on the path, so {@code awsglue.utils.getResolvedOptions} works as on Glue.
 */
public final class PythonShellMain {
    private PythonShellMain() {}

    public static void main(String[] argv) {
        RunStatusFile status = RunStatusFile.fromEnvironment();
        int exitCode = 0;
        try {
            JobArguments args = JobArguments.parse(argv);
            ScriptLocation script = new ScriptLocation(args.require("scriptLocation"));
            SparkConf conf = new SparkConf();
            PythonSettings settings = PythonSettings.from(conf);
            Path workDir = PythonDriver.workDir();
            Configuration hadoop = PythonDriver.hadoopConfiguration(conf);
            Path local = script.localCopy(workDir.resolve("script"), hadoop);
            List<String> path = new ArrayList<>(PythonModules.prepare(args, settings.python(), workDir, hadoop));
            path.add(settings.runtimePython());
            Map<String, String> env = new LinkedHashMap<>(Boto3Environment.of(conf, workDir));
            String inherited = System.getenv("PYTHONPATH");
            if (inherited != null && !inherited.isBlank()) {
                path.add(inherited);
            }
            env.put("PYTHONPATH", String.join(File.pathSeparator, path));
            status.running();
            PythonProcess.run(settings.python(), local, List.of(argv), env, workDir);
            status.succeeded();
        } catch (Throwable failure) {
            exitCode = 1;
            if (failure instanceof PythonScriptException) {
                System.err.println("Job failed: " + failure.getMessage()); // Python printed the traceback
            } else {
                failure.printStackTrace();
            }
            status.failed(failure);
        }
        System.exit(exitCode);
    }
}
