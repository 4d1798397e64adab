package io.mortar.cli.cluster;

import io.mortar.server.config.ConfigException;
import io.mortar.server.config.JobsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the Spark jar folder for {@code mortar cluster}: {@code --spark-jars}, else where the server finds its
 * drivers' class path ({@link JobsConfig#findSparkJars}: {@code $MORTAR_SPARK_JARS}, else
 * {@code runtime/target/jars} of the source tree), so the Workers run the same Spark as the drivers.
 */
public final class SparkJarsFolder {
    public static final String ENVIRONMENT_VARIABLE = JobsConfig.SPARK_JARS_VARIABLE;

    private SparkJarsFolder() {}

    public static Path locate(Path flag, Map<String, String> environment) {
        if (flag != null) {
            return flag.toAbsolutePath();
        }
        Path found = JobsConfig.findSparkJars(environment);
        String variable = environment.get(ENVIRONMENT_VARIABLE);
        if ((variable == null || variable.isBlank()) && !Files.isDirectory(found)) {
            throw new ConfigException("no Spark jar folder: pass --spark-jars DIR or set " + ENVIRONMENT_VARIABLE
                    + "; in a Mortar source tree `mvn -pl runtime -am package -DskipTests` makes runtime/target/jars");
        }
        return found;
    }
}
