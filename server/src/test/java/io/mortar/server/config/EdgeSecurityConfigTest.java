package io.mortar.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.server.testing.SelfSignedCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edge's protection as configuration: authentication off only on loopback, the names the server answers to,
 * and TLS from PEM files — both or neither, in each key form servers are given, and every unusable file named.
 */
class EdgeSecurityConfigTest {
    @TempDir
    static Path certificates;
    private static SelfSignedCertificate rsa;
    private static SelfSignedCertificate ec;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void makeCertificates() {
        rsa = SelfSignedCertificate.create(certificates, "RSA");
        ec = SelfSignedCertificate.create(certificates, "EC");
    }

    private ServerConfig load(Map<String, String> flags) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("mortar.data-dir", dataDir.toString()));
        all.putAll(flags);
        return ConfigLoader.load(null, Map.of(), all);
    }

    // ------------------------------------------------------------------ authentication and the bind address

    @Test
    void authenticationIsOnUnlessInsecureNoAuthIsSaid() {
        assertThat(load(Map.of()).auth()).isEqualTo(AuthConfig.ON);
        assertThat(load(Map.of("mortar.auth.insecure-no-auth", "false")).auth()).isEqualTo(AuthConfig.ON);
        assertThat(load(Map.of("mortar.auth.insecure-no-auth", "true")).auth()).isEqualTo(AuthConfig.OFF);
        assertThat(ConfigLoader.load(null, Map.of("MORTAR_AUTH_INSECURE_NO_AUTH", "true"),
                Map.of("mortar.data-dir", dataDir.toString())).auth()).isEqualTo(AuthConfig.OFF);
        assertThatThrownBy(() -> load(Map.of("mortar.auth.insecure-no-auth", "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("mortar.auth.insecure-no-auth must be true or false, not 'yes'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "127.255.0.9", "::1", "[::1]", "localhost", "LOCALHOST"})
    void withoutAuthenticationALoopbackBindIsAllowed(String bind) {
        ServerConfig config = load(Map.of("mortar.bind", bind, "mortar.auth.insecure-no-auth", "true"));

        assertThat(config.auth().enabled()).isFalse();
        assertThat(config.listen().loopbackOnly()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "fe80::1", "mortar.example.com",
            "localhost.example.com", "128.0.0.1"})
    void withoutAuthenticationAnyOtherBindIsRefusedUnlessSaidAsTheFlag(String bind) {
        // from the environment (or a properties file): refused, saying why and what to pass
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("MORTAR_AUTH_INSECURE_NO_AUTH", "true",
                "MORTAR_BIND", bind), Map.of("mortar.data-dir", dataDir.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mortar.bind is " + bind)
                .hasMessageContaining("explicitly on the command line (--insecure-no-auth)")
                .hasMessageContaining("anyone who can reach it could run code as this server's user")
                .hasMessageContaining("--bind 127.0.0.1");
        // the flag itself: the user said so
        ServerConfig config = load(Map.of("mortar.bind", bind, "mortar.auth.insecure-no-auth", "true"));
        assertThat(config.auth()).isEqualTo(AuthConfig.OFF);
        assertThat(config.listen().loopbackOnly()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.168.1.20", "mortar.example.com"})
    void withAuthenticationAnyBindIsAllowed(String bind) {
        ServerConfig config = load(Map.of("mortar.bind", bind));

        assertThat(config.auth()).isEqualTo(AuthConfig.ON);
        assertThat(config.listen().bind()).isEqualTo(bind);
        assertThat(config.listen().loopbackOnly()).isFalse();
    }

    @Test
    void theWildcardBindAddressesAreRecognized() {
        assertThat(new ListenConfig("0.0.0.0", 0).wildcard()).isTrue();
        assertThat(new ListenConfig("::", 0).wildcard()).isTrue();
        assertThat(new ListenConfig("0:0:0:0:0:0:0:0", 0).wildcard()).isTrue();
        assertThat(new ListenConfig("127.0.0.1", 0).wildcard()).isFalse();
        assertThat(new ListenConfig("192.168.1.20", 0).wildcard()).isFalse();
    }

    // ------------------------------------------------------------------ host names

    @Test
    void hostnamesAreReadCommaSeparatedAndNormalized() {
        ServerConfig config = load(Map.of("mortar.hostnames", " glue.Example.com , mortar.internal.,[FE80::1],,"
                + "10.1.2.3, glue.example.com"));

        assertThat(config.listen().hostnames()).containsExactly("glue.example.com", "mortar.internal", "fe80::1",
                "10.1.2.3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"glue.example.com:8095", "https://glue.example.com", "glue example", "glue/x", "-glue",
            "*.example.com"})
    void aHostnameThatIsNotANameIsRefusedNamingIt(String name) {
        assertThatThrownBy(() -> load(Map.of("mortar.hostnames", "ok.example," + name)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mortar.hostnames: '" + name.strip() + "' is not a host name or address");
    }

    // ------------------------------------------------------------------ TLS

    @Test
    void withoutTlsFilesTheServerSpeaksPlainHttp() {
        ListenConfig listen = load(Map.of()).listen();

        assertThat(listen.tls().enabled()).isFalse();
        assertThat(listen.scheme()).isEqualTo("http");
    }

    @Test
    void aCertificateAndItsPkcs8KeyServeTls() throws Exception {
        for (SelfSignedCertificate certificate : List.of(rsa, ec)) {
            ListenConfig listen = load(Map.of("mortar.tls.cert", certificate.certificateFile().toString(),
                    "mortar.tls.key", certificate.keyFile().toString())).listen();

            assertThat(listen.tls()).isEqualTo(new TlsConfig(certificate.certificateFile(), certificate.keyFile()));
            assertThat(listen.scheme()).isEqualTo("https");
            assertServes(listen.tls().keyStore(), certificate);
        }
    }

    @Test
    void thePkcs1RsaAndSec1EcKeysOpensslWritesServeTlsToo() throws Exception {
        for (SelfSignedCertificate certificate : List.of(rsa, ec)) {
            Path traditional = certificate.traditionalKey();
            assertThat(Files.readString(traditional)).startsWith(certificate == rsa
                    ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN EC PRIVATE KEY-----");

            TlsConfig tls = TlsConfig.of(certificate.certificateFile(), traditional);

            assertServes(tls.keyStore(), certificate);
        }
    }

    @Test
    void anEcKeyWithItsParametersBlockAsOpensslEcparamWritesItIsRead() throws Exception {
        Path key = certificates.resolve("ecparam-key.pem");
        Files.writeString(key, "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + Files.readString(ec.traditionalKey()));

        assertServes(TlsConfig.of(ec.certificateFile(), key).keyStore(), ec);
    }

    @Test
    void oneFileHoldingCertificateAndKeyServesAsBoth() throws Exception {
        Path both = certificates.resolve("both.pem");
        Files.writeString(both, Files.readString(rsa.keyFile()) + Files.readString(rsa.certificateFile()));

        assertServes(TlsConfig.of(both, both).keyStore(), rsa);
    }

    @Test
    void aChainKeepsTheServerCertificateFirstAndItsIntermediatesAfter() throws Exception {
        Path chain = certificates.resolve("chain.pem");
        Files.writeString(chain, "Bag Attributes\n    friendlyName: server\n" + Files.readString(rsa.certificateFile())
                + Files.readString(ec.certificateFile()));

        KeyStore store = TlsConfig.of(chain, rsa.keyFile()).keyStore();

        assertThat(store.getCertificateChain(PemKeyStore.ALIAS))
                .containsExactly(rsa.certificate(), ec.certificate());
    }

    @Test
    void aCertificateWithoutItsKeyOrAKeyWithoutItsCertificateIsRefusedNamingTheMissingOne() {
        assertThatThrownBy(() -> load(Map.of("mortar.tls.cert", rsa.certificateFile().toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mortar.tls.key (--tls-key) is not set: mortar.tls.cert is, and the two go"
                        + " together");
        assertThatThrownBy(() -> load(Map.of("mortar.tls.key", rsa.keyFile().toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mortar.tls.cert (--tls-cert) is not set: mortar.tls.key is, and the two go"
                        + " together");
    }

    @Test
    void aMissingOrUnreadableFileIsRefusedByName() throws IOException {
        Path missing = certificates.resolve("nope.pem");
        assertThatThrownBy(() -> load(Map.of("mortar.tls.cert", missing.toString(),
                "mortar.tls.key", rsa.keyFile().toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("mortar.tls.cert " + missing + " cannot be read: no such file");
        assertThatThrownBy(() -> load(Map.of("mortar.tls.cert", rsa.certificateFile().toString(),
                "mortar.tls.key", missing.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("mortar.tls.key " + missing + " cannot be read: no such file");
        assertThatThrownBy(() -> TlsConfig.of(rsa.certificateFile(), certificates))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mortar.tls.key " + certificates + " cannot be read");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedNamingBothFiles() {
        SelfSignedCertificate other = SelfSignedCertificate.create(dataDir, "RSA");

        assertThatThrownBy(() -> TlsConfig.of(rsa.certificateFile(), other.keyFile()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("mortar.tls.key " + other.keyFile() + " is not the private key of the certificate in"
                        + " mortar.tls.cert " + rsa.certificateFile());
        assertThatThrownBy(() -> TlsConfig.of(rsa.certificateFile(), ec.keyFile()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mortar.tls.key " + ec.keyFile() + " is not the private key of the"
                        + " certificate in mortar.tls.cert " + rsa.certificateFile() + ", an RSA key");
    }

    @Test
    void filesThatAreNotPemCertificatesOrKeysAreRefusedByName() throws IOException {
        Path garbage = Files.writeString(dataDir.resolve("garbage.pem"), "not a certificate\n");
        Path badBase64 = Files.writeString(dataDir.resolve("bad.pem"),
                "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> TlsConfig.of(garbage, rsa.keyFile()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mortar.tls.cert " + garbage + " ");
        assertThatThrownBy(() -> TlsConfig.of(rsa.certificateFile(), garbage))
                .isInstanceOf(ConfigException.class)
                .hasMessage("mortar.tls.key " + garbage + " holds no private key (expected PEM: -----BEGIN PRIVATE"
                        + " KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
        assertThatThrownBy(() -> TlsConfig.of(rsa.certificateFile(), rsa.certificateFile()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mortar.tls.key " + rsa.certificateFile() + " holds no private key");
        assertThatThrownBy(() -> TlsConfig.of(rsa.keyFile(), rsa.keyFile()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mortar.tls.cert " + rsa.keyFile() + " ");
        assertThatThrownBy(() -> TlsConfig.of(rsa.certificateFile(), badBase64))
                .isInstanceOf(ConfigException.class)
                .hasMessage("mortar.tls.key " + badBase64 + ": the PRIVATE KEY block is not base64");
    }

    @Test
    void anEncryptedKeyIsRefusedSayingHowToDecryptIt() throws IOException {
        Path encrypted = certificates.resolve("encrypted.pem");
        Process p = new ProcessBuilder(SelfSignedCertificate.openssl(), "pkcs8", "-topk8", "-in",
                rsa.keyFile().toString(), "-out", encrypted.toString(), "-passout", "pass:secret")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(Files.readString(encrypted)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

        assertThatThrownBy(() -> TlsConfig.of(rsa.certificateFile(), encrypted))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mortar.tls.key " + encrypted + " is encrypted; give the server the key"
                        + " decrypted (openssl pkey -in " + encrypted);
    }

    @Test
    void theFilesAreReadAgainWhenTheServerAsksForItsKeys() throws IOException {
        Path cert = Files.copy(rsa.certificateFile(), dataDir.resolve("cert.pem"));
        Path key = Files.copy(rsa.keyFile(), dataDir.resolve("key.pem"));
        TlsConfig tls = TlsConfig.of(cert, key);
        Files.delete(key);

        assertThatThrownBy(tls::keyStore).isInstanceOf(ConfigException.class)
                .hasMessage("mortar.tls.key " + key + " cannot be read: no such file");
    }

    private static void assertServes(KeyStore store, SelfSignedCertificate certificate) throws Exception {
        assertThat(store.isKeyEntry(PemKeyStore.ALIAS)).isTrue();
        assertThat((X509Certificate) store.getCertificate(PemKeyStore.ALIAS)).isEqualTo(certificate.certificate());
        assertThat(store.getKey(PemKeyStore.ALIAS, PemKeyStore.PASSWORD.toCharArray()).getAlgorithm())
                .isEqualTo(certificate.certificate().getPublicKey().getAlgorithm());
    }
}
