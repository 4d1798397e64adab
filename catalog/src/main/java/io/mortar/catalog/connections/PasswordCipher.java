package io.mortar.catalog.connections;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Connection secrets at rest: AES-256-GCM, a random 96-bit nonce per value, the connection's name as associated
 * data, so a ciphertext copied onto another connection fails to open instead of lending it a password. The
 * stored form is {@code v1:} + base64(nonce ‖ ciphertext ‖ tag).
 */
public final class PasswordCipher {
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyOrigin;
    private final SecureRandom random = new SecureRandom();

    public PasswordCipher(ConnectionKey key) {
        requireNonNull(key, "key");
        this.key = new SecretKeySpec(key.bytes(), "AES");
        this.keyOrigin = key.origin();
    }

    public String encrypt(String connectionName, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(connectionName.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * @throws WrongKeyException when the value was sealed under another key or another connection name, or was
     *     altered
     */
    public String decrypt(String connectionName, String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new WrongKeyException("not a value this cipher wrote");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new WrongKeyException("corrupt ciphertext");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new WrongKeyException("corrupt ciphertext");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(connectionName.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new WrongKeyException("it was encrypted with a different key than " + keyOrigin
                    + ", or altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** A stored secret that does not open under this server's key. */
    public static final class WrongKeyException extends RuntimeException {
        WrongKeyException(String reason) {
            super(reason);
        }
    }
}
