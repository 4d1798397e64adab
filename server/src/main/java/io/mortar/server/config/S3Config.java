package io.mortar.server.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The S3-compatible store job drivers read and write {@code s3://} and {@code s3a://} paths in, passed to every
 * driver as {@code spark.hadoop.fs.s3a.*} settings. Unset parts are left to Hadoop's defaults (for AWS itself:
 * its credential chain and endpoint).
 *
 * @param endpoint e.g. {@code http://127.0.0.1:9000}; null for AWS
 * @param accessKey null to use Hadoop's credential chain
 * @param secretKey null to use Hadoop's credential chain
 * @param region the endpoint's region, or null
 * @param pathStyle path-style addressing ({@code http://host/bucket/key}), which most S3-compatible stores need
 */
public record S3Config(String endpoint, String accessKey, String secretKey, String region, boolean pathStyle) {
    public static final S3Config NONE = new S3Config(null, null, null, null, true);

    public S3Config {
        if ((accessKey == null) != (secretKey == null)) {
            throw new ConfigException("mortar.s3.access-key and mortar.s3.secret-key go together: set both or neither");
        }
    }

    /**
     * The Hadoop settings that reach this store: {@code s3://} served by S3A, and the endpoint, path style,
     * credentials and region given. Crawls use them as they are; job drivers get them as {@code spark.hadoop.*}.
     */
    public Map<String, String> hadoopSettings() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        if (endpoint != null) {
            conf.put("fs.s3a.endpoint", endpoint);
            conf.put("fs.s3a.path.style.access", Boolean.toString(pathStyle));
            if (endpoint.toLowerCase(Locale.ROOT).startsWith("http://")) {
                conf.put("fs.s3a.connection.ssl.enabled", "false");
            }
        }
        if (accessKey != null) {
            conf.put("fs.s3a.access.key", accessKey);
            conf.put("fs.s3a.secret.key", secretKey);
            conf.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        }
        if (region != null) {
            conf.put("fs.s3a.endpoint.region", region);
        }
        return conf;
    }
}
