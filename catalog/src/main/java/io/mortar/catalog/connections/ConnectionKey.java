package io.mortar.catalog.connections;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The 256-bit AES key connection passwords are encrypted with: given in the configuration (base64), or else kept in
 * {@code <data-dir>/connection.key}, generated on first start with owner-only permissions. A key file others can
 * read is refused rather than used, since anyone who can read it can read every stored password.
 */
public final class ConnectionKey {
    public static final String FILE_NAME = "connection.key";
    private static final int KEY_BYTES = 32;

    private final byte[] key;
    private final String origin;

    private ConnectionKey(byte[] key, String origin) {
        this.key = key;
        this.origin = origin;
    }

    /**
     * @param configured the key in base64 from {@code mortar.connections.key}, or null to use the key file
     * @param dataDir where the key file lives
     */
    public static ConnectionKey resolve(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return new ConnectionKey(decode(configured.strip(), "mortar.connections.key"), "mortar.connections.key");
        }
        return fromFile(dataDir.resolve(FILE_NAME));
    }

    static ConnectionKey fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            requireOwnerOnly(file);
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return new ConnectionKey(decode(text, file.toString()), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the connection key file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        // Written whole under a temporary name created with its final permissions, then linked into place: no
        // moment at which others could open it, and a server starting alongside never reads a half-written key.
        Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp",
                PosixFilePermissions.asFileAttribute(ownerOnly));
        try {
            Files.writeString(temporary, generate() + "\n", StandardCharsets.US_ASCII);
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException e) {
            // another server on this data directory made it first: use theirs
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void requireOwnerOnly(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        for (PosixFilePermission p : permissions) {
            if (p != PosixFilePermission.OWNER_READ && p != PosixFilePermission.OWNER_WRITE) {
                throw new IllegalStateException("The connection key file " + file + " has permissions "
                        + PosixFilePermissions.toString(permissions) + "; it must be readable by its owner only"
                        + " (chmod 600 " + file + ")");
            }
        }
    }

    private static byte[] decode(String base64, String where) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " must be a base64-encoded 32-byte key: " + e.getMessage());
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(where + " must be a base64-encoded 32-byte key, not " + key.length
                    + " bytes");
        }
        return key;
    }

    /** A fresh random key in base64, as {@code mortar.connections.key} takes it. */
    public static String generate() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    byte[] bytes() {
        return key.clone();
    }

    /** Where the key came from (the setting or the file), for error messages; never the key itself. */
    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return "ConnectionKey[" + origin + "]";
    }
}
