package io.mortar.server.clients;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Credentials for Iceberg's AWS clients taken from the catalog's own properties, the way Iceberg's
 * {@code client.credentials-provider} option works: Iceberg calls {@code create(Map)} with the
 * {@code client.credentials-provider.*} properties (prefix removed). This keeps the tests independent of the
 * machine's ~/.aws files and of JVM-wide system properties.
 */
public final class IcebergStaticCredentials implements AwsCredentialsProvider {
    static final String ACCESS_KEY = "access-key-id";
    static final String SECRET_KEY = "secret-access-key";

    private final AwsCredentials credentials;

    private IcebergStaticCredentials(AwsCredentials credentials) {
        this.credentials = credentials;
    }

    public static IcebergStaticCredentials create(Map<String, String> properties) {
        String accessKey = properties.get(ACCESS_KEY);
        String secretKey = properties.get(SECRET_KEY);
        if (accessKey == null || secretKey == null) {
            throw new IllegalArgumentException("client.credentials-provider." + ACCESS_KEY + " and ." + SECRET_KEY
                    + " must be set; got " + properties.keySet());
        }
        return new IcebergStaticCredentials(AwsBasicCredentials.create(accessKey, secretKey));
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return credentials;
    }
}
