package io.mortar.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.server.config.ConfigLoader;
import io.mortar.server.config.ListenConfig;
import io.mortar.server.config.RequestLimits;
import io.mortar.server.testing.SelfSignedCertificate;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * HTTPS: a server configured with {@code mortar.tls.cert}/{@code mortar.tls.key} (a self-signed certificate made for
 * the test, as PEM files) serves the Glue API to a client that trusts the certificate, and to no other; it speaks
 * only TLS 1.2 and 1.3, and its TLS connector keeps the edge's limits and its Host check.
 */
class TlsEdgeTest {
    private static final long MAX_BODY = 64 << 10;

    @TempDir
    static Path dir;
    private static SelfSignedCertificate certificate;
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        certificate = SelfSignedCertificate.create(dir, "RSA");
        // read as `mortar server --tls-cert … --tls-key …` reads its flags
        ListenConfig tls = ConfigLoader.load(null, Map.of(), Map.of("mortar.data-dir", dir.toString(),
                "mortar.tls.cert", certificate.certificateFile().toString(),
                "mortar.tls.key", certificate.keyFile().toString())).listen();
        server = TestServer.start(StoreBackend.SQLITE, config -> config.withListen(config.listen().withTls(tls.tls())
                .withLimits(new RequestLimits(MAX_BODY, 4 * MAX_BODY, 0, Duration.ofSeconds(1), 1000))));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static GlueClient client(UrlConnectionHttpClient.Builder http) {
        return GlueClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(TestServer.rootCredentials(server.dataDir()))
                .httpClient(http.build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static RawHttp connect() throws IOException {
        return RawHttp.connect(server.endpoint(), certificate.clientContext());
    }

    @Test
    void theEndpointIsHttps() {
        assertThat(server.endpoint().getScheme()).isEqualTo("https");
        assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void theSdkTrustingTheCertificateCreatesAndReadsADatabase() {
        try (GlueClient glue = client(UrlConnectionHttpClient.builder()
                .tlsTrustManagersProvider(certificate::trustManagers))) {
            glue.createDatabase(r -> r.databaseInput(d -> d.name("over_tls").description("sent encrypted")));

            assertThat(glue.getDatabase(r -> r.name("over_tls")).database().description()).isEqualTo("sent encrypted");
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsTheHandshake() {
        try (GlueClient glue = client(UrlConnectionHttpClient.builder())) {
            assertThatThrownBy(() -> glue.getDatabases(r -> {}))
                    .isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("PKIX path") // the certificate is trusted by no CA the JDK knows
                    .hasRootCauseInstanceOf(GeneralSecurityException.class)
                    .satisfies(e -> assertThat(causes(e)).anyMatch(SSLHandshakeException.class::isInstance));
        }
    }

    @Test
    void plainHttpOnTheTlsPortIsNotServed() throws Exception {
        try (RawHttp http = RawHttp.connect(server.endpoint())) {
            http.send(RawHttp.get("/health", "127.0.0.1"));
            byte[] answer = http.readAll();
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("200");
        } catch (java.net.SocketException reset) {
            // a reset connection is as good a refusal
        }
    }

    @Test
    void onlyTls12And13AreOffered() throws Exception {
        SslContextFactory.Server factory = HttpEdge.sslContextFactory(server.server().config().listen().tls());
        factory.start();
        try {
            // pinned, not left to the JDK's defaults (which today also leave out 1.0 and 1.1)
            assertThat(factory.getIncludeProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
            assertThat(factory.getSelectedProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        } finally {
            factory.stop();
        }
        try (RawHttp http = connect()) {
            assertThat(http.tlsProtocol()).isEqualTo("TLSv1.3");
        }
        SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
        tls12.init(null, certificate.trustManagers(), null);
        try (RawHttp http = RawHttp.connect(server.endpoint(), tls12)) {
            assertThat(http.tlsProtocol()).isEqualTo("TLSv1.2");
            assertThat(http.send(RawHttp.get("/health", "127.0.0.1")).read().status()).isEqualTo(200);
        }
    }

    @Test
    void theHostCheckHoldsOverTls() throws Exception {
        try (RawHttp http = connect()) {
            http.send(RawHttp.get("/health", "evil.example:" + server.endpoint().getPort())).read()
                    .assertGlueError(421, "MisdirectedRequestException");
        }
        try (RawHttp http = connect()) {
            assertThat(http.send(RawHttp.get("/health", "localhost:" + server.endpoint().getPort())).read().status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedUnreadOverTls() throws Exception {
        try (RawHttp http = connect()) {
            RawHttp.Reply reply = http.send(RawHttp.glueHead("GetDatabases", MAX_BODY + 1)).read();

            reply.assertGlueError(413, "RequestEntityTooLargeException");
        }
    }

    @Test
    void aBodyThatStopsArrivingIsAnsweredWith408AfterTheIdleTimeoutOverTls() throws Exception {
        try (RawHttp http = connect()) {
            RawHttp.Reply reply = http.send(RawHttp.glueHead("GetDatabases", 1000) + "{ ").read();

            assertThat(reply.assertGlueError(408, "RequestTimeoutException")).contains("after 2 bytes");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }
}
