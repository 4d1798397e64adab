package io.mortar.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * A self-signed certificate for {@code localhost}, 127.0.0.1 and ::1, made for a test by the JDK's {@code keytool}
 * (always there, so TLS tests never skip), written as PEM files as a user would hand them to {@code --tls-cert}
 * and {@code --tls-key}: the certificate, and the key in PKCS#8. {@link #traditionalKey} converts the key to
 * OpenSSL's older forms with {@code openssl} itself, where it is installed.
 *
 * @param certificateFile the certificate as PEM
 * @param keyFile the private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY})
 */
public record SelfSignedCertificate(Path certificateFile, Path keyFile, X509Certificate certificate) {
    private static final String PASSWORD = "changeit";

    /** @param algorithm {@code RSA} or {@code EC} */
    public static SelfSignedCertificate create(Path dir, String algorithm) {
        try {
            Path store = dir.resolve(algorithm.toLowerCase() + ".p12");
            Files.deleteIfExists(store);
            run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                    "-alias", "server", "-keyalg", algorithm, "-keysize", algorithm.equals("EC") ? "256" : "2048",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD), dir);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            X509Certificate certificate = (X509Certificate) keys.getCertificate("server");
            PrivateKey key = (PrivateKey) keys.getKey("server", PASSWORD.toCharArray());
            Path certificateFile = Files.writeString(dir.resolve(algorithm.toLowerCase() + "-cert.pem"),
                    pem("CERTIFICATE", certificate.getEncoded()));
            Path keyFile = Files.writeString(dir.resolve(algorithm.toLowerCase() + "-key.pem"),
                    pem("PRIVATE KEY", key.getEncoded()));
            return new SelfSignedCertificate(certificateFile, keyFile, certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key in OpenSSL's traditional form: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) for RSA, SEC1 ({@code BEGIN
     * EC PRIVATE KEY}) for EC. Skips the test when {@code openssl} is not installed.
     */
    public Path traditionalKey() {
        Path out = keyFile.resolveSibling(keyFile.getFileName().toString().replace(".pem", "-traditional.pem"));
        run(List.of(openssl(), "pkey", "-in", keyFile.toString(), "-traditional", "-out", out.toString()),
                keyFile.getParent());
        return out;
    }

    /** The {@code openssl} command; skips the test when it is not installed. */
    public static String openssl() {
        try {
            Process probe = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            Assumptions.assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                    "openssl is not usable");
        } catch (IOException e) {
            Assumptions.abort("openssl is not installed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return "openssl";
    }

    /** Trust managers that trust this certificate and nothing else. */
    public TrustManager[] trustManagers() {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("mortar", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return factory.getTrustManagers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS client context that trusts this certificate and nothing else. */
    public SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    private static void run(List<String> command, Path dir) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
