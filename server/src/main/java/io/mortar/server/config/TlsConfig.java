package io.mortar.server.config;

import java.nio.file.Path;
import java.security.KeyStore;

/**
 * HTTPS for the API ({@code mortar.tls.cert}, {@code mortar.tls.key}): the server's certificate chain and its private
 * key as PEM files, both or neither. {@link #NONE} serves plain HTTP.
 *
 * @param certificateFile the certificate, then its intermediates; null without TLS
 * @param keyFile the certificate's private key (PKCS#8, or PKCS#1 RSA / SEC1 EC); null without TLS
 */
public record TlsConfig(Path certificateFile, Path keyFile) {
    public static final TlsConfig NONE = new TlsConfig(null, null);

    public TlsConfig {
        if (certificateFile == null && keyFile != null) {
            throw new ConfigException("mortar.tls.cert (--tls-cert) is not set: mortar.tls.key is, and the two go"
                    + " together, the certificate and its private key");
        }
        if (keyFile == null && certificateFile != null) {
            throw new ConfigException("mortar.tls.key (--tls-key) is not set: mortar.tls.cert is, and the two go"
                    + " together, the certificate and its private key");
        }
    }

    /** Reads both files now, so that one that cannot serve TLS is reported as the configuration is read. */
    public static TlsConfig of(Path certificateFile, Path keyFile) {
        TlsConfig tls = new TlsConfig(certificateFile, keyFile);
        if (tls.enabled()) {
            tls.keyStore();
        }
        return tls;
    }

    public boolean enabled() {
        return certificateFile != null;
    }

    /**
     * The files read again (a server started later serves what they hold then), as a key store whose one entry is
     * {@link PemKeyStore#ALIAS} with password {@link PemKeyStore#PASSWORD}.
     *
     * @throws ConfigException naming the file that cannot be used
     */
    public KeyStore keyStore() {
        if (!enabled()) {
            throw new IllegalStateException("TLS is not configured");
        }
        return PemKeyStore.read(certificateFile, keyFile);
    }
}
