package io.mortar.cli.http;

import io.mortar.server.auth.LocalCredentialsFile;
import io.mortar.server.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Whose key the CLI signs with, found without set-up: keys in the environment ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}) when a user gives them; else a shared-credentials file
 * named by {@code AWS_SHARED_CREDENTIALS_FILE} (profile {@code AWS_PROFILE}, default {@code default}); else the
 * local server's root key in {@code <data-dir>/credentials} ({@code MORTAR_DATA_DIR}, default {@code ~/.mortar}),
 * which {@code mortar server} writes on first start. {@code ~/.aws/credentials} is not read: its keys are for AWS.
 * With none of them the CLI sends unsigned requests, which a server with authentication refuses.
 */
public final class MortarCredentials {
    private MortarCredentials() {}

    public static AwsCredentialsProvider resolve(Map<String, String> environment) {
        String id = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (id != null && !id.isBlank() && secret != null && !secret.isBlank()) {
            String token = environment.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(token == null || token.isBlank()
                    ? AwsBasicCredentials.create(id, secret) : AwsSessionCredentials.create(id, secret, token));
        }
        return file(environment).map(file -> fromFile(file, environment.getOrDefault("AWS_PROFILE", "default")))
                .orElse(AnonymousCredentialsProvider.create());
    }

    /** The root key of a local server's data directory (anonymous if it wrote none: no authentication). */
    public static AwsCredentialsProvider fromDataDir(Path dataDir) {
        return LocalCredentialsFile.read(dataDir).orElse(AnonymousCredentialsProvider.create());
    }

    private static Optional<Path> file(Map<String, String> environment) {
        String named = environment.get("AWS_SHARED_CREDENTIALS_FILE");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named));
        }
        String dataDir = environment.get("MORTAR_DATA_DIR");
        Path local = LocalCredentialsFile.in(dataDir == null || dataDir.isBlank() ? ConfigLoader.defaultDataDir()
                : Path.of(dataDir));
        return Files.isReadable(local) ? Optional.of(local) : Optional.empty();
    }

    private static AwsCredentialsProvider fromFile(Path file, String profile) {
        ProfileFile credentials = ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build();
        return ProfileCredentialsProvider.builder().profileFile(credentials).profileName(profile).build();
    }
}
