package io.mortar.catalog.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordCipherTest {
    @TempDir
    Path dir;

    @Test
    void aValueOpensUnderItsKeyAndNameOnly() {
        PasswordCipher cipher = new PasswordCipher(ConnectionKey.resolve(ConnectionKey.generate(), dir));
        String sealed = cipher.encrypt("sales", "hunter2");

        assertThat(sealed).startsWith("v1:").doesNotContain("hunter2");
        assertThat(cipher.encrypt("sales", "hunter2")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(cipher.decrypt("sales", sealed)).isEqualTo("hunter2");
        assertThatThrownBy(() -> cipher.decrypt("orders", sealed)).as("bound to the connection name")
                .isInstanceOf(PasswordCipher.WrongKeyException.class);
        PasswordCipher other = new PasswordCipher(ConnectionKey.resolve(ConnectionKey.generate(), dir));
        assertThatThrownBy(() -> other.decrypt("sales", sealed)).isInstanceOf(PasswordCipher.WrongKeyException.class)
                .hasMessageContaining("different key than mortar.connections.key");
        // Flip one bit of the ciphertext itself (editing the last base64 character may touch only padding bits).
        byte[] raw = Base64.getDecoder().decode(sealed.substring("v1:".length()));
        raw[raw.length / 2] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> cipher.decrypt("sales", tampered)).isInstanceOf(PasswordCipher.WrongKeyException.class);
        assertThatThrownBy(() -> cipher.decrypt("sales", "plain")).isInstanceOf(PasswordCipher.WrongKeyException.class);
    }

    @Test
    void theKeyFileIsCreatedOwnerOnlyAndReusedAcrossStarts() throws IOException {
        ConnectionKey first = ConnectionKey.resolve(null, dir);
        Path file = dir.resolve(ConnectionKey.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary left behind")
                    .containsExactly(ConnectionKey.FILE_NAME);
        }
        String sealed = new PasswordCipher(first).encrypt("c", "p");
        assertThat(new PasswordCipher(ConnectionKey.resolve(null, dir)).decrypt("c", sealed)).isEqualTo("p");
        assertThat(first.toString()).doesNotContain(Files.readString(file).strip());
    }

    @Test
    void aKeyFileOthersCanReadIsRefused() throws IOException {
        ConnectionKey.resolve(null, dir);
        Path file = dir.resolve(ConnectionKey.FILE_NAME);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ConnectionKey.resolve(null, dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rw-r--r--").hasMessageContaining("chmod 600");
    }

    @Test
    void aConfiguredKeyMustBe32BytesOfBase64() {
        assertThatThrownBy(() -> ConnectionKey.resolve("not base64!", dir))
                .hasMessageContaining("mortar.connections.key must be a base64-encoded 32-byte key");
        assertThatThrownBy(() -> ConnectionKey.resolve("AAAA", dir)).hasMessageContaining("not 3 bytes");
        assertThat(Files.exists(dir.resolve(ConnectionKey.FILE_NAME))).as("no key file with a configured key")
                .isFalse();
    }
}
