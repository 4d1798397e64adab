package io.mortar.cli.cluster;

import io.mortar.server.config.ConfigException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the Spark jar folder for {@code mortar cluster}: {@code --spark-jars}, else {@code $MORTAR_SPARK_JARS},
 * else {@code runtime/target/jars} of the source tree the CLI was built in (bin/mortar runs
 * {@code cli/target/mortar-cli.jar}, two levels below the tree's root).
 */
public final class SparkJarsFolder {
    public static final String ENVIRONMENT_VARIABLE = "MORTAR_SPARK_JARS";
    static final Path IN_SOURCE_TREE = Path.of("runtime", "target", "jars");
    private static final int LEVELS_UP = 4;

    private SparkJarsFolder() {}

    public static Path locate(Path flag, Map<String, String> environment) {
        return locate(flag, environment, codeLocation());
    }

    static Path locate(Path flag, Map<String, String> environment, Optional<Path> codeLocation) {
        if (flag != null) {
            return flag.toAbsolutePath();
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment).toAbsolutePath();
        }
        Path dir = codeLocation.map(Path::toAbsolutePath).orElse(null);
        for (int i = 0; dir != null && i <= LEVELS_UP; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve(IN_SOURCE_TREE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new ConfigException("no Spark jar folder: pass --spark-jars DIR or set " + ENVIRONMENT_VARIABLE
                + "; in a Mortar source tree `mvn -pl runtime -am package -DskipTests` makes runtime/target/jars");
    }

    /** The CLI's jar (or classes directory). */
    private static Optional<Path> codeLocation() {
        try {
            var source = SparkJarsFolder.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
