package io.mortar.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.spark.SparkConf;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * Where the driver finds the catalog: the Spark conf {@code spark.mortar.endpoint} if set (a job launched by
 * hand, a test), else {@code MORTAR_ENDPOINT}, which the server sets for every driver it launches. Requests are
 * signed with the run's own credential, which the server hands the driver as {@code MORTAR_ACCESS_KEY_ID},
 * {@code MORTAR_SECRET_ACCESS_KEY} and {@code MORTAR_SESSION_TOKEN}; a driver started by hand against a server
 * without authentication signs with placeholder keys.
 */
public final class GlueEndpoint {
    public static final String CONF_KEY = "spark.mortar.endpoint";
    public static final String ENV_KEY = "MORTAR_ENDPOINT";

    private GlueEndpoint() {}

    public static Optional<URI> resolve(SparkConf conf) {
        String fromConf = conf.get(CONF_KEY, "");
        if (!fromConf.isBlank()) {
            return Optional.of(URI.create(fromConf.trim()));
        }
        String fromEnv = System.getenv(ENV_KEY);
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(URI.create(fromEnv.trim()));
    }

    /** The run's credential from the driver's environment, or placeholder keys when it has none. */
    static AwsCredentials credentials(Map<String, String> env) {
        String id = env.get("MORTAR_ACCESS_KEY_ID");
        String secret = env.get("MORTAR_SECRET_ACCESS_KEY");
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            return AwsBasicCredentials.create("mortar", "mortar");
        }
        String token = env.get("MORTAR_SESSION_TOKEN");
        return token == null || token.isBlank() ? AwsBasicCredentials.create(id, secret)
                : AwsSessionCredentials.create(id, secret, token);
    }

    public static GlueClient client(URI endpoint) {
        return GlueClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials(System.getenv())))
                .httpClient(httpClient(System.getenv("MORTAR_TLS_CA")))
                .build();
    }

    /**
     * Over HTTPS the server hands its certificate (PEM) in {@code MORTAR_TLS_CA}: this client, which talks to that
     * server only, trusts it — a self-signed certificate included — rather than the JDK's default authorities.
     */
    static SdkHttpClient httpClient(String certificateFile) {
        if (certificateFile == null || certificateFile.isBlank()) {
            return UrlConnectionHttpClient.create();
        }
        try (InputStream in = Files.newInputStream(Path.of(certificateFile))) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("mortar-" + n++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            TrustManager[] managers = factory.getTrustManagers();
            return UrlConnectionHttpClient.builder().tlsTrustManagersProvider(() -> managers).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the server's certificate " + certificateFile
                    + " (MORTAR_TLS_CA): " + e.getMessage(), e);
        }
    }
}
