package io.mortar.server.testing;

import io.mortar.catalog.connections.ConnectionKey;
import io.mortar.server.MortarServer;
import io.mortar.server.auth.LocalCredentialsFile;
import io.mortar.server.config.ServerConfig;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.UnaryOperator;
import org.apache.commons.io.FileUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * A real Mortar server for a test: on a random loopback port, with a temporary data directory and a fresh store
 * of the given backend. Clients are the AWS SDK's own {@link GlueClient}, signing with the server's root key.
 */
public final class TestServer implements AutoCloseable {
    private final StoreBackend backend;
    private final StoreSettings store;
    private final Path dataDir;
    private final MortarServer server;
    /** Whether closing this server drops its store (false for a second server on another's store). */
    private final boolean ownsStore;

    private TestServer(StoreBackend backend, StoreSettings store, Path dataDir, MortarServer server,
                       boolean ownsStore) {
        this.backend = backend;
        this.store = store;
        this.dataDir = dataDir;
        this.server = server;
        this.ownsStore = ownsStore;
    }

    public static TestServer start(StoreBackend backend) {
        return start(backend, UnaryOperator.identity());
    }

    /** With the embedded configuration changed by {@code configure} (limits, jobs settings, …). */
    public static TestServer start(StoreBackend backend, UnaryOperator<ServerConfig> configure) {
        Path dataDir = StoreBackend.tempDir("mortar-test");
        StoreSettings store = backend.create(dataDir);
        MortarServer server = MortarServer.start(configure.apply(ServerConfig.embedded(dataDir, 0).withStore(store)));
        return new TestServer(backend, store, dataDir, server, true);
    }

    /**
     * Another server on {@code first}'s store (a data directory of its own), as several servers share one
     * PostgreSQL store. Closing it leaves the store to {@code first}: close this one first.
     */
    public static TestServer startBeside(TestServer first, UnaryOperator<ServerConfig> configure) {
        Path dataDir = StoreBackend.tempDir("mortar-test");
        shareSecretsKey(first.dataDir, dataDir);
        MortarServer server = MortarServer.start(configure.apply(ServerConfig.embedded(dataDir, 0)
                .withStore(first.store)));
        return new TestServer(first.backend, first.store, dataDir, server, false);
    }

    /**
     * Servers sharing a store share the key its secrets are sealed with (connection passwords, access keys), as a
     * deployment gives them one {@code mortar.connections.key}: here, a copy of the first's key file.
     */
    private static void shareSecretsKey(Path from, Path to) {
        try {
            Files.createDirectories(to);
            Files.copy(from.resolve(ConnectionKey.FILE_NAME), to.resolve(ConnectionKey.FILE_NAME),
                    StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public StoreBackend backend() {
        return backend;
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public MortarServer server() {
        return server;
    }

    public StoreSettings store() {
        return store;
    }

    public Path dataDir() {
        return dataDir;
    }

    public GlueClient client() {
        return client(server);
    }

    /** A client of {@code server}, signing with its root key (or with anything, when it runs without auth). */
    public static GlueClient client(MortarServer server) {
        return client(server.endpoint(), rootCredentials(server.config().dataDir()));
    }

    /** A client signing with placeholder keys: for a server without authentication, or to be refused by one. */
    public static GlueClient client(URI endpoint) {
        return client(endpoint, StaticCredentialsProvider.create(AwsBasicCredentials.create("mortar", "mortar")));
    }

    /**
     * The root key a server wrote to its data directory on first start (placeholder keys if it wrote none: a server
     * without authentication).
     */
    public static AwsCredentialsProvider rootCredentials(Path dataDir) {
        return LocalCredentialsFile.read(dataDir)
                .orElseGet(() -> StaticCredentialsProvider.create(AwsBasicCredentials.create("mortar", "mortar")));
    }

    public static GlueClient client(URI endpoint, AwsCredentialsProvider credentials) {
        return GlueClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                // A test sees the server's first answer: no retries hiding a failure.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Override
    public void close() {
        server.close();
        if (ownsStore) {
            backend.dispose(store);
        }
        // best effort: a leftover temp directory is not worth failing a test over
        FileUtils.deleteQuietly(dataDir.toFile());
    }
}
