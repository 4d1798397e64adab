package io.mortar.auth.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC-SHA256, the two primitives SigV4 is built from, and the lower-case hex it writes them in.
 *
 * <p>Each thread keeps its own digest and MAC: looking them up by name through the security providers on every call
 * ({@code getInstance}) was the largest single leaf when a server's verification was profiled in place; neither is
 * thread-safe, and both reset after every result.
 */
final class Sha256 {
    private static final HexFormat HEX = HexFormat.of(); // lower case, as SigV4 writes hashes
    private static final String HMAC = "HmacSHA256";
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(Sha256::newMac);

    private Sha256() {
    }

    static String hex(byte[] data) {
        return hexOf(DIGEST.get().digest(data));
    }

    static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, String data) {
        Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(key, HMAC));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 takes a key of any length", e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    static String hexOf(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(HMAC);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
