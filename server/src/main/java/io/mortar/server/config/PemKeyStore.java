package io.mortar.server.config;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate chain and its private key, read from PEM files as web servers take them, into the in-memory
 * {@link KeyStore} TLS serves from. The JDK reads the certificates and PKCS#8 keys ({@code BEGIN PRIVATE KEY}); the
 * two "traditional" OpenSSL forms, PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}) and SEC1 EC ({@code BEGIN EC PRIVATE
 * KEY}), are the same key wrapped once less, so they are wrapped into PKCS#8 here (a few bytes of DER) rather than
 * bringing in a PEM library. Encrypted keys are refused with how to decrypt them. The key must be the certificate's:
 * it signs a challenge that the certificate's public key verifies.
 */
public final class PemKeyStore {
    /** The key entry's alias and password: the store lives only in this process's memory, so neither is a secret. */
    public static final String ALIAS = "mortar";
    public static final String PASSWORD = "mortar";

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** The DER of the AlgorithmIdentifier {rsaEncryption, NULL}, which a PKCS#1 key lacks. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemKeyStore() {}

    /**
     * @param certificateFile the server's certificate first, then any intermediates
     * @param keyFile the certificate's private key (a file holding both certificate and key works too)
     * @throws ConfigException naming the file that cannot be read or used, and why
     */
    public static KeyStore read(Path certificateFile, Path keyFile) {
        X509Certificate[] chain = certificates(certificateFile);
        PrivateKey key = privateKey(keyFile, chain[0].getPublicKey(), certificateFile);
        requireMatching(key, chain[0].getPublicKey(), certificateFile, keyFile);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, PASSWORD.toCharArray(), chain);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("mortar.tls.key " + keyFile + " cannot serve TLS: " + e.getMessage());
        }
    }

    private static X509Certificate[] certificates(Path file) {
        byte[] bytes = readFile("mortar.tls.cert", file);
        Collection<? extends Certificate> read;
        try {
            // The JDK's X.509 factory reads a sequence of PEM blocks (or DER) itself.
            read = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(
                    certificateBlocks(bytes)));
        } catch (CertificateException e) {
            throw new ConfigException("mortar.tls.cert " + file + " is not a PEM certificate chain: " + e.getMessage());
        }
        if (read.isEmpty()) {
            throw new ConfigException("mortar.tls.cert " + file + " holds no certificate (expected PEM: -----BEGIN"
                    + " CERTIFICATE-----)");
        }
        return read.toArray(new X509Certificate[0]);
    }

    /**
     * Only the CERTIFICATE blocks of the text: a PEM file may also hold a key or openssl's "Bag Attributes" lines,
     * which the JDK's reader does not skip.
     */
    private static byte[] certificateBlocks(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        StringBuilder blocks = new StringBuilder();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals("CERTIFICATE")) {
                blocks.append(m.group()).append('\n');
            }
        }
        return blocks.isEmpty() ? bytes : blocks.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** @param certified the certificate's public key: its algorithm is the key's, and its EC curve a SEC1 key's */
    private static PrivateKey privateKey(Path file, PublicKey certified, Path certificateFile) {
        String text = new String(readFile("mortar.tls.key", file), StandardCharsets.ISO_8859_1);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String label = m.group(1);
            if (!label.endsWith("PRIVATE KEY")) {
                continue; // a certificate or openssl's EC PARAMETERS before the key
            }
            // PKCS#8 encrypted, or the traditional form's encryption headers (Proc-Type: 4,ENCRYPTED)
            if (label.equals("ENCRYPTED PRIVATE KEY") || m.group(2).contains("Proc-Type:")) {
                throw new ConfigException("mortar.tls.key " + file + " is encrypted; give the server the key"
                        + " decrypted (openssl pkey -in " + file + " -out key.pem), readable only by its user");
            }
            byte[] der;
            try {
                der = Base64.getDecoder().decode(m.group(2).replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("mortar.tls.key " + file + ": the " + label + " block is not base64");
            }
            byte[] pkcs8 = switch (label) {
                case "PRIVATE KEY" -> der;
                case "RSA PRIVATE KEY" -> pkcs8(RSA_ALGORITHM, der);
                case "EC PRIVATE KEY" -> pkcs8(algorithmIdentifier(certified), der);
                default -> throw new ConfigException("mortar.tls.key " + file + ": a " + label + " is not supported;"
                        + " give a PKCS#8 key (BEGIN PRIVATE KEY), RSA or EC");
            };
            try {
                return KeyFactory.getInstance(certified.getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new ConfigException("mortar.tls.key " + file + " is not the private key of the certificate in"
                        + " mortar.tls.cert " + certificateFile + ", an " + certified.getAlgorithm() + " key, or"
                        + " cannot be read as one (" + e.getMessage() + ")");
            }
        }
        throw new ConfigException("mortar.tls.key " + file + " holds no private key (expected PEM: -----BEGIN PRIVATE"
                + " KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
    }

    /** The key signs random bytes and the certificate's key must verify them: only its own key can. */
    private static void requireMatching(PrivateKey key, PublicKey certified, Path certificateFile, Path keyFile) {
        String algorithm = switch (certified.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> throw new ConfigException("mortar.tls.cert " + certificateFile + ": its "
                    + certified.getAlgorithm() + " key is not supported; use an RSA or EC certificate");
        };
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new ConfigException("mortar.tls.key " + keyFile + " is not the private key of the certificate in"
                    + " mortar.tls.cert " + certificateFile);
        }
    }

    private static byte[] readFile(String setting, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(setting + " " + file + " cannot be read: " + describe(e));
        }
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e.getClass().getSimpleName() + " " + e.getMessage();
    }

    // --- the little DER that turns a traditional key into PKCS#8 ---

    /** PrivateKeyInfo: SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING key }. */
    private static byte[] pkcs8(byte[] algorithmIdentifier, byte[] key) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(algorithmIdentifier);
        body.writeBytes(tlv(0x04, key));
        return tlv(0x30, body.toByteArray());
    }

    /**
     * The AlgorithmIdentifier in an X.509 public key (SubjectPublicKeyInfo: SEQUENCE { AlgorithmIdentifier, BIT
     * STRING }): for EC it names the curve, which is what a SEC1 key wrapped into PKCS#8 needs.
     */
    private static byte[] algorithmIdentifier(PublicKey key) {
        byte[] spki = key.getEncoded();
        int inner = headerLength(spki, 0);
        int length = inner + headerLength(spki, inner) + contentLength(spki, inner);
        byte[] algorithm = new byte[length - inner];
        System.arraycopy(spki, inner, algorithm, 0, algorithm.length);
        return algorithm;
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** The bytes of tag and length at {@code at}. */
    private static int headerLength(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        return first < 0x80 ? 2 : 2 + (first & 0x7f);
    }

    private static int contentLength(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int n = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            n = (n << 8) | (der[at + 2 + i] & 0xff);
        }
        return n;
    }
}
