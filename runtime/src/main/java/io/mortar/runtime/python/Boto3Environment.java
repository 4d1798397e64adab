package io.mortar.runtime.python;

import io.mortar.runtime.io.GlueEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;

/**
 * The environment that points a script's {@code boto3} at Mortar with no change to the script: the Glue client at
 * the server's endpoint ({@code AWS_ENDPOINT_URL_GLUE}), S3 at the S3 endpoint the run's S3A settings name
 * ({@code AWS_ENDPOINT_URL_S3}, path-style addressing through a config file of the run's when S3A uses it), with
 * S3A's keys and region. Service-specific endpoint variables leave every other service where boto3 would find it.
 */
final class Boto3Environment {
    private static final String DEFAULT_REGION = "us-east-1";

    private Boto3Environment() {}

    static Map<String, String> of(SparkConf conf, Path workDir) {
        Map<String, String> env = new LinkedHashMap<>();
        GlueEndpoint.resolve(conf).ifPresent(endpoint -> env.put("AWS_ENDPOINT_URL_GLUE", endpoint.toString()));
        String region = s3a(conf, "endpoint.region");
        env.put("AWS_DEFAULT_REGION", region == null || region.isBlank() ? DEFAULT_REGION : region);
        String accessKey = s3a(conf, "access.key");
        String secretKey = s3a(conf, "secret.key");
        // the Glue endpoint does not check secrets; boto3 only needs some credentials to sign with
        env.put("AWS_ACCESS_KEY_ID", accessKey == null ? "mortar" : accessKey);
        env.put("AWS_SECRET_ACCESS_KEY", secretKey == null ? "mortar" : secretKey);
        String endpoint = s3a(conf, "endpoint");
        if (endpoint != null && !endpoint.isBlank()) {
            env.put("AWS_ENDPOINT_URL_S3", withScheme(endpoint.trim(),
                    !"false".equalsIgnoreCase(s3a(conf, "connection.ssl.enabled"))));
        }
        if ("true".equalsIgnoreCase(s3a(conf, "path.style.access"))) {
            env.put("AWS_CONFIG_FILE", pathStyleConfig(workDir, env.get("AWS_DEFAULT_REGION")).toString());
        }
        return env;
    }

    private static String s3a(SparkConf conf, String key) {
        return conf.get("spark.hadoop.fs.s3a." + key, null);
    }

    private static String withScheme(String endpoint, boolean ssl) {
        return endpoint.contains("://") ? endpoint : (ssl ? "https://" : "http://") + endpoint;
    }

    private static Path pathStyleConfig(Path workDir, String region) {
        Path file = workDir.resolve("aws-config");
        try {
            Files.createDirectories(workDir);
            Files.writeString(file, "[default]\nregion = " + region + "\ns3 =\n    addressing_style = path\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write boto3's configuration to " + file, e);
        }
    }
}
