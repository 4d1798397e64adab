package io.mortar.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The root key in {@code <data-dir>/credentials}, in the AWS shared-credentials file format (profile
 * {@code default}), readable by its owner only: the {@code mortar} CLI and the demo read it, and the AWS CLI, boto3
 * and the SDKs read it through {@code AWS_SHARED_CREDENTIALS_FILE}.
 */
public final class LocalCredentialsFile {
    public static final String FILE_NAME = "credentials";

    private LocalCredentialsFile() {}

    public static Path in(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /**
     * The root key a server wrote to {@code dataDir}, read as the AWS SDK reads a shared-credentials file (profile
     * {@code default}); empty if there is none (a server without authentication writes none). The one reader of
     * the file, for the local tools: the CLI, the demo, the benchmarks and the tests.
     */
    public static Optional<AwsCredentialsProvider> read(Path dataDir) {
        Path file = in(dataDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        ProfileFile profiles = ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build();
        return Optional.of(StaticCredentialsProvider.create(ProfileCredentialsProvider.builder()
                .profileFile(profiles).profileName("default").build().resolveCredentials()));
    }

    /** Writes the file unless it already holds this key; returns where it is. */
    public static Path write(Path dataDir, AccessKeys.Issued root) {
        Path file = in(dataDir);
        String text = "# Mortar's root access key (it may do everything). Keep this file private.\n"
                + "[default]\n"
                + "aws_access_key_id = " + root.accessKeyId() + "\n"
                + "aws_secret_access_key = " + root.secretAccessKey() + "\n";
        try {
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                return file;
            }
            // created with its final permissions, then moved into place: never readable by others, never half-written
            Path temporary = Files.createTempFile(dataDir, FILE_NAME, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the root access key to " + file, e);
        }
    }
}
